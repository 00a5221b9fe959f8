"""Inputs given to a popular action that it does not have, and required inputs not given,
checked against the inputs of the action's major version in okla-lint's table of popular
actions (lib/gha/popular.py)."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...core.suggest import closest
from ...lib.gha.popular import resolve

RULE = "popular-action-input"
LISTED = 12  # name the inputs in the message when an action has this many or fewer


@check(RULE, on="step")
def popular_action_input(ctx: Any, step: Step) -> None:
    uses = step.node.get("uses")
    if not isinstance(uses, str):
        return
    res = resolve(uses)
    if res is None:
        return
    given = step.node.get("with")
    if given is not None and not isinstance(given, LMap):
        return
    given = given if given is not None else LMap()
    inputs = res.inputs
    declared = {n.lower(): n for n in inputs}
    if res.using == "docker":
        declared.setdefault("args", "args")
        declared.setdefault("entrypoint", "entrypoint")
    label = res.label()
    for k in given:
        name = str(k)
        if name.lower() in declared:
            continue
        near = closest(name, list(inputs), 0.75)
        if not near and not res.settled:
            continue  # perhaps an input of a release newer than the table: only typos are sure
        if near:
            hint = f"; did you mean `{near}`?"
        elif len(inputs) <= LISTED:
            hint = "; its inputs: " + (", ".join(f"`{n}`" for n in sorted(inputs)) or "none")
        else:
            hint = f"; see the inputs in its action.yml at {res.spec['latest']}"
        ctx.report(
            given.key_span(k),
            f"input `{name}` is not an input of `{label}`: the runner only warns \"Unexpected input(s) "
            f"'{name}'\" and the action runs without it{hint}",
            context=f"{step.ident}:{res.key}@{res.major}:{name.lower()}",
            once=name.lower(),
        )
    passed = {str(k).lower() for k in given}
    for name, flags in sorted(inputs.items()):
        if not flags.get("required") or name.lower() in passed:
            continue
        where = step.node.key_span("with") if "with" in step.node else step.node.value_span("uses")
        ctx.report(
            where,
            f"required input `{name}` of `{label}` is not passed and has no default: the action reads an "
            f"empty string (the runner does not enforce `required`) and fails or does the wrong thing; "
            f"pass `{name}` in `with:`",
            context=f"{step.ident}:{res.key}@{res.major}:{name.lower()}:missing",
            once=f"missing:{name.lower()}",
        )
