"""`action-forbidden`: An action or reusable workflow the configuration forbids (`forbidden`),
or one outside the list it allows (`allowed`).
"""
from __future__ import annotations

import fnmatch

from ...core.located import LMap
from ...core.model import Job, Step
from ...core.registry import check


def _forbidden_why(uses: str, params: dict) -> str | None:
    low = uses.lower()
    name = low.split("@", 1)[0]

    def hit(patterns: list) -> str | None:
        for p in patterns or []:
            p = str(p).lower()
            if fnmatch.fnmatchcase(low, p) or fnmatch.fnmatchcase(name, p):
                return p
        return None

    deny = hit(params.get("forbidden") or [])
    if deny:
        return f"the configuration forbids `{deny}`"
    allowed = params.get("allowed") or []
    if allowed and not hit(allowed):
        return "it is not among the actions the configuration allows"
    return None


def _check_forbidden(ctx, node: LMap, ident: str) -> None:
    uses = node.get("uses")
    if not isinstance(uses, str) or "${{" in uses or uses.startswith(("./", "$/")):
        return
    why = _forbidden_why(uses, ctx.params("action-forbidden"))
    if why:
        ctx.report(
            node.value_span("uses"),
            f"`{uses}` is used here, but {why}; replace it with an approved action or a script.",
            context=f"{ident}:forbidden:{uses}", once="",
        )


@check("action-forbidden", on="step")
def step_forbidden(ctx, step: Step) -> None:
    _check_forbidden(ctx, step.node, step.ident)


@check("action-forbidden", on="job")
def job_forbidden(ctx, job: Job) -> None:
    _check_forbidden(ctx, job.node, f"job {job.id!r}")
