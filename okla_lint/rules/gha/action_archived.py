"""Actions and reusable workflows from repositories their owners archived."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step
from ...core.registry import check
from ...lib.gha.popular import archived
from ...lib.gha.uses import remote_uses

RULE = "action-archived"


def _report(ctx: Any, node: LMap, ident: str) -> None:
    ref = remote_uses(node)
    if ref is None:
        return
    name = ref.name
    info = archived(name)
    if info is None:
        return
    last = f", last commit {info['last_commit']}" if info.get("last_commit") else ""
    instead = f"replace it with {info['successor']}" if info.get("successor") else "replace it with a maintained action"
    ctx.report(
        ref.name_span(ctx),
        f"`{name}` is archived by its owner (read-only{last}): nobody fixes its bugs or vulnerabilities "
        f"any more, and it keeps running with this job's token; {instead}",
        context=f"{ident}:{name.lower()}",
        once="",
    )


@check(RULE, on="step")
def step_archived(ctx: Any, step: Step) -> None:
    _report(ctx, step.node, step.ident)


@check(RULE, on="job")
def job_archived(ctx: Any, job: Job) -> None:
    if isinstance(job.node, LMap):
        _report(ctx, job.node, f"job {job.id!r}")
