"""Packages published with a long-lived registry token where the registry supports Trusted
Publishing (OIDC): PyPI, RubyGems, crates.io, npm, NuGet."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.shell import parse_script
from ...lib.gha.uses import parse_uses

RULE = "trusted-publishing-unused"
_PYPI = ("https://upload.pypi.org/legacy/", "https://test.pypi.org/legacy/")
_SHELLS = ("", "bash", "sh", "pwsh", "powershell")


def _with(node: LMap) -> LMap | None:
    w = node.get("with")
    return w if isinstance(w, LMap) else None


def _action_credential(node: LMap, uses: str) -> tuple[LMap, str, str] | None:
    """(holder, key, registry) of the token input of a publishing action that supports
    Trusted Publishing, when the step passes a token instead."""
    parsed = parse_uses(uses)
    if parsed is None:
        return None
    name = f"{parsed[0]}/{parsed[1]}".lower()
    w = _with(node)
    if w is None:
        return None
    if name == "pypa/gh-action-pypi-publish":
        url = w.get("repository-url", w.get("repository_url"))
        if "password" in w and (url is None or (isinstance(url, str) and url.strip() in _PYPI)):
            return w, "password", "PyPI"
    elif name == "rubygems/release-gem":
        v = w.get("setup-trusted-publisher")
        if v is False or (isinstance(v, str) and v.strip().lower() == "false"):
            return w, "setup-trusted-publisher", "RubyGems"
    elif name == "rubygems/configure-rubygems-credentials":
        server = w.get("gem-server")
        if "api-token" in w and (server is None or (isinstance(server, str) and server.strip().rstrip("/") == "https://rubygems.org")):
            return w, "api-token", "RubyGems"
    return None


def publish_command(argv: list[str]) -> str | None:
    """The registry a command line publishes to with a token, or None (dry runs are not
    publishing)."""
    if not argv:
        return None
    prog = argv[0].rsplit("/", 1)[-1].lower()
    args = argv[1:]
    dry = "--dry-run" in args
    if prog == "twine" and args[:1] == ["upload"]:
        return "PyPI"
    if prog.startswith("python") and args[:3] == ["-m", "twine", "upload"]:
        return "PyPI"
    if prog in ("uv", "poetry", "hatch", "pdm") and args[:1] == ["publish"] and not dry:
        return "PyPI"
    if prog == "cargo" and args[:1] == ["publish"] and not dry and "-n" not in args:
        return "crates.io"
    if prog == "gem" and args[:1] == ["push"]:
        return "RubyGems"
    if prog in ("npm", "pnpm") and args[:1] == ["publish"] and not dry:
        return "npm"
    if prog in ("nuget", "nuget.exe") and args[:1] == ["push"]:
        return "NuGet"
    if prog == "dotnet" and args[:2] == ["nuget", "push"]:
        return "NuGet"
    return None


def _shell(step: Step) -> str:
    s = step.node.get("shell")
    if s is None and step.job is not None:
        for holder in (step.job.node, step.root):
            d = holder.get("defaults")
            run = d.get("run") if isinstance(d, LMap) else None
            if isinstance(run, LMap) and isinstance(run.get("shell"), str):
                s = run.get("shell")
                break
    return s.strip().split(" ")[0].lower() if isinstance(s, str) else ""


def _oidc(step: Step) -> bool:
    """Whether the job can request an OIDC token (``id-token: write``): the command may
    already publish through Trusted Publishing (uv, twine, npm and cargo with
    crates-io-auth-action pick it up). A composite action cannot tell: quiet."""
    if step.job is None:
        return True
    for holder in (step.job.node, step.root):
        perms = holder.get("permissions")
        if perms is None:
            continue
        if isinstance(perms, str):
            return perms.strip().lower() == "write-all"
        if isinstance(perms, LMap):
            v = perms.get("id-token")
            return isinstance(v, str) and v.strip().lower() == "write"
        return False
    return False


@check(RULE, on="step")
def trusted_publishing(ctx: Any, step: Step) -> None:
    node = step.node
    uses = node.get("uses")
    if isinstance(uses, str):
        found = _action_credential(node, uses)
        if found:
            holder, key, registry = found
            ctx.report(
                RULE,
                holder.key_span(key),
                f"`{uses.split('@')[0]}` publishes to {registry} with a long-lived token (`{key}`), which "
                f"works from anywhere until it is revoked. {registry} supports Trusted Publishing: this "
                "workflow can get a short-lived token through OIDC instead. Configure this repository "
                f"and workflow as a trusted publisher on {registry}, drop `{key}` and give the job "
                "`permissions: {id-token: write}`",
                once="",
            )
        return
    run = node.get("run")
    if not isinstance(run, str) or _shell(step) not in _SHELLS or _oidc(step):
        return
    for cmd in parse_script(run):
        words = cmd.args
        registry = publish_command([w.text for w in words])
        if registry is None:
            continue
        prog = words[0].text.rsplit("/", 1)[-1].lower()
        sub = 3 if prog.startswith("python") else 2 if prog == "dotnet" else 1
        span = ctx.sub_span(node.value_span("run"), run, words[0].start, words[sub].end)
        ctx.report(
            RULE,
            span,
            f"`{' '.join(w.text for w in words[:sub + 1])}` publishes to {registry} with a long-lived "
            f"token, which works from anywhere until it is revoked. {registry} supports Trusted "
            "Publishing: this workflow can get a short-lived token through OIDC instead. Configure "
            f"this repository and workflow as a trusted publisher on {registry}, give the job "
            "`permissions: {id-token: write}` and drop the token",
            once="",
        )
