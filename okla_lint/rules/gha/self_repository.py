"""Same-repository actions and reusable workflows named by a workspace path (``uses:
./path``) instead of GitHub's self-repository form (``uses: $/path``).

``./path`` in a step is read from the runner's workspace when the step starts: whatever an
earlier step checked out or wrote there runs (after a checkout of a pull request's head, the
pull request's version of the action). ``$/path`` names the file in this repository at the
workflow's commit, and GitHub's "require actions pinned to a full-length commit SHA"
policy treats it as pinned, while ``./path`` escapes that policy. For a reusable-workflow
job, ``./`` already reads the same commit: there the form only matters for the policy.
Composite actions are left alone: there ``./`` is the caller's workspace and ``$/`` the
action's own repository, two different things.
"""
from __future__ import annotations

from typing import Any

from ...core.fix import UNSAFE, Fix, scalar_edit
from ...core.located import LMap, Span
from ...core.model import Job, Step
from ...core.registry import check

RULE = "self-repository-syntax"


def _workspace_path(node: LMap, workflow: bool) -> tuple[str, int] | None:
    """(path as written, offset of its ``./`` in the value) of a ``uses: ./path`` that names
    a workflow file (``workflow``: a job) or an action folder (a step); a reference of the
    wrong kind is broken, which other rules report."""
    uses = node.get("uses")
    if not isinstance(uses, str) or "${{" in uses:
        return None
    lead = len(uses) - len(uses.lstrip())
    path = uses.strip()
    if not path.startswith("./") or len(path) == 2:
        return None
    if path.lower().endswith((".yml", ".yaml")) != workflow:
        return None
    return path, lead


def _fix(ctx: Any, span: Span, uses: str, at: int) -> Fix | None:
    src = ctx.file.src if ctx.file is not None else None
    if src is None:
        return None
    edit = scalar_edit(src, span, uses, at, at + 1, "$")
    if edit is None:
        return None
    return Fix(UNSAFE, (edit,), "Name it with the self-repository form `$/...`")


def _report(ctx: Any, node: Any, path: str, at: int, message: str, ident: str) -> None:
    uses = node["uses"]
    span = node.value_span("uses")
    ctx.report(
        ctx.sub_span(span, uses, at, at + len(path)),
        message,
        context=f"{ident}:uses:{path}",
        fix=_fix(ctx, span, uses, at),
        once="",
    )


@check(RULE, on="step")
def step_self_repository(ctx: Any, step: Step) -> None:
    if step.job is None:
        return  # composite action: `./` is the caller's workspace, `$/` the action's repository
    got = _workspace_path(step.node, False)
    if got is None:
        return
    path, at = got
    _report(
        ctx,
        step.node,
        path,
        at,
        f"`uses: {path}` runs the action that the workspace holds at that path when the step "
        "starts, so a checkout of another ref (a pull request's head) or a file an earlier step "
        "wrote decides what runs, and a policy that requires actions pinned to a commit SHA "
        f"does not cover it; write `uses: ${path[1:]}`, GitHub's self-repository form, which "
        "runs the action from this repository at the workflow's commit",
        step.ident,
    )


@check(RULE, on="job")
def job_self_repository(ctx: Any, job: Job) -> None:
    got = _workspace_path(job.node, True)
    if got is None:
        return
    path, at = got
    _report(
        ctx,
        job.node,
        path,
        at,
        f"`uses: {path}` calls a workflow of this repository by its path, which a policy that "
        "requires actions and workflows pinned to a commit SHA does not count as pinned; "
        f"write `uses: ${path[1:]}`, GitHub's self-repository form, which names the same file at "
        "the same commit",
        f"job {job.id!r}",
    )
