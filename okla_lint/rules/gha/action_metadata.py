"""action-metadata-invalid: what the runner refuses in an action's metadata file beyond the
schema (workflow-schema): an input or output that is not a mapping, and the script or
Dockerfile that `runs` names but the action's folder does not hold."""
from __future__ import annotations

import fnmatch
import posixpath
from pathlib import Path
from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.registry import check

RULE = "action-metadata-invalid"


def _ignored(folder: Path, top: Path, rel: str) -> bool:
    """The file is built, not committed: a package.json next to the action (or above it in
    the repository) builds it, or a .gitignore there names it."""
    parts = rel.split("/")
    d = folder
    while True:
        try:
            if (d / "package.json").is_file():
                return True
            gi = d / ".gitignore"
            lines = gi.read_text(encoding="utf-8", errors="replace").splitlines() if gi.is_file() else []
        except OSError:
            return True
        for line in lines:
            pat = line.strip()
            if not pat or pat.startswith(("#", "!")):
                continue
            pat = pat.strip("/")
            if any(fnmatch.fnmatch(p, pat) for p in parts) or fnmatch.fnmatch(rel, pat):
                return True
        if d == top or d.parent == d:
            return False
        d = d.parent


def _scalar_problem(ctx: Any, m: LMap, section: str) -> None:
    node = m.get(section)
    if not isinstance(node, LMap):
        return
    for name, spec in node.items():
        if spec is None or isinstance(spec, LMap):
            continue
        what = "a list" if isinstance(spec, LSeq) else repr(spec)
        ctx.report(
            node.value_span(name),
            f"`{section}.{name}` is {what}, not a mapping: the runner refuses to load the action (\"A mapping was "
            f"expected\"), so every step that uses it fails; write `{name}:` with keys such as `description:`"
            + (" and `default:`" if section == "inputs" else " and `value:`"),
            context=f"{section}.{name}:shape",
        )


@check(RULE, on="action")
def action_metadata(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root if unit.docs else None
    if not isinstance(root, LMap):
        return
    _scalar_problem(ctx, root, "inputs")
    _scalar_problem(ctx, root, "outputs")
    runs = root.get("runs")
    if not isinstance(runs, LMap) or unit.host is not None:
        return
    using = runs.get("using")
    if not isinstance(using, str):
        return
    using = using.strip().lower()
    if using.startswith("node"):
        keys = ("main", "pre", "post")
    elif using == "docker":
        keys = ("image",)
    else:
        return
    top = ctx.model.extra.get("root")  # reading the model: the file system decides this check
    folder = Path(unit.path).parent
    top = Path(top) if top is not None else folder
    for key in keys:
        value = runs.get(key)
        if not isinstance(value, str) or not value.strip() or "${{" in value or "://" in value:
            continue
        rel = posixpath.normpath(value.strip().replace("\\", "/"))
        if rel.startswith(("/", "../")) or rel == "..":
            continue
        try:
            if (folder / rel).exists():
                continue
        except (OSError, ValueError):
            continue
        if key != "image" and _ignored(folder, top, rel):
            continue
        what = "Dockerfile" if key == "image" else "script"
        ctx.report(
            runs.value_span(key),
            f"`runs.{key}` names the {what} '{value}', which is not in the action's folder `{unit.rel.rsplit('/', 1)[0] if '/' in unit.rel else '.'}`: "
            f"the runner fails every step that uses the action (\"File not found\"); fix the path (it is relative to "
            "the folder of action.yml) or commit the file",
            context=f"runs.{key}:missing",
        )
