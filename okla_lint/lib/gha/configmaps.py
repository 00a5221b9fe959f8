"""ConfigMaps that workflows create from files of the repository
(``kubectl create configmap NAME --from-file=KEY=PATH``)."""
from __future__ import annotations

import posixpath

from ...core.files import FileUnit
from ...core.located import Span
from ...core.model import RepoModel
from ...core.source import scalar_sub_span
from .shell import option_values, parse_script
from .workdir import declared_working_dir


def from_file_mappings(model: RepoModel) -> dict[str, list[tuple[str, str, FileUnit, Span]]]:
    """ConfigMap name -> [(data key, path, workflow file, span of the --from-file value)]."""
    out: dict[str, list[tuple[str, str, FileUnit, Span]]] = {}
    for wf in model.workflows:
        for job in wf.jobs():
            for step in job.steps():
                run = step.node.get("run")
                if not isinstance(run, str) or "--from-file" not in run:
                    continue
                rspan = step.node.value_span("run")
                wd = declared_working_dir(step)
                wd = wd if isinstance(wd, str) and "${{" not in wd else ""
                for cmd in parse_script(run):
                    args = cmd.args
                    argv = [w.text for w in args]
                    if not argv or argv[0].rsplit("/", 1)[-1] not in ("kubectl", "oc"):
                        continue
                    if "create" not in argv[1:4] or not ({"configmap", "cm"} & set(argv[1:5])):
                        continue
                    i = argv.index("configmap") if "configmap" in argv else argv.index("cm")
                    positional = [w for w in args[i + 1 :] if not w.text.startswith("-")]
                    if not positional:
                        continue
                    name = positional[0].text
                    for _, word, off in option_values(args, "--from-file"):
                        value = word.text[word.text.find("=") + 1 :] if word.text.startswith("--from-file=") else word.text
                        key, _, path = value.partition("=") if "=" in value else (posixpath.basename(value), "", value)
                        if wd and not path.startswith("/"):
                            path = posixpath.normpath(posixpath.join(wd, path))
                        start = word.start + off
                        span = scalar_sub_span(wf.file, rspan, run, start, word.end)
                        out.setdefault(name, []).append((key, path, wf.file, span))
    return out
