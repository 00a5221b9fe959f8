"""Inputs that a popular action marks deprecated (`deprecationMessage` in its action.yml at the
major version in use), with the action's own words."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.popular import resolve

RULE = "action-input-deprecated"


@check(RULE, on="step")
def action_input_deprecated(ctx: Any, step: Step) -> None:
    uses = step.node.get("uses")
    if not isinstance(uses, str):
        return
    given = step.node.get("with")
    if not isinstance(given, LMap) or not given:
        return
    res = resolve(uses)
    if res is None:
        return
    by_low = {n.lower(): (n, f) for n, f in res.inputs.items()}
    for k in given:
        name, flags = by_low.get(str(k).lower(), (None, {}))
        message = flags.get("deprecated")
        if not message or res.before(flags.get("deprecated_since", "")):
            continue
        message = message.rstrip(". ")
        ctx.report(
            given.key_span(k),
            f"input `{name}` of `{res.label()}` is deprecated (since {flags['deprecated_since']}): the runner "
            f"prints \"Input '{name}' has been deprecated with message: {message}\" on every run; "
            f"follow that message and remove `{k}`",
            context=f"{step.ident}:{res.key}@{res.major}:{name.lower()}",
            once=name.lower(),
        )
