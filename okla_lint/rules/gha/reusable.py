"""Calls of local reusable workflows (``jobs.<id>.uses: ./.github/workflows/x.yml``): the
inputs and secrets passed must be declared by the called workflow's ``on.workflow_call``,
and the required ones must be passed."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ...core.located import LMap
from ...core.suggest import closest
from ...core.model import Job, Workflow
from ...core.registry import check
from .contexts import report_once


def _repo_prefix(rel: str) -> str:
    """The folder that holds ``.github/`` for a workflow at ``rel`` ('' at the root)."""
    i = rel.find(".github/workflows/")
    return rel[:i] if i >= 0 else ""


def called_workflow(job: Job, model: Any) -> Workflow | None:
    """The local workflow a ``uses: ./...`` job calls, when it is in the project."""
    uses = job.node.get("uses")
    if not isinstance(uses, str) or not uses.startswith("./") or "@" in uses or "${{" in uses:
        return None
    rel = posixpath.normpath(_repo_prefix(job.workflow.file.rel) + uses[2:])
    index = model.extra.get("gha.workflows_by_rel")
    if index is None:
        index = model.extra["gha.workflows_by_rel"] = {w.file.rel: w for w in model.workflows}
    return index.get(rel)


def _workflow_call(wf: Workflow) -> LMap | None | bool:
    """The ``on.workflow_call`` mapping; an empty LMap when declared without settings;
    False when the workflow has no ``workflow_call`` trigger."""
    on = wf.root.get("on")
    if isinstance(on, str):
        return LMap() if on == "workflow_call" else False
    if isinstance(on, list):
        return LMap() if "workflow_call" in on else False
    if isinstance(on, LMap):
        if "workflow_call" not in on:
            return False
        wc = on["workflow_call"]
        return wc if isinstance(wc, LMap) else LMap()
    return None


def _decl(wc: LMap, key: str) -> dict[str, tuple[str, LMap | None]]:
    m = wc.get(key)
    out: dict[str, tuple[str, LMap | None]] = {}
    if isinstance(m, LMap):
        for k, spec in m.items():
            out[str(k).lower()] = (str(k), spec if isinstance(spec, LMap) else None)
    return out


def _required(spec: LMap | None, secret: bool) -> bool:
    """Required and without a default (an input with a default is optional for callers)."""
    return isinstance(spec, LMap) and spec.get("required") is True and (secret or "default" not in spec)


@check("reusable-workflow-undeclared-arg", "reusable-workflow-missing-arg", on="job")
def reusable_call(ctx: Any, job: Job) -> None:
    called = called_workflow(job, ctx.model)
    if called is None:
        return
    uses = job.node["uses"]
    uses_span = job.node.value_span("uses")
    wc = _workflow_call(called)
    if wc is None:
        return
    if wc is False:
        report_once(
            ctx,
            "reusable-workflow-undeclared-arg",
            uses_span,
            f"`{uses}` has no `on.workflow_call` trigger, so it cannot be called as a reusable workflow: "
            "GitHub rejects this workflow; add `workflow_call:` to the called workflow's `on:`.",
            related=[(called.file, called.root.key_span("on") if "on" in called.root else called.root.span, "its triggers")],
            context=f"{job.id}:{uses}:not-callable",
        )
        return
    assert isinstance(wc, LMap)
    related = [(called.file, wc.span if wc.span else called.root.span, "the called workflow's `on.workflow_call`")]
    for key, what in (("with", "input"), ("secrets", "secret")):
        decl = _decl(wc, "inputs" if key == "with" else "secrets")
        given = job.node.get(key)
        if key == "secrets" and given == "inherit":
            continue
        given_names: set[str] = set()
        if isinstance(given, LMap):
            for k in given:
                name = str(k)
                given_names.add(name.lower())
                if name.lower() in decl:
                    continue
                near = closest(name, list(decl))
                hint = f" (did you mean `{decl[near][0]}`?)" if near else ""
                declared = ", ".join(f"`{d[0]}`" for d in decl.values()) or "none"
                report_once(
            ctx,
                    "reusable-workflow-undeclared-arg",
                    given.key_span(k),
                    f"{what} `{name}` is not declared in `on.workflow_call.{'inputs' if key == 'with' else 'secrets'}` "
                    f"of `{uses}` (declared: {declared}): GitHub rejects the workflow (\"Invalid {what}, {name} is not "
                    f"defined in the referenced workflow\"){hint}; fix the name, remove it, or "
                    f"declare it in the called workflow.",
                    related=related,
                    context=f"{job.id}:{uses}:{key}:{name.lower()}",
                )
        elif given is not None:
            continue  # an expression or a wrong type: the schema rule says so
        for low, (name, spec) in decl.items():
            if low in given_names or not _required(spec, key == "secrets"):
                continue
            where = job.node.key_span(key) if key in job.node else uses_span
            report_once(
            ctx,
                "reusable-workflow-missing-arg",
                where,
                f"required {what} `{name}` of `{uses}` is not passed in `{key}:`: GitHub rejects the workflow "
                f"(\"{what.capitalize()} {name} is required, but not provided while calling\"); pass it"
                + (" or use `secrets: inherit`." if key == "secrets" else "."),
                related=[(called.file, spec.span if isinstance(spec, LMap) else wc.span, f"`{name}` is declared required here")],
                context=f"{job.id}:{uses}:{key}:{low}:missing",
                distinct=f"{key}:{low}",
            )


# -- local actions -------------------------------------------------------------------------


def _checkout_paths(steps: Any, upto: int) -> list[str]:
    """Folders that earlier ``actions/checkout`` steps put this repository in (``path:``)."""
    out = []
    if not isinstance(steps, list):
        return out
    for st in steps[:upto]:
        if not isinstance(st, LMap) or not str(st.get("uses", "")).lower().startswith("actions/checkout@"):
            continue
        w = st.get("with")
        if not isinstance(w, LMap) or not isinstance(w.get("path"), str):
            continue
        repo = w.get("repository")
        same = repo is None or (isinstance(repo, str) and repo.replace(" ", "") == "${{github.repository}}")
        raw = re.sub(r"^\$\{\{\s*github\.workspace\s*\}\}/?", "", w["path"].strip())
        path = posixpath.normpath(raw) if raw else "."
        if same and path not in (".", "") and not path.startswith(("/", "..", "$")):
            out.append(path)
    return out


def local_action(step: Any, model: Any) -> Any:
    """The action.yml / action.yaml unit a ``uses: ./path`` step runs, when it is in the
    project (the path is relative to the workspace: the repository root after checkout, or
    the ``path:`` an earlier ``actions/checkout`` step put it in)."""
    uses = step.node.get("uses")
    if not isinstance(uses, str) or not uses.startswith("./") or "${{" in uses:
        return None
    rel = step.file.rel
    i = rel.find(".github/")
    prefix = rel[:i] if i >= 0 else ""
    target = posixpath.normpath(uses[2:].split("@", 1)[0])
    if target.endswith((".yml", ".yaml")):
        return None  # a workflow file: not an action
    candidates = [target]
    index = getattr(step, "index", None)
    if index is not None:
        for path in _checkout_paths(getattr(step, "parent", None), index):
            if target.startswith(path + "/"):
                candidates.append(target[len(path) + 1 :])
    for cand in candidates:
        base = posixpath.normpath(prefix + cand)
        for name in ("action.yml", "action.yaml"):
            unit = model.by_rel.get(posixpath.join(base, name) if base != "." else name)
            if unit is not None and unit.docs and isinstance(unit.docs[0].root, LMap):
                return unit
    return None


@check("local-action-input", on="step")
def local_action_inputs(ctx: Any, step: Any) -> None:
    unit = local_action(step, ctx.model)
    if unit is None:
        return
    root = unit.docs[0].root
    inputs = root.get("inputs")
    if inputs is not None and not isinstance(inputs, LMap):
        return
    decl = {str(k).lower(): (str(k), v) for k, v in (inputs or {}).items()}
    uses = step.node["uses"]
    runs = root.get("runs")
    docker = isinstance(runs, LMap) and str(runs.get("using", "")).lower() == "docker"
    given = step.node.get("with")
    if given is not None and not isinstance(given, LMap):
        return
    given = given or LMap()
    related = [(unit, root.key_span("inputs") if "inputs" in root else root.span, "the action's inputs")]
    for k in given:
        name = str(k)
        low = name.lower()
        if low in decl or (docker and low in ("args", "entrypoint")):
            continue
        near = closest(low, list(decl))
        hint = f" (did you mean `{decl[near][0]}`?)" if near else ""
        declared = ", ".join(f"`{d[0]}`" for d in decl.values()) or "none"
        report_once(
            ctx,
            "local-action-input",
            given.key_span(k),
            f"input `{name}` is not declared by the action `{uses}` (its inputs: {declared}): the runner only "
            f"warns \"Unexpected input(s)\", and a misspelled name leaves the input you meant at its default"
            f"{hint}; fix the name or declare the input in `{unit.rel}`.",
            related=related,
            context=f"{step.ident}:{uses}:{low}",
        )
    passed = {str(k).lower() for k in given}
    for low, (name, spec) in decl.items():
        if low in passed or not (isinstance(spec, LMap) and spec.get("required") is True and "default" not in spec):
            continue
        where = step.node.key_span("with") if "with" in step.node else step.node.value_span("uses")
        report_once(
            ctx,
            "local-action-input",
            where,
            f"required input `{name}` of the action `{uses}` is not passed and has no default, so the action "
            f"reads an empty string (the runner does not enforce `required`); pass it in `with:`.",
            related=[(unit, spec.span, f"`{name}` is declared required here")],
            context=f"{step.ident}:{uses}:{low}:missing",
            distinct=low,
        )
