"""filter-pattern-invalid: branch, tag and path filter patterns of a workflow's triggers
that cannot match what they say (the pattern syntax is lib/gha/globs.py)."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha.globs import pattern_problems
from ...lib.gha.webhooks import FILTERS

_WHAT = {"branches": "branch", "tags": "tag", "paths": "path"}


def _values(cfg: LMap, key: str) -> list[tuple[Any, Any]]:
    v = cfg[key]
    if isinstance(v, LSeq):
        return [(x, v.item_span(i)) for i, x in enumerate(v)]
    if isinstance(v, str):
        return [(v, cfg.value_span(key))]
    return []


@check("filter-pattern-invalid", on="workflow")
def filter_patterns(ctx: Any, wf: Workflow) -> None:
    on = wf.root.get("on")
    if not isinstance(on, LMap):
        return
    for event, cfg in on.items():
        if not isinstance(cfg, LMap):
            continue
        for key in cfg:
            filt = str(key)
            if str(event) not in FILTERS.get(filt, ()):
                continue  # not a filter of this event: event-config-invalid
            base = filt.removesuffix("-ignore")
            ref = base != "paths"
            values = _values(cfg, key)
            for value, span in values:
                if not isinstance(value, str):
                    continue
                for p in pattern_problems(value, ref):
                    ctx.report(
                        ctx.sub_span(span, value, p.start, max(p.end, p.start + 1)),
                        f"{_WHAT[base]} pattern {value!r} of `on.{event}.{filt}`: {p.message}; see GitHub's "
                        "\"Filter pattern cheat sheet\" and fix the pattern",
                        context=f"{event}.{filt}:{value}:{p.start}",
                        once="",
                    )
            strings = [v for v, _ in values if isinstance(v, str)]
            if filt == base and strings and len(strings) == len(values) and all(v.startswith("!") for v in strings):
                ctx.report(
                    values[0][1],
                    f"every pattern of `on.{event}.{filt}` starts with `!`: a negative pattern only removes what the "
                    f"patterns before it matched, so nothing is included and this filter never lets `{event}` run the "
                    f"workflow; put a positive pattern first (`'**'`) or list the exclusions under `{filt}-ignore`",
                    context=f"{event}.{filt}:all-negative",
                    once="",
                )
