"""`uses:` names one edit away from a popular action (`action/checkout`, `actions/chekout`):
a look-alike repository anyone can register, or a step that cannot resolve."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step
from ...core.registry import check
from ...lib.gha.popular import known_names, popular_names
from ...lib.gha.uses import remote_uses

RULE = "action-typosquat"
MIN_LENGTH = 10  # shorter `owner/repo` names are too close to too many others


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` differs from ``a`` by exactly one insertion, deletion, substitution or
    swap of two adjacent characters."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=512)
def look_alike(name: str) -> str | None:
    """The popular action ``name`` (lower-case `owner/repo`) imitates, or None."""
    if name in known_names() or len(name) < MIN_LENGTH:
        return None
    hits = [spelled for low, spelled in popular_names().items() if len(low) >= MIN_LENGTH and one_edit(low, name)]
    return hits[0] if len(hits) == 1 else None


def _report(ctx: Any, node: LMap, ident: str) -> None:
    ref = remote_uses(node)
    if ref is None:
        return
    name = ref.name
    meant = look_alike(name.lower())
    if meant is None:
        return
    same_owner = ref.parsed[0].lower() == meant.split("/")[0].lower()
    why = (
        "no such action is known there, so the step fails to resolve unless someone creates it"
        if same_owner
        else "anyone can register a look-alike repository, and its code would run with this job's token and secrets"
    )
    ctx.report(
        ref.name_span(ctx),
        f"`{name}` is one character away from the popular action `{meant}`: {why}; "
        f"if you meant `{meant}`, fix the name",
        context=f"{ident}:{name.lower()}",
        once="",
    )


@check(RULE, on="step")
def step_typosquat(ctx: Any, step: Step) -> None:
    _report(ctx, step.node, step.ident)


@check(RULE, on="job")
def job_typosquat(ctx: Any, job: Job) -> None:
    if isinstance(job.node, LMap):
        _report(ctx, job.node, f"job {job.id!r}")
