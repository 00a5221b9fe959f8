"""`duplicate-job-id`: Two job ids that differ only in letter case."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Workflow
from ...core.registry import check


@check("duplicate-job-id", on="workflow")
def duplicate_job_ids(ctx: Any, wf: Workflow) -> None:
    jobs = wf.root.get("jobs")
    if not isinstance(jobs, LMap):
        return
    seen: dict[str, Any] = {}
    for jid in jobs:
        if not isinstance(jid, str):
            continue
        low = jid.lower()
        if low in seen and seen[low] != jid:
            first = seen[low]
            ctx.report(
                jobs.key_span(jid),
                f"job id `{jid}` differs from job `{first}` only in case, and job ids are case-insensitive: "
                "GitHub rejects the workflow, and `needs` could not tell them apart; rename one of them.",
                related=[(ctx.file, jobs.key_span(first), f"job `{first}`")],
                context=f"jobs:{low}",
                once="",
            )
        else:
            seen.setdefault(low, jid)
