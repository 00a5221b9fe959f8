"""`bot-condition-spoofable`: An `if:` that trusts `github.actor == '...[bot]'` in a workflow
pull requests trigger: the author of the pull request can satisfy it.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha.webhooks import triggers


# triggers whose run a pull request's author (or any commenter) sets off
_PR_TRIGGERS = (
    "pull_request", "pull_request_target", "workflow_run", "issue_comment",
    "pull_request_review", "pull_request_review_comment",
)


def _actor_checks(node: Any) -> list[Any]:
    """``github.actor == '...[bot]'`` comparisons that decide the whole condition: alone or
    joined with ``&&`` (never under ``!``, ``||`` or a function call)."""
    if isinstance(node, X.Bin) and node.op == "&&":
        return _actor_checks(node.left) + _actor_checks(node.right)
    if isinstance(node, X.Bin) and node.op == "==":
        for a, b in ((node.left, node.right), (node.right, node.left)):
            if (isinstance(a, X.Prop) and isinstance(a.obj, X.Var) and a.obj.name.lower() == "github"
                    and a.name.lower() in ("actor", "triggering_actor")
                    and isinstance(b, X.Lit) and isinstance(b.value, str) and b.value.lower().endswith("[bot]")):
                return [node]
    return []


def _extent(node: Any) -> tuple[int, int]:
    """Offsets of the whole text of an expression node (a node's own start is its operator
    or property name)."""
    nodes = list(X.walk(node))
    return min(n.start for n in nodes), max(n.end for n in nodes)


def _if_sites(job: Job) -> list[tuple[LMap, str]]:
    out = [(job.node, "job")] if isinstance(job.node.get("if"), str) else []
    for step in job.steps():
        if isinstance(step.node.get("if"), str):
            out.append((step.node, step.ident))
    return out


@check("bot-condition-spoofable", on="job")
def bot_conditions(ctx: Any, job: Job) -> None:
    on = set(triggers(job.workflow.root))
    if not on & set(_PR_TRIGGERS):
        return
    for node, where in _if_sites(job):
        text = node["if"]
        for parsed in X.expressions_in(text, implicit=True):
            if parsed.node is None:
                continue
            for cmp in _actor_checks(parsed.node):
                ctx.report(
                    ctx.sub_span(node.value_span("if"), text, *_extent(cmp)),
                    f"`{text[slice(*_extent(cmp))]}`: the actor is whoever caused the latest event, not the author of the pull "
                    "request: an attacker can get a bot to act last on their pull request (a "
                    "`@dependabot recreate`, a rebase) and pass this check; test "
                    "`github.event.pull_request.user.login` instead.",
                    context=f"{where}:bot:{cmp.start}", once="",
                )
