"""`self-hosted-runner-public-trigger`: A job on a self-hosted runner in a workflow that pull
requests, comments or issues trigger.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LSeq
from ...core.model import Job
from ...core.registry import check
from ...lib.gha.webhooks import triggers


_PR_TRIGGERS = ("pull_request", "pull_request_target", "issue_comment", "pull_request_review",
                "pull_request_review_comment", "workflow_run", "discussion", "discussion_comment", "issues")


@check("self-hosted-runner-public-trigger", on="job")
def self_hosted(ctx: Any, job: Job) -> None:
    on = set(triggers(job.workflow.root)) & set(_PR_TRIGGERS)
    if not on:
        return
    runs_on = job.node.get("runs-on")
    span = None
    if isinstance(runs_on, str) and runs_on.lower() == "self-hosted":
        span = job.node.value_span("runs-on")
    elif isinstance(runs_on, LSeq):
        for i, label in enumerate(runs_on):
            if isinstance(label, str) and label.lower() == "self-hosted":
                span = runs_on.item_span(i)
    if span is None:
        return
    ctx.report(
        span,
        f"job `{job.id}` runs on a self-hosted runner in a workflow that {', '.join(sorted(on))} triggers: "
        "in a public repository anyone can open a pull request or comment and get code onto a machine "
        "that keeps state between jobs; use GitHub-hosted or ephemeral runners for these events.",
        context=f"job {job.id}:self-hosted", once="",
    )
