"""Calls of local reusable workflows (``jobs.<id>.uses: ./.github/workflows/x.yml``): the
inputs and secrets passed must be declared by the called workflow's ``on.workflow_call``,
and the required ones must be passed."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job
from ...core.registry import check
from ...core.suggest import closest
from ...lib.gha.reusable import called_workflow, declared_args, local_action, required_without_default, workflow_call


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
        ctx.report(
            given.key_span(k),
            f"input `{name}` is not declared by the action `{uses}` (its inputs: {declared}): the runner only "
            f"warns \"Unexpected input(s)\", and a misspelled name leaves the input you meant at its default"
            f"{hint}; fix the name or declare the input in `{unit.rel}`.",
            related=related,
            context=f"{step.ident}:{uses}:{low}",
            once="",
        )
    passed = {str(k).lower() for k in given}
    for low, (name, spec) in decl.items():
        if low in passed or not (isinstance(spec, LMap) and spec.get("required") is True and "default" not in spec):
            continue
        where = step.node.key_span("with") if "with" in step.node else step.node.value_span("uses")
        ctx.report(
            where,
            f"required input `{name}` of the action `{uses}` is not passed and has no default, so the action "
            f"reads an empty string (the runner does not enforce `required`); pass it in `with:`.",
            related=[(unit, spec.span, f"`{name}` is declared required here")],
            context=f"{step.ident}:{uses}:{low}:missing",
            once=low,
        )
