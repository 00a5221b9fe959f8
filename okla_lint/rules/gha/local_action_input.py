"""`local-action-input`: A step calling a local action (`uses: ./path`) passes an input the
action does not declare, or omits a required one.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.registry import check
from ...core.suggest import closest
from ...lib.gha.reusable import local_action


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
