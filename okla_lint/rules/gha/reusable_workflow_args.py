"""A family of rules decided by one check: `reusable-workflow-undeclared-arg` (a call of a
local reusable workflow passes an input or secret it does not declare (or calls a workflow
that is not reusable)); `reusable-workflow-missing-arg` (a call of a local reusable workflow
does not pass a required input or secret).

One comparison of a call's `with:` and `secrets:` with what the called workflow declares: an
argument it does not declare, or a required one the call leaves out.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job
from ...core.registry import check
from ...core.suggest import closest
from ...lib.gha.reusable import called_workflow, declared_args, required_without_default, workflow_call


@check("reusable-workflow-undeclared-arg", "reusable-workflow-missing-arg", on="job")
def reusable_call(ctx: Any, job: Job) -> None:
    called = called_workflow(job, ctx.model)
    if called is None:
        return
    uses = job.node["uses"]
    uses_span = job.node.value_span("uses")
    wc = workflow_call(called)
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
            once="",
        )
        return
    assert isinstance(wc, LMap)
    related = [(called.file, wc.span if wc.span else called.root.span, "the called workflow's `on.workflow_call`")]
    for key, what in (("with", "input"), ("secrets", "secret")):
        decl = declared_args(wc, "inputs" if key == "with" else "secrets")
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
                ctx.report(
                    "reusable-workflow-undeclared-arg",
                    given.key_span(k),
                    f"{what} `{name}` is not declared in `on.workflow_call.{'inputs' if key == 'with' else 'secrets'}` "
                    f"of `{uses}` (declared: {declared}): GitHub rejects the workflow (\"Invalid {what}, {name} is not "
                    f"defined in the referenced workflow\"){hint}; fix the name, remove it, or "
                    f"declare it in the called workflow.",
                    related=related,
                    context=f"{job.id}:{uses}:{key}:{name.lower()}",
                    once="",
                )
        elif given is not None:
            continue  # an expression or a wrong type: the schema rule says so
        for low, (name, spec) in decl.items():
            if low in given_names or not required_without_default(spec, key == "secrets"):
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
                once=f"{key}:{low}",
            )
