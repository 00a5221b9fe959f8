"""`secrets-outside-environment`: A job reads a secret (other than GITHUB_TOKEN) without a
deployment `environment:`.
"""
from __future__ import annotations

from typing import Any

from ...core.model import Job
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha.contexts import job_sites


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
