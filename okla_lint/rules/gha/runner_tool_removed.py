"""`runner-tool-removed`: a `run:` step calls a tool that GitHub's hosted runner images no
longer ship. Today: Docker Compose v1, `docker-compose`, removed from the Ubuntu and Windows
images from 2024-07-29 (actions/runner-images#9692; Ubuntu 24.04 never had it, macOS images
have no Docker at all): the step fails with "docker-compose: command not found". Compose v2 is
`docker compose`.

Quiet where the tool may be there after all: a job in a `container:`, a runner okla-lint does
not know to be GitHub-hosted (self-hosted, a group, several labels, an expression), a job whose
earlier steps (or the script itself, before the call) install or define it (any other mention
of `docker-compose`, an action with "compose" in its name), a script that also runs
`docker compose` (a fallback between the two), and a step with `continue-on-error`."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.runners import hosted_image
from ...lib.gha.shell import parse_script
from ...lib.gha.untrusted import step_shell

RULE = "runner-tool-removed"
TOOL = "docker-compose"


def _installs(node: LMap) -> bool:
    """The step makes `docker-compose` available, or may: an action named like a Compose
    installer, or a script that mentions `docker-compose` other than by calling it."""
    uses = node.get("uses")
    if isinstance(uses, str) and "compose" in uses.lower():
        return True
    run = node.get("run")
    if not isinstance(run, str) or TOOL not in run:
        return False
    return _mentioned_before(run, len(run))


def _called(cmd: Any) -> Any:
    """The word that names `docker-compose` as the command run (after `sudo -E` and the like),
    or None."""
    args = cmd.args
    i = 0
    while i < len(args) and args[i].text.startswith("-") and cmd.plain_words[0].text == "sudo":
        i += 1
    return args[i] if i < len(args) and args[i].text == TOOL else None


def _calls(run: str) -> list[Any]:
    return [w for cmd in parse_script(run) if (w := _called(cmd)) is not None]


def _mentioned_before(run: str, end: int) -> bool:
    """`docker-compose` appears in ``run`` before offset ``end`` other than as the name of a
    command (an install, a download, an alias, a function, a check with `command -v`)."""
    calls = {w.start for w in _calls(run)}
    i = run.find(TOOL)
    while 0 <= i < end:
        if i not in calls:
            return True
        i = run.find(TOOL, i + 1)
    return False


def _uses_v2(run: str) -> bool:
    for cmd in parse_script(run):
        a = cmd.args
        if len(a) > 1 and a[0].text.rsplit("/", 1)[-1] == "docker" and a[1].text == "compose":
            return True
    return False


@check(RULE, on="step")
def runner_tool_removed(ctx: Any, step: Step) -> None:
    run = step.node.get("run")
    if not isinstance(run, str) or TOOL not in run or step.job is None:
        return
    job = step.job.node
    if "container" in job or step.node.get("continue-on-error") not in (None, False):
        return
    image = hosted_image(job.get("runs-on"))
    if image is None:
        return
    if step_shell(step) not in ("bash", "sh", "pwsh", "powershell", "cmd"):
        return
    calls = _calls(run)
    if not calls or _uses_v2(run) or _mentioned_before(run, calls[0].start):
        return
    if any(isinstance(s, LMap) and _installs(s) for s in list(step.parent)[: step.index]):
        return
    span = step.node.value_span("run")
    first = calls[0]
    ctx.report(
        ctx.sub_span(span, run, first.start, first.end),
        f"`docker-compose` (Docker Compose v1) is not on GitHub's `{image}` image: "
        + ("GitHub's macOS images have no Docker at all" if image.startswith("macos") else
           "the runner images dropped it in July 2024")
        + ", so the step fails with \"docker-compose: command not found\"; call Compose v2 as "
        "`docker compose` (same subcommands and files)",
        context=f"{step.ident}:{TOOL}",
        once="",
    )
