"""Advice on workflows (off by default): definitions without a name, workflows without a
concurrency limit, secrets read by jobs outside a deployment environment, self-hosted
runners in workflows that pull requests trigger."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Job, Workflow
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha.contexts import job_sites
from ...lib.gha.webhooks import triggers

_PR_TRIGGERS = ("pull_request", "pull_request_target", "issue_comment", "pull_request_review",
                "pull_request_review_comment", "workflow_run", "discussion", "discussion_comment", "issues")


def _on_span(wf: Workflow) -> Any:
    root = wf.root
    return root.key_span("on") if "on" in root else root.span


@check("workflow-name-missing", on="workflow")
def anonymous(ctx: Any, wf: Workflow) -> None:
    name = wf.root.get("name")
    if isinstance(name, str) and name.strip():
        return
    ctx.report(
        _on_span(wf),
        "the workflow has no `name:`: the Actions tab and status checks show its file path "
        "instead; add `name: <what it does>` at the top.",
        context="workflow:name",
    )


@check("concurrency-missing", on="workflow")
def concurrency(ctx: Any, wf: Workflow) -> None:
    root = wf.root
    conc = root.get("concurrency")
    if conc is None:
        jobs = list(wf.jobs())
        if jobs and all(j.node.get("concurrency") is not None for j in jobs):
            return
        ctx.report(
            _on_span(wf),
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


def _secret_refs(job: Job) -> list[tuple[Any, str]]:
    out = []
    for site in job_sites(job):
        for parsed in X.expressions_in(site.value, implicit=site.implicit):
            if parsed.node is None:
                continue
            for ref in X.refs(parsed.node):
                if ref.context == "secrets" and ref.path and ref.path[0][0].lower() != "github_token":
                    out.append((ctx_span(site, ref), ref.path[0][0]))
    return out


def ctx_span(site: Any, ref: Any) -> tuple[Any, int, int]:
    return site, ref.var.start, ref.path[0][2]


@check("secrets-outside-environment", on="job")
def secrets_outside_env(ctx: Any, job: Job) -> None:
    if job.node.get("environment") is not None or job.node.get("uses") is not None:
        return
    for (site, start, end), name in _secret_refs(job):
        ctx.report(
            ctx.sub_span(site.span, site.value, start, end),
            f"job `{job.id}` reads `secrets.{name}` without a deployment `environment:`: a repository or "
            "organisation secret is available to every job of every branch; keep it in an environment "
            "with protection rules and set `environment:` on this job.",
            context=f"job {job.id}:secret:{name}:{start}", once="",
        )


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
