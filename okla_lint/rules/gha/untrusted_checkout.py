"""`untrusted-checkout`: A pull_request_target or workflow_run workflow checks out the pull
request's code.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap
from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha.expr import expressions
from ...lib.gha.shell import parse_script
from ...lib.gha.untrusted import runs_after_pull_requests
from ...lib.gha.webhooks import triggers


PRIVILEGED = ("pull_request_target", "workflow_run")


# expressions that name the pull request's code
_HEAD_REF = re.compile(
    r"github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*(?:head\s*\.\s*(?:sha|ref)|merge_commit_sha)"
    r"|github\s*\.\s*head_ref"
    r"|github\s*\.\s*event\s*\.\s*workflow_run\s*\.\s*(?:head_sha|head_branch|head_commit\s*\.\s*id)"
    r"|github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*head\s*\.\s*repo\s*\.\s*full_name"
    r"|github\s*\.\s*event\s*\.\s*workflow_run\s*\.\s*head_repository\s*\.\s*full_name",
    re.I,
)


_PULL_REF = re.compile(r"(?:refs/)?pull/[^/\s]+/(?:head|merge)", re.I)


# job or step conditions that keep forks out (or only run after the merge)
_SAME_REPO_GUARD = re.compile(
    r"head\s*\.\s*repo\s*\.\s*full_name\s*==\s*github\s*\.\s*repository"
    r"|github\s*\.\s*repository\s*==\s*github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*head\s*\.\s*repo\s*\.\s*full_name"
    r"|head_repository\s*\.\s*full_name\s*==\s*github\s*\.\s*repository"
    r"|github\s*\.\s*repository\s*==\s*github\s*\.\s*event\s*\.\s*workflow_run\s*\.\s*head_repository\s*\.\s*full_name"
    r"|head\s*\.\s*repo\s*\.\s*fork\s*==\s*false|!\s*github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*head\s*\.\s*repo\s*\.\s*fork"
    r"|pull_request\s*\.\s*merged\s*(?:==\s*true|&&|\)|$)"
    # pull requests opened by a GitHub App (dependabot[bot], renovate[bot]) come from
    # branches of this repository, which forks cannot write
    r"|pull_request\s*\.\s*user\s*\.\s*login\s*==\s*'[^']+\[bot\]'"
    # workflow_run of a run that was not a pull request
    r"|workflow_run\s*\.\s*event\s*==\s*'(?:push|schedule|workflow_dispatch|release|merge_group)'",
    re.I,
)


def _head_expr(text: str) -> tuple[int, int] | None:
    """Offsets of the first ``${{ }}`` in ``text`` that names the pull request's code."""
    for start, end, inner in expressions(text):
        if _HEAD_REF.search(inner):
            return start, end
    masked = text
    for start, end, _ in expressions(text):
        masked = masked[:start] + "E" * (end - start) + masked[end:]
    m = _PULL_REF.search(masked)
    if m and "$" in text:
        return m.start(), m.end()
    return None


def _guarded(*nodes: Any) -> bool:
    for n in nodes:
        if isinstance(n, LMap):
            cond = n.get("if")
            if isinstance(cond, str) and _SAME_REPO_GUARD.search(cond):
                return True
    return False


@check("untrusted-checkout", on="workflow")
def untrusted_checkout(ctx, wf: Workflow) -> None:
    trig = [t for t in triggers(wf.root) if t in PRIVILEGED]
    if trig == ["workflow_run"] and not runs_after_pull_requests(ctx.model, wf):
        return
    if not trig:
        return
    event = " and ".join(f"`{t}`" for t in trig)
    guard = (
        "github.event.pull_request.head.repo.full_name"
        if "pull_request_target" in trig
        else "github.event.workflow_run.head_repository.full_name"
    )
    for job in wf.jobs():
        if _guarded(job.node):
            continue
        for step in job.steps():
            node = step.node
            if _guarded(node):
                continue
            uses = node.get("uses")
            hit: tuple[LMap, str, str, tuple[int, int]] | None = None
            if isinstance(uses, str) and uses.split("@", 1)[0].lower() == "actions/checkout":
                w = node.get("with")
                if isinstance(w, LMap):
                    for key in ("ref", "repository"):
                        v = w.get(key)
                        if isinstance(v, str):
                            off = _head_expr(v)
                            if off:
                                hit = (w, key, v, off)
                                break
            run = node.get("run")
            if hit is None and isinstance(run, str):
                later = [r for st in job.steps() if st.index > step.index and isinstance(r := st.node.get("run"), str)]
                hit = _run_checkout(run, later)
                if hit:
                    hit = (node, "run", run, hit)
            if hit is None:
                continue
            holder, key, text, (start, end) = hit
            span = ctx.sub_span(holder.value_span(key), text, start, end)
            ctx.report(
                span,
                f"this workflow runs on {event} in the context of the base repository, with its "
                "secrets and a token that can write unless `permissions:` restricts it, and this "
                "step checks out the pull request's own code; any build, "
                "test or script that then runs executes code a fork author wrote (a \"pwn "
                "request\"). Run untrusted code in a `pull_request` workflow (no secrets), "
                "and hand results to the privileged workflow as artifacts; or restrict this job "
                f"to same-repository pull requests with an `if:` on `{guard} == github.repository`",
                context=f"{step.ident}:{key}",
            )


def _run_checkout(run: str, later: list[str] = ()) -> tuple[int, int] | None:
    """Where a run script puts the pull request's code in the working tree. ``git fetch``
    of the pull request's ref only downloads it: it counts when this script or a later step
    checks out, merges or resets to what was fetched (FETCH_HEAD or the refspec's
    destination); reading it with `git diff` or `git log` runs nothing of it."""
    for cmd in parse_script(run):
        argv = [w.text for w in cmd.args]
        if not argv:
            continue
        prog = argv[0].rsplit("/", 1)[-1]
        if prog == "gh" and argv[1:3] == ["pr", "checkout"]:
            w = cmd.args[0]
            return w.start, cmd.args[2].end
        if prog == "git" and len(argv) > 2 and argv[1] in ("checkout", "switch", "fetch", "pull", "reset", "worktree"):
            for w in cmd.args[2:]:
                off = _head_expr(w.raw)
                if off:
                    if argv[1] == "fetch" and not _uses_fetched(w.text, run, later):
                        break
                    return w.start + off[0], w.start + off[1]
    return None


_MOVES = ("checkout", "switch", "reset", "merge", "rebase", "cherry-pick", "worktree", "pull")


def _uses_fetched(refspec: str, run: str, later: list[str]) -> bool:
    dst = refspec.split(":", 1)[1].strip() if ":" in refspec else ""
    names = {"FETCH_HEAD"} | ({dst, dst.rsplit("/", 1)[-1]} if dst else set())
    for script in [run, *later]:
        for cmd in parse_script(script):
            argv = [w.text for w in cmd.args]
            if len(argv) > 2 and argv[0].rsplit("/", 1)[-1] == "git" and argv[1] in _MOVES:
                if any(a in names or a.endswith(tuple("/" + n for n in names if n)) for a in argv[2:]):
                    return True
    return False
