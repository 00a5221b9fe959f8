"""Versions of popular actions that GitHub no longer runs as written: versions whose backend
service GitHub turned off (every run fails: `action-version-retired`) and versions built for a
Node.js runtime the runners no longer ship (`action-runtime-outdated`)."""
from __future__ import annotations

from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...lib.gha.popular import Resolved, archived, latest_major, outdated_runtime, resolve, retirement

RETIRED = "action-version-retired"
RUNTIME = "action-runtime-outdated"


def _ref_span(ctx: Any, node: Any, uses: str) -> Any:
    span = node.value_span("uses")
    at = uses.rfind("@")
    end = len(uses.rstrip())
    return ctx.sub_span(span, uses, at + 1, end) if 0 <= at < end - 1 else span


def _report(ctx: Any, node: Any, ident: str) -> None:
    uses = node.get("uses")
    if not isinstance(uses, str):
        return
    res: Resolved | None = resolve(uses)
    if res is None:
        return
    newest = latest_major(res.key)
    gone = retirement(res)
    if gone is not None:
        ctx.report(
            RETIRED,
            _ref_span(ctx, node, uses),
            f"`{res.label()}` no longer runs: since {gone['since']} {gone['what']}; update to "
            f"`{res.key}@{newest}` (at least {gone['use']})",
            context=f"{ident}:{res.key}@{res.major}",
            once="",
        )
        return
    runtime = outdated_runtime(res)
    if runtime is None or archived(res.repo) is not None:  # archived: action-archived says what to use
        return
    how = f"update to `{res.key}@{newest}`"  # (every action whose newest major is outdated is archived)
    ctx.report(
        RUNTIME,
        _ref_span(ctx, node, uses),
        f"`{res.label()}` runs on `{runtime}`, which GitHub's runners no longer ship: the runner forces "
        f"it onto a newer Node.js it was not built for and warns on every run; {how}",
        context=f"{ident}:{res.key}@{res.major}",
        once="",
    )


@check(RETIRED, RUNTIME, on="step")
def step_outdated(ctx: Any, step: Step) -> None:
    _report(ctx, step.node, step.ident)
