"""Deprecated workflow commands written to stdout by ``run:`` scripts: ``::set-output``,
``::save-state`` (deprecated: replaced by the ``$GITHUB_OUTPUT`` / ``$GITHUB_STATE`` files),
``::set-env`` and ``::add-path`` (disabled since November 2020: the step fails)."""
from __future__ import annotations

import re
from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...lib.gha.shell import quote_at
from ...core.fix import SAFE, UNSAFE, Fix, replace_scalar, scalar_edit
from ...core.located import LMap

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
            fix=_echo_fix(ctx, span, run, m.start()),
            once="",
        )


_FILES = {"set-output": "GITHUB_OUTPUT", "save-state": "GITHUB_STATE", "set-env": "GITHUB_ENV", "add-path": "GITHUB_PATH"}
# `echo "::set-output name=NAME::VALUE"` alone on its line (quotes optional); the value
# must not hold the quote, a `%` escape of the command syntax or another command
_ECHO = re.compile(
    r"(?P<indent>[ \t]*)echo[ \t]+(?P<q>[\"']?)::(?:(?P<cmd>set-output|save-state|set-env)[ \t]+name=(?P<name>[A-Za-z_][A-Za-z0-9_-]*)|(?P<path>add-path))::"
    r"(?P<value>[^\n\r%]*?)(?P=q)[ \t]*$"
)


def _echo_fix(ctx: Any, span: Any, run: str, pos: int) -> Fix | None:
    """``echo "::set-output name=x::v"`` -> ``echo "x=v" >> "$GITHUB_OUTPUT"``: the same
    output for the same value, without the deprecated command (the simple echo form only;
    printf, heredocs and PowerShell are left to the author). Safe for the deprecated
    commands; unsafe for the disabled ``::set-env`` and ``::add-path``, which fail the step
    today and would then set the variable or path."""
    if ctx.file is None or ctx.file.src is None:
        return None
    start = run.rfind("\n", 0, pos) + 1
    end = run.find("\n", pos)
    end = len(run) if end == -1 else end
    line = run[start:end].rstrip("\r")
    m = _ECHO.fullmatch(line)
    if not m or (m.group("q") and m.group("q") in m.group("value")) or "::" in m.group("value"):
        return None
    q = m.group("q")
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


# -- shell: ------------------------------------------------------------------------------

BUILTIN_SHELLS = ("bash", "sh", "pwsh", "powershell", "python", "cmd")


def shell_problem(shell: str) -> str | None:
    """Why the runner rejects a ``shell:`` value, or None. The runner splits it at the first
    space into a command and arguments; without arguments the command must be a built-in
    name, with arguments they must contain ``{0}`` (the script path)."""
    if "${{" in shell:
        return None
    command, _, args = shell.partition(" ")
    args = args.strip()
    if not args:
        if command.lower() in BUILTIN_SHELLS:
            return None
        if "/" in command or "\\" in command:
            return f"`{command}` is a path, not a built-in shell name"
        return f"`{command}` is not a built-in shell"
    if "{0}" not in args:
        return f"the arguments `{args}` do not contain `{{0}}`, where the runner puts the script path"
    return None


def _check_shell(ctx: Any, holder: Any, key: str, ident: str) -> None:
    value = holder.get(key)
    if not isinstance(value, str):
        return
    problem = shell_problem(value)
    if problem is None:
        return
    command = value.partition(" ")[0]
    base = command.replace("\\", "/").rsplit("/", 1)[-1].lower()
    example = f"`{base}`" if base in BUILTIN_SHELLS else f"`{value.strip()} {{0}}`"
    ctx.report(
        holder.value_span(key),
        f"`shell: {value}` is rejected by the runner: {problem}, so the step fails before its script runs "
        "(\"Invalid shell option. Shell must be a valid built-in (bash, sh, cmd, powershell, pwsh) or a format "
        f"string containing '{{0}}'\"). Use a built-in name (bash, sh, pwsh, powershell, python, cmd) or a "
        f"command with `{{0}}`, such as {example}.",
        context=f"{ident}:shell:{value}",
        fix=_shell_fix(ctx, holder, key, value, base),
        once="",
    )


def _shell_fix(ctx: Any, holder: Any, key: str, value: str, base: str) -> Any:
    """Unsafe (the runner then starts the built-in with its own flags, `bash -e -o
    pipefail`): `shell: /bin/bash` -> `shell: bash`."""
    if ctx.file is None or ctx.file.src is None or " " in value.strip() or base not in BUILTIN_SHELLS or base == value:
        return None
    edit = replace_scalar(ctx.file.src, holder.value_span(key), value, base)
    return Fix(UNSAFE, (edit,), f"Write `shell: {base}`") if edit else None


@check("shell-invalid", on="step")
def step_shell(ctx: Any, step: Step) -> None:
    _check_shell(ctx, step.node, "shell", step.ident)


@check("shell-invalid", on="workflow")
def defaults_shell(ctx: Any, wf: Any) -> None:
    holders = [("workflow", wf.root)] + [(f"job {j.id!r}", j.node) for j in wf.jobs()]
    for ident, node in holders:
        d = node.get("defaults")
        run = d.get("run") if isinstance(d, LMap) else None
        if isinstance(run, LMap):
            _check_shell(ctx, run, "shell", ident)
