"""Deprecated workflow commands written to stdout by ``run:`` scripts: ``::set-output``,
``::save-state`` (deprecated: replaced by the ``$GITHUB_OUTPUT`` / ``$GITHUB_STATE`` files),
``::set-env`` and ``::add-path`` (disabled since November 2020: the step fails)."""
from __future__ import annotations

import re
from typing import Any

from ..model import Step
from ..registry import check
from .contexts import report_once

_CMD = re.compile(r"::(set-output|save-state|set-env)[ \t]+name=[^\n]*?::|::(add-path)::")

REPLACEMENT = {
    "set-output": ('echo "NAME=value" >> "$GITHUB_OUTPUT"', "deprecated: GitHub prints a warning and plans to fail it"),
    "save-state": ('echo "NAME=value" >> "$GITHUB_STATE"', "deprecated: GitHub prints a warning and plans to fail it"),
    "set-env": (
        'echo "NAME=value" >> "$GITHUB_ENV"',
        "disabled since November 2020: the runner rejects it and the step fails (unless the unsafe "
        "`ACTIONS_ALLOW_UNSECURE_COMMANDS` is set)",
    ),
    "add-path": (
        'echo "/the/dir" >> "$GITHUB_PATH"',
        "disabled since November 2020: the runner rejects it and the step fails (unless the unsafe "
        "`ACTIONS_ALLOW_UNSECURE_COMMANDS` is set)",
    ),
}


@check("deprecated-workflow-command", on="step")
def deprecated_commands(ctx: Any, step: Step) -> None:
    run = step.node.get("run")
    if not isinstance(run, str) or "::" not in run:
        return
    span = step.node.value_span("run")
    for m in _CMD.finditer(run):
        name = m.group(1) or m.group(2)
        repl, status = REPLACEMENT[name]
        report_once(
            ctx,
            "deprecated-workflow-command",
            ctx.sub_span(span, run, m.start(), m.start() + 2 + len(name)),
            f"the `::{name}` workflow command is {status}; write to the environment file instead: `{repl}`.",
            context=f"{step.ident}:{name}",
        )
