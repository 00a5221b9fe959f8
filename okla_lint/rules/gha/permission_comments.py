"""Permissions granted to GITHUB_TOKEN without a comment saying which step needs them."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Workflow
from ...core.registry import check


def _trailing_comment(line: str) -> bool:
    """Whether a YAML line has a ``#`` comment after its content (outside quotes)."""
    quote = ""
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = ""
        elif c in "'\"" and (i == 0 or line[i - 1] in " \t:{[,"):
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return True
    return False


def _documented(ctx: Any, line: int) -> bool:
    """A comment on the line of a key, or a comment-only line right above it."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None:
        return True
    if _trailing_comment(src.line_text(line)):
        return True
    return line > 1 and src.line_text(line - 1).lstrip().startswith("#")


# -- undocumented-permissions -------------------------------------------------------------


def _permissions(ctx: Any, holder: LMap, where: str) -> None:
    perms = holder.get("permissions")
    if not isinstance(perms, LMap):
        return
    for scope, level in perms.items():
        if not isinstance(level, str) or level.strip().lower() in ("none",):
            continue
        if str(scope).lower() == "contents" and level.strip().lower() == "read":
            continue
        span = perms.key_span(scope)
        if _documented(ctx, span.line):
            continue
        ctx.report(
            "permission-undocumented",
            span,
            f"`{scope}` is granted `{level}` ({where}) with no comment saying which step needs it, so nobody can tell "
            "later whether it can be dropped. Add a comment at the end of that line naming the step "
            "or action that needs it",
            once="",
        )


@check("permission-undocumented", on="workflow")
def workflow_permissions(ctx: Any, wf: Workflow) -> None:
    _permissions(ctx, wf.root, "whole workflow")


@check("permission-undocumented", on="job")
def job_permissions(ctx: Any, job: Job) -> None:
    _permissions(ctx, job.node, f"job `{job.id}`")
