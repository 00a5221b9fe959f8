"""`env-name-invalid`: An `env:` variable name with `=`, `&` or whitespace."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step, Workflow
from ...core.registry import check


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
