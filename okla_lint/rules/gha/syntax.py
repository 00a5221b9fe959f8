"""Values GitHub cannot use: ``uses:`` references in no format GitHub knows, and
environment variable names with characters a name cannot have."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step, Workflow
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


def _env_maps(node: LMap) -> list[LMap]:
    env = node.get("env")
    return [env] if isinstance(env, LMap) else []


def _check_env(ctx: Any, env: LMap, where: str) -> None:
    for key in env:
        name = str(key)
        if "${{" in name:
            continue
        bad = sorted({c for c in name if c in "&= \t"})
        if not bad and name:
            continue
        shown = ", ".join("a space" if c == " " else "a tab" if c == "\t" else f"`{c}`" for c in bad)
        ctx.report(
            env.key_span(key),
            f"environment variable name `{name}` {'is empty' if not name else 'contains ' + shown}: "
            "GitHub rejects it; a name has no `=`, `&` or whitespace (`MY_VAR: value`).",
            context=f"{where}:env:{name}",
            once="",
        )


@check("env-name-invalid", on="workflow")
def workflow_env(ctx: Any, wf: Workflow) -> None:
    for env in _env_maps(wf.root):
        _check_env(ctx, env, "workflow")


@check("env-name-invalid", on="job")
def job_env(ctx: Any, job: Job) -> None:
    for env in _env_maps(job.node):
        _check_env(ctx, env, f"job {job.id}")
    container = job.node.get("container")
    if isinstance(container, LMap):
        for env in _env_maps(container):
            _check_env(ctx, env, f"job {job.id}:container")
    services = job.node.get("services")
    if isinstance(services, LMap):
        for sid, svc in services.items():
            if isinstance(svc, LMap):
                for env in _env_maps(svc):
                    _check_env(ctx, env, f"job {job.id}:service {sid}")


@check("env-name-invalid", on="step")
def step_env(ctx: Any, step: Step) -> None:
    for env in _env_maps(step.node):
        _check_env(ctx, env, step.ident)
