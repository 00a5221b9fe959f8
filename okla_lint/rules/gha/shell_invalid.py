"""`shell-invalid`: A `shell:` the runner rejects: not a built-in name, or a command whose
arguments lack `{0}`.
"""
from __future__ import annotations

from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...core.fix import UNSAFE, Fix, replace_scalar
from ...core.located import LMap


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
