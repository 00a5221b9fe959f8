"""Kubernetes Secrets that workflows create (``kubectl create secret TYPE NAME``), for
cross-file rules: a pull secret defined nowhere in the manifests may be created by a
deploy workflow, possibly from the job's short-lived token."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...core.files import YAML, FileUnit
from ...core.located import Span
from ...core.model import RepoModel
from .shell import parse_script, pipelines
from .taint import earlier_logins, kube_verbs, script_sinks, ssh_remote_script, step_scope


@dataclass(frozen=True)
class CreatedSecret:
    name: str
    namespace: str | None
    type: str  # docker-registry, generic, tls
    file: FileUnit
    span: Span  # the NAME word in the run script
    ephemeral: str | None  # how the short-lived token gets in, when it does
    lines: tuple[int, int] = (0, 0)  # first and last line of the command that creates it


_VAR = re.compile(r"\$(\{[^}]*\}|\([^)]*\)|[A-Za-z_][A-Za-z0-9_]*)")


def name_pattern(created: str) -> re.Pattern[str] | None:
    """A regular expression for the Secret names a created NAME word can produce when it holds
    a shell variable or command substitution (``${SVC}-db-secret`` in a loop over services),
    or None when the name is literal."""
    if "$" not in created:
        return None
    parts = _VAR.split(created)
    # split keeps the captured groups at odd positions: literal, var, literal, ...
    rx = "".join(re.escape(part.strip("\"'")) if i % 2 == 0 else ".+" for i, part in enumerate(parts))
    return re.compile(rx)  # only variables: any name


def created_names_match(created: list[CreatedSecret], name: str) -> bool:
    """A workflow creates a Secret of this name: literally, or through a name with a
    variable that can expand to it."""
    for cs in created:
        if cs.name == name:
            return True
        rx = name_pattern(cs.name)
        if rx is not None and rx.fullmatch(name):
            return True
    return False


def created_secrets(model: RepoModel, ctx) -> list[CreatedSecret]:
    """Every ``kubectl create secret`` in the workflows and actions of the model (cached)."""
    cached = model.extra.get("created_secrets")
    if cached is not None:
        return cached
    out: list[CreatedSecret] = []
    for step in model.steps():
        run = step.node.get("run")
        if not isinstance(run, str) or "secret" not in run:
            continue
        span = step.node.value_span("run")
        sinks = script_sinks(run, step_scope(step, model), earlier_logins(step))
        for cmd, off in _commands(run, step_scope(step, model)):
            args = cmd.args
            argv = [w.text for w in args]
            if len(argv) < 5 or argv[0].rsplit("/", 1)[-1] not in ("kubectl", "oc"):
                continue
            verbs = kube_verbs(argv)
            if verbs[:2] != ["create", "secret"] or len(verbs) < 4:
                continue
            # the NAME word: the second positional word after `secret`
            i = next(k for k, w in enumerate(args) if w.text == "secret" and k > argv.index("create"))
            stype, name_word = verbs[2], None
            seen = 0
            skip = False
            for w in args[i + 1 :]:
                if skip:
                    skip = False
                    continue
                if w.text.startswith("-"):
                    skip = w.text in ("-n", "--namespace", "--context", "--kubeconfig")
                    continue
                seen += 1
                if seen == 2:
                    name_word = w
                    break
            if name_word is None:
                continue
            ns = None
            for k, w in enumerate(args):
                if w.text in ("-n", "--namespace") and k + 1 < len(args):
                    ns = args[k + 1].text
                elif w.text.startswith("--namespace="):
                    ns = w.text.split("=", 1)[1]
            eph = None
            for t, _sink, _ in sinks:
                if off + cmd.words[0].start <= t.start <= off + cmd.words[-1].end:
                    eph = t.origin.what
                    break
            out.append(
                CreatedSecret(
                    name_word.text,
                    ns,
                    stype,
                    step.file,
                    ctx.sub_span(span, run, off + name_word.start, off + name_word.end, unit=step.file),
                    eph,
                    _lines(ctx.sub_span(span, run, off + cmd.words[0].start, off + cmd.words[-1].end, unit=step.file)),
                )
            )
    model.extra["created_secrets"] = out
    return out


def _commands(run: str, scope) -> list:
    """(command, offset of its script in ``run``) for every command of a run script and of
    the scripts it runs on another host over ssh (``ssh host "kubectl create secret ..."``)."""
    out = []
    for pipe in pipelines(parse_script(run)):
        for cmd in pipe:
            out.append((cmd, 0))
            if cmd.prog() == "ssh":
                remote = ssh_remote_script(cmd, scope)
                if remote is not None:
                    text, off, _ = remote
                    out.extend((c, off) for p in pipelines(parse_script(text)) for c in p)
    return out


def _lines(span: Span) -> tuple[int, int]:
    return (span.line, span.end_line or span.line)


def sees_workflows(model: RepoModel) -> bool:
    """False when the project has workflows on disk that this run did not read (files
    linted alone, without project context): then "no workflow creates it" is unknown."""
    root = model.extra.get("root")
    if root is None or model.workflows:
        return True
    wf_dir = Path(root) / ".github" / "workflows"
    try:
        return not any(p.suffix in (".yml", ".yaml") for p in wf_dir.iterdir())
    except OSError:
        return True


def other_ci_mentions(model: RepoModel, name: str) -> bool:
    """A YAML file that is neither a manifest nor a GitHub workflow (an Azure Pipelines
    `KubernetesManifest` task with `action: createSecret`, a GitLab CI job, a Cloud Build
    step...) names the Secret: another CI system may create it, which this run cannot tell."""
    return any(u.kind == YAML and u.src is not None and name in u.src.text for u in model.files)
