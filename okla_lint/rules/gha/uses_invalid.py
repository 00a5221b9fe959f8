"""`uses-invalid`: A `uses:` that is no action or reusable-workflow reference GitHub accepts
(no `@ref`, no owner, an empty Docker image or tag).
"""
from __future__ import annotations

from typing import Any

from ...core.model import Job, Step
from ...core.registry import check


_ACTION_FORMATS = "`{owner}/{repo}@{ref}`, `{owner}/{repo}/{path}@{ref}`, `./{path}`, `$/{path}` or `docker://{image}`"


def action_format_problem(uses: str) -> str | None:
    """Why a step's ``uses:`` is in no format GitHub accepts (actionlint's check-action-format),
    None when it is fine. ``$/{path}`` is GitHub's self-repository form (since July 2026):
    this repository at the workflow's commit."""
    if uses.startswith(("./", "$/")):
        return None
    if uses.startswith("docker://"):
        image = uses[len("docker://"):]
        if not image.strip():
            return "`docker://` names no image"
        _name, colon, tag = image.partition(":")
        if colon and not tag:
            return "the image's tag is empty"
        return None
    at = uses.find("@")
    if at == -1:
        return "the ref is missing (`@v4`, `@<commit sha>`)"
    ref = uses[at + 1:]
    head = uses[:at]
    slash = head.find("/")
    if slash == -1:
        return "the owner is missing"
    owner, rest = head[:slash], head[slash + 1:]
    repo = rest.split("/", 1)[0]
    if not owner or not repo or not ref:
        return "the owner, repository and ref must not be empty"
    return None


def workflow_call_problem(uses: str) -> str | None:
    """Why a job's ``uses:`` names no reusable workflow in a format GitHub accepts."""
    if uses.startswith(("./", "$/")):
        rest = uses[2:]
        if not rest:
            return "it names no file"
        if rest.find("@") > 0:
            return "a local workflow takes no `@ref` (it is read from the same commit)"
        return None
    if uses.startswith("."):
        return "a local path starts with `./`"
    parts = uses.split("/", 2)
    if len(parts) < 3 or not parts[0] or not parts[1]:
        return "the owner, repository or path is missing"
    path, at, ref = parts[2].partition("@")
    if not at:
        return "the ref is missing (`@v1`, `@<commit sha>`)"
    if not path or not ref:
        return "the path and ref must not be empty"
    return None


@check("uses-invalid", on="step")
def step_uses(ctx: Any, step: Step) -> None:
    uses = step.node.get("uses")
    if not isinstance(uses, str) or "${{" in uses:
        return
    problem = action_format_problem(uses)
    if problem:
        ctx.report(
            step.node.value_span("uses"),
            f"`uses: {uses}` is not an action reference: {problem}. GitHub rejects the workflow; "
            f"write {_ACTION_FORMATS}.",
            context=f"{step.ident}:uses",
            once="",
        )


@check("uses-invalid", on="job")
def job_uses(ctx: Any, job: Job) -> None:
    uses = job.node.get("uses")
    if not isinstance(uses, str) or "${{" in uses or not uses:
        return
    problem = workflow_call_problem(uses)
    if problem:
        ctx.report(
            job.node.value_span("uses"),
            f"`uses: {uses}` is not a reusable workflow reference: {problem}. GitHub rejects the "
            "workflow; write `{owner}/{repo}/.github/workflows/{file}.yml@{ref}` or "
            "`./.github/workflows/{file}.yml`.",
            context=f"job {job.id}:uses",
            once="",
        )
