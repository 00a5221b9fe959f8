"""A family of rules decided by one check: `deprecated-workflow-command` (a `run:` script uses
the deprecated `::set-output` or `::save-state` workflow commands); `disabled-workflow-
command` (a `run:` script uses `::set-env` or `::add-path`, workflow commands the runner
refuses since 2020).

One scan of a `run:` script for `::command::` workflow commands: deprecated ones that still
work, and ones GitHub disabled.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...lib.gha.shell import quote_at, quote_in_script
from ...lib.gha.untrusted import step_shell
from ...core.fix import SAFE, UNSAFE, Fix, scalar_edit


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


_EMITTERS = frozenset((
    "echo", "printf", "-e", "-n", "-ne", "-en", "-e", "write-output", "write-host", "echo.",
    "console.log", "print", "puts", "core.info", "process.stdout.write", "say", "cat",
))


def _starts_output_line(script: str, pos: int) -> bool:
    """The runner only treats an output line as a command when it starts with ``::``
    (after leading spaces): the text before ``pos`` on its line must be nothing (a heredoc
    line) or a printing command and its opening quote (``echo "``, ``console.log('``)."""
    line_start = script.rfind("\n", 0, pos) + 1
    before = script[line_start:pos].rstrip(" \t\"'(")
    if not before.strip():
        return True
    last = before.split()[-1].lower()
    return last in _EMITTERS or last.endswith(("&&", ";", "|"))


DISABLED = ("set-env", "add-path")  # the runner refuses them: a rule of their own, an error


@check("deprecated-workflow-command", "disabled-workflow-command", on="step")
def deprecated_commands(ctx: Any, step: Step) -> None:
    run = step.node.get("run")
    if not isinstance(run, str) or "::" not in run:
        return
    span = step.node.value_span("run")
    shell = step.node.get("shell")
    comment = "//" if isinstance(shell, str) and shell.split(" ", 1)[0].lower() == "node" else "#"
    for m in _CMD.finditer(run):
        if quote_at(run, m.start(), comment) is None or not _starts_output_line(run, m.start()):
            continue  # a commented-out command prints nothing; the runner reads only lines that start with `::`
        name = m.group(1) or m.group(2)
        repl, status = REPLACEMENT[name]
        ctx.report(
            "disabled-workflow-command" if name in DISABLED else "deprecated-workflow-command",
            ctx.sub_span(span, run, m.start(), m.start() + 2 + len(name)),
            f"the `::{name}` workflow command is {status}; write to the environment file instead: `{repl}`.",
            context=f"{step.ident}:{name}",
            fix=_echo_fix(ctx, step, span, run, m.start()),
            once="",
        )


_FILES = {"set-output": "GITHUB_OUTPUT", "save-state": "GITHUB_STATE", "set-env": "GITHUB_ENV", "add-path": "GITHUB_PATH"}


# `echo "::set-output name=NAME::VALUE"` alone on its line (quotes optional); the value
# must not hold the quote, a `%` escape of the command syntax or another command
_ECHO = re.compile(
    r"(?P<indent>[ \t]*)echo[ \t]+(?P<q>[\"']?)::(?:(?P<cmd>set-output|save-state|set-env)[ \t]+name=(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<path>add-path))::"
    r"(?P<value>[^\n\r%]*?)(?P=q)[ \t]*$"
)


def _echo_fix(ctx: Any, step: Step, span: Any, run: str, pos: int) -> Fix | None:
    """``echo "::set-output name=x::v"`` -> ``echo "x=v" >> "$GITHUB_OUTPUT"``: the same
    output for the same value, without the deprecated command (the simple echo form only;
    printf, heredocs and PowerShell are left to the author). Safe for the deprecated
    commands; unsafe for the disabled ``::set-env`` and ``::add-path``, which fail the step
    today and would then set the variable or path."""
    if ctx.file is None or ctx.file.src is None:
        return None
    if step_shell(step) not in ("bash", "sh"):
        return None  # `>> "$GITHUB_OUTPUT"` is POSIX shell (pwsh: `$env:GITHUB_OUTPUT`)
    start = run.rfind("\n", 0, pos) + 1
    end = run.find("\n", pos)
    end = len(run) if end == -1 else end
    line = run[start:end].rstrip("\r")
    m = _ECHO.fullmatch(line)
    if not m or (m.group("q") and m.group("q") in m.group("value")) or "::" in m.group("value"):
        return None
    q = m.group("q")
    if not q and re.search(r"[;&|<>#`\\]", m.group("value")):
        return None  # `echo ::set-output name=x::v # note`: the redirection would land after the comment
    if quote_in_script(run, start + len(m.group("indent"))) != "":
        return None  # a line of a heredoc body (text the script writes, not a command)
    cmd = m.group("cmd") or m.group("path")
    if cmd == "add-path":
        if not m.group("value").strip():
            return None
        new = f'echo {q}{m.group("value")}{q} >> "$GITHUB_PATH"'
    else:
        new = f'echo {q}{m.group("name")}={m.group("value")}{q} >> "${_FILES[cmd]}"'
    a = start + len(m.group("indent"))
    edit = scalar_edit(ctx.file.src, span, run, a, start + len(line), new)
    if edit is None:
        return None
    return Fix(UNSAFE if cmd in DISABLED else SAFE, (edit,), f"Write the value to ${_FILES[cmd]}")
