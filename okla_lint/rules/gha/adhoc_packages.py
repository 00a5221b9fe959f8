"""Packages installed in a ``run:`` script outside a manifest and its lockfile (zizmor's
adhoc-packages): ``npm install <pkg>``, ``yarn add``, ``pnpm add``, ``gem install``,
``bundle add``. Each run resolves whatever the registry serves then, for the package and
all its dependencies."""
from __future__ import annotations

from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...lib.gha.shell import Command, parse_script
from ...lib.gha.untrusted import step_shell

RULE = "package-install-adhoc"
_NPM_INSTALL = frozenset((
    "install", "i", "in", "ins", "inst", "insta", "instal", "isnt", "isnta", "isntal", "isntall", "add",
))
_FIX = {
    "npm": "add it to package.json, commit package-lock.json and install with `npm ci`",
    "yarn": "add it to package.json, commit yarn.lock and install with `yarn install --immutable` (`--frozen-lockfile` before Yarn 2)",
    "pnpm": "add it to package.json, commit pnpm-lock.yaml and install with `pnpm install --frozen-lockfile`",
    "gem": "add it to the Gemfile, commit Gemfile.lock and install with `bundle install`",
    "bundle": "add it to the Gemfile and commit Gemfile.lock instead of running `bundle add` in CI",
}


def _local(arg: str) -> bool:
    """A package from the repository or a file, not from the registry."""
    return arg.startswith((".", "/", "~", "file:", "$")) or arg.endswith((".tgz", ".tar.gz", ".gem"))


def adhoc_install(cmd: Command) -> tuple[str, list[str]] | None:
    """(tool, packages) when a command installs named registry packages outside a lockfile."""
    argv = cmd.argv
    if not argv:
        return None
    prog = argv[0].rsplit("/", 1)[-1]
    rest = argv[1:]
    if prog == "npm":
        i = 0
        while i < len(rest) and rest[i].startswith("-"):
            i += 1
        if i >= len(rest) or rest[i] not in _NPM_INSTALL:
            return None
        pkgs = rest[i + 1 :]
    elif prog in ("yarn", "pnpm", "bundle"):
        if "add" not in rest:
            return None
        pkgs = rest[rest.index("add") + 1 :]
    elif prog == "gem":
        verb = next((a for a in rest if not a.startswith("-")), None)
        if verb not in ("install", "i"):
            return None
        pkgs = rest[rest.index(verb) + 1 :]
    else:
        return None
    names = [a for a in pkgs if not a.startswith("-") and not _local(a)]
    if prog == "gem":
        # `-v 13.0.6`, `--version 13.0.6` take a value
        names = [a for j, a in enumerate(pkgs) if a in names and not (j and pkgs[j - 1] in ("-v", "--version"))]
    if not names:
        return None
    return prog, names


@check(RULE, on="step")
def package_install_adhoc(ctx: Any, step: Step) -> None:
    run = step.node.get("run")
    if not isinstance(run, str) or not any(t in run for t in ("npm", "yarn", "pnpm", "gem", "bundle")):
        return
    shell = step_shell(step) if step.job is not None or "shell" in step.node else "bash"
    if shell not in ("bash", "sh", "zsh", "pwsh", "powershell", None):
        return
    span = step.node.value_span("run")
    for cmd in parse_script(run):
        got = adhoc_install(cmd)
        if got is None:
            continue
        tool, names = got
        args = cmd.args
        shown = " ".join(w.text for w in args)
        ctx.report(
            ctx.sub_span(span, run, args[0].start, args[-1].end),
            f"`{shown}` installs {', '.join(repr(n) for n in names[:3])}{' and more' if len(names) > 3 else ''} outside "
            "a lockfile: each run resolves what the registry serves then, for the package and all its "
            "dependencies (a pinned version pins only the package itself), so a compromised release "
            f"runs here without a change in this repository; {_FIX[tool]}",
            context=f"{step.ident}:{tool}:{' '.join(names)}",
            once="",
        )
