"""`concurrency-missing`: A workflow without `concurrency` (or without `cancel-in-progress`):
superseded runs keep running.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha.webhooks import on_span


@check("concurrency-missing", on="workflow")
def concurrency(ctx: Any, wf: Workflow) -> None:
    root = wf.root
    conc = root.get("concurrency")
    if conc is None:
        jobs = list(wf.jobs())
        if jobs and all(j.node.get("concurrency") is not None for j in jobs):
            return
        ctx.report(
            on_span(wf),
            "the workflow sets no `concurrency`: every push or pull request update starts another run "
            "beside the ones still running; add `concurrency: {group: ${{ github.workflow }}-${{ "
            "github.ref }}, cancel-in-progress: true}`.",
            context="workflow:concurrency",
        )
        return
    if isinstance(conc, LMap) and conc.get("cancel-in-progress") in (None, False):
        ctx.report(
            root.key_span("concurrency"),
            "`concurrency` without `cancel-in-progress: true` queues new runs behind the running one "
            "instead of replacing it; add `cancel-in-progress: true` (or an expression) if a new run "
            "supersedes the old.",
            context="workflow:cancel",
        )
