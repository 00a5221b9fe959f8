"""Features GitHub still accepts that make a workflow hard to read or to trust: the
`pip-install` input of actions/setup-python and the Windows `cmd` shell."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step, Workflow
from ...core.registry import check
from ...lib.gha.uses import parse_uses

RULE = "misfeature-used"


def _shell_cmd(ctx: Any, holder: LMap, where: str) -> None:
    s = holder.get("shell")
    if isinstance(s, str) and s.strip().lower() == "cmd":
        ctx.report(
            RULE,
            holder.value_span("shell"),
            f"`shell: cmd` ({where}) runs the script with Windows CMD, which has no grammar that a "
            "reader or a tool can follow (quoting, `%VAR%` expansion at parse time), and has not been the "
            "Windows runners' default since 2019. Use `pwsh` (or `bash`)",
            once="",
        )


@check(RULE, on="step")
def step_misfeatures(ctx: Any, step: Step) -> None:
    node = step.node
    _shell_cmd(ctx, node, "this step")
    uses = node.get("uses")
    if not isinstance(uses, str):
        return
    parsed = parse_uses(uses)
    if parsed is None or parsed[2] or f"{parsed[0]}/{parsed[1]}".lower() != "actions/setup-python":
        return
    w = node.get("with")
    if isinstance(w, LMap) and "pip-install" in w:
        ctx.report(
            RULE,
            w.key_span("pip-install"),
            "`pip-install` installs packages into the runner's global Python, outside any virtual "
            "environment: what gets installed is hard to audit and resolutions break (PEP 668). "
            "Create a virtual environment in a `run:` step and install there (`python -m venv .venv && "
            ".venv/bin/pip install ...`)",
            once="",
        )


def _defaults(ctx: Any, holder: LMap, where: str) -> None:
    d = holder.get("defaults")
    run = d.get("run") if isinstance(d, LMap) else None
    if isinstance(run, LMap):
        _shell_cmd(ctx, run, where)


@check(RULE, on="workflow")
def workflow_defaults(ctx: Any, wf: Workflow) -> None:
    _defaults(ctx, wf.root, "default of every run step")


@check(RULE, on="job")
def job_defaults(ctx: Any, job: Job) -> None:
    _defaults(ctx, job.node, f"default of job `{job.id}`")
