"""A family of rules decided by one check: `action-pinned-to-branch` (a third-party action or
reusable workflow is used at a branch (@main, @master)); `action-not-pinned-to-sha` (a
third-party action or reusable workflow is referenced by a tag rather than a full commit
SHA).

One reading of each `uses:` reference: pinned to a branch (reported by the first rule) or to
anything else but a full commit SHA (the second).
"""
from __future__ import annotations

from typing import Any, Iterator

from ...core.located import LMap
from ...core.model import Job, Step
from ...core.registry import check
from ...lib.gha.uses import is_full_sha, parse_uses


FIRST_PARTY = ("actions", "github")  # GitHub's own organisations


# references that must be tags: the SLSA generators verify their own version from the tag
# and fail when called by commit SHA
TAG_ONLY = ("slsa-framework/slsa-github-generator",)


BRANCH_NAMES = ("main", "master", "develop", "development", "dev", "trunk", "head")


def _uses_nodes(target: Any) -> Iterator[tuple[LMap, str]]:
    if isinstance(target, Step):
        node = target.node
    elif isinstance(target, Job):
        node = target.node
    else:
        return
    u = node.get("uses")
    if isinstance(u, str):
        yield node, u


def _check_ref(ctx, node: LMap, uses: str, ident: str) -> None:
    parsed = parse_uses(uses)
    if parsed is None or "${{" in uses:
        return
    owner, repo, path, ref = parsed
    if owner.lower() in FIRST_PARTY:
        return
    span = node.value_span("uses")
    at = uses.rfind("@")
    ref_span = ctx.sub_span(span, uses, at + 1, len(uses))
    name = f"{owner}/{repo}{path}"
    if ref.lower() in BRANCH_NAMES:
        ctx.report(
            "action-pinned-to-branch",
            ref_span,
            f"`{name}` is used at the branch `{ref}`: every push to that branch changes the "
            "code this job runs, with its token and secrets, without a change in this "
            "repository (and an upstream breaking change lands unannounced). Pin a "
            "release tag, or better a full commit SHA with the tag in a comment "
            f"(`{name}@<40-char sha> # v1.2.3`)",
            context=f"{ident}:branch:{name}@{ref}",
        )
    elif not is_full_sha(ref) and f"{owner}/{repo}".lower() not in TAG_ONLY:
        ctx.report(
            "action-not-pinned-to-sha",
            ref_span,
            f"`{name}@{ref}` is not pinned to a commit: tags can be moved (the March 2025 "
            "tj-actions/changed-files compromise repointed its version tags to malicious code), so "
            "what runs here can change without a change in this repository. Pin the full "
            f"40-character commit SHA and keep the tag in a comment (`{name}@<sha> # {ref}`)",
            context=f"{ident}:unpinned:{name}@{ref}",
        )


@check("action-pinned-to-branch", "action-not-pinned-to-sha", on="step")
def step_refs(ctx, step: Step) -> None:
    for node, uses in _uses_nodes(step):
        _check_ref(ctx, node, uses, step.ident)


@check("action-pinned-to-branch", "action-not-pinned-to-sha", on="job")
def job_refs(ctx, job: Job) -> None:
    for node, uses in _uses_nodes(job):
        _check_ref(ctx, node, uses, f"job {job.id!r}")
