"""Calls of local reusable workflows (``jobs.<id>.uses: ./.github/workflows/x.yml``): the
inputs and secrets passed must be declared by the called workflow's ``on.workflow_call``,
and the required ones must be passed."""
from __future__ import annotations

import difflib
import posixpath
from typing import Any

from ..located import LMap
from ..model import Job, Workflow
from ..registry import check


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
        ctx.report(
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
                hint = ""
                m = difflib.get_close_matches(name.lower(), list(decl), n=1, cutoff=0.6)
                if m:
                    hint = f" (did you mean `{decl[m[0]][0]}`?)"
                declared = ", ".join(f"`{d[0]}`" for d in decl.values()) or "none"
                ctx.report(
                    "reusable-workflow-undeclared-arg",
                    given.key_span(k),
                    f"{what} `{name}` is not declared in `on.workflow_call.{'inputs' if key == 'with' else 'secrets'}` "
                    f"of `{uses}` (declared: {declared}): GitHub rejects the workflow (\"Invalid {what}, {name} is not "
                    f"defined in the referenced workflow\"){hint}.",
                    related=related,
                    context=f"{job.id}:{uses}:{key}:{name.lower()}",
                )
        elif given is not None:
            continue  # an expression or a wrong type: the schema rule says so
        for low, (name, spec) in decl.items():
            if low in given_names or not _required(spec, key == "secrets"):
                continue
            where = job.node.key_span(key) if key in job.node else uses_span
            ctx.report(
                "reusable-workflow-missing-arg",
                where,
                f"required {what} `{name}` of `{uses}` is not passed in `{key}:`: GitHub rejects the workflow "
                f"(\"{what.capitalize()} {name} is required, but not provided while calling\"); pass it"
                + (" or use `secrets: inherit`." if key == "secrets" else "."),
                related=[(called.file, spec.span if isinstance(spec, LMap) else wc.span, f"`{name}` is declared required here")],
                context=f"{job.id}:{uses}:{key}:{low}:missing",
            )
