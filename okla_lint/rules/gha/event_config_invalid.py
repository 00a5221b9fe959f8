"""`event-config-invalid`: A trigger with an activity type the event does not have, or a
`branches`/`tags`/`paths` filter the event does not take.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Workflow
from ...core.registry import check
from ...core.suggest import closest
from ...lib.gha.webhooks import ACTIVITY_TYPES, FILTERS


def _items(node: Any) -> list[tuple[Any, Any]]:
    """(value, span) of a string-or-list field."""
    if isinstance(node, LSeq):
        return [(v, node.item_span(i)) for i, v in enumerate(node)]
    return []


@check("event-config-invalid", on="workflow")
def event_config(ctx: Any, wf: Workflow) -> None:
    on = wf.root.get("on")
    if not isinstance(on, LMap):
        return
    for event, cfg in on.items():
        name = str(event)
        if name not in ACTIVITY_TYPES or not isinstance(cfg, LMap):
            continue  # an unknown event is the schema's finding
        allowed = ACTIVITY_TYPES[name]
        types = cfg.get("types")
        if allowed and types is not None:
            values = _items(types) or ([(types, cfg.value_span("types"))] if isinstance(types, str) else [])
            for value, span in values:
                if not isinstance(value, str) or "${{" in value or value in allowed:
                    continue
                near = closest(value, list(allowed))
                hint = f" (did you mean `{near}`?)" if near else ""
                ctx.report(
                    span,
                    f"`{name}` has no activity type `{value}`{hint}: GitHub rejects the workflow; "
                    f"the types of `{name}` are {', '.join(allowed)}.",
                    context=f"types:{name}:{value}",
                    once="",
                )
        for key in cfg:
            filt = str(key)
            events = FILTERS.get(filt)
            if events is None or name in events or not allowed:
                # events without activity types are closed maps in the schema: its finding
                continue
            ctx.report(
                cfg.key_span(key),
                f"`{filt}` does not filter `{name}` events (only {', '.join(events)}): GitHub rejects "
                f"the workflow; remove it, or test the value in the job's `if:` instead.",
                context=f"filter:{name}:{filt}",
                once="",
            )
