"""Values of the event that whoever opens a pull request, an issue or a comment chooses
(a deny-list: titles, bodies, branch names, commit messages and author fields), which of
them can hold a line break, and the triggers under which a workflow runs with the base
repository's secrets while such values reach it. Read by script-injection and
github-env-injection."""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap, LSeq
from .expression import Bin, Call, Index, Lit, Not, Prop, Var, parse
from .webhooks import triggers

# attacker-controlled values; '*' matches one array index
UNTRUSTED = (
    "github.head_ref",
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.event.pull_request.head.repo.description",
    "github.event.pull_request.head.repo.homepage",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.discussion.title",
    "github.event.discussion.body",
    "github.event.pages.*.page_name",
    "github.event.commits.*.message",
    "github.event.commits.*.author.email",
    "github.event.commits.*.author.name",
    "github.event.commits.*.committer.email",
    "github.event.commits.*.committer.name",
    "github.event.head_commit.message",
    "github.event.head_commit.author.email",
    "github.event.head_commit.author.name",
    "github.event.head_commit.committer.email",
    "github.event.head_commit.committer.name",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.display_title",
    "github.event.workflow_run.head_commit.message",
    "github.event.workflow_run.head_commit.author.email",
    "github.event.workflow_run.head_commit.author.name",
    "github.event.workflow_run.head_commit.committer.email",
    "github.event.workflow_run.head_commit.committer.name",
    "github.event.workflow_run.head_repository.description",
    "github.event.workflow_run.pull_requests.*.head.ref",
    "github.event.merge_group.head_commit.message",
    "github.event.merge_group.head_commit.author.email",
    "github.event.merge_group.head_commit.author.name",
)
_UNTRUSTED = [tuple(p.split(".")) for p in UNTRUSTED]



def _match(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    return len(path) == len(pattern) and all(p == q or q == "*" for p, q in zip(path, pattern))


def _covers(path: tuple[str, ...]) -> str | None:
    """The untrusted value that ``path`` names or (as a whole object) contains."""
    for pat in _UNTRUSTED:
        if _match(path, pat):
            return ".".join(path)
    return None


def _object_with_untrusted(path: tuple[str, ...]) -> str | None:
    """``github.event`` or ``github.event.pull_request`` serialised whole (``toJSON``)."""
    if len(path) < 2 or path[:2] != ("github", "event"):
        return None
    for pat in _UNTRUSTED:
        if len(pat) > len(path) and all(p == q or q == "*" for p, q in zip(path, pat)):
            return ".".join(path)
    return None


_SAFE_CALLS = ("contains", "startswith", "endswith")  # they return a boolean
_COMPARE = ("==", "!=", "<", "<=", ">", ">=")


def _chain_path(n) -> tuple[tuple[str, ...], int] | None:
    """The static path of a property chain (``github.event.commits[0].message`` ->
    ('github', 'event', 'commits', '*', 'message')) and the offset of its context name."""
    names: list[str] = []
    cur = n
    while isinstance(cur, (Prop, Index)):
        if isinstance(cur, Prop):
            names.append("*" if cur.name.isdigit() else cur.name.lower())
        elif isinstance(cur.index, Lit) and isinstance(cur.index.value, str) and cur.index.value != "*":
            names.append(cur.index.value.lower())
        else:
            names.append("*")
        cur = cur.obj
    if not isinstance(cur, Var):
        return None
    names.append(cur.name.lower())
    return tuple(reversed(names)), cur.start


def untrusted_in(node, env: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """(untrusted value, offset of its context name): see ``untrusted_spans``."""
    return [(value, start) for value, start, _ in untrusted_spans(node, env)]


def untrusted_spans(node, env: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """(untrusted value, offset of its context name, end offset of its access chain) for
    each deny-listed value whose text
    an expression can print. Values that only decide a boolean cannot carry code:
    arguments of contains/startsWith/endsWith, operands of comparisons and of ``!``, and
    the left side of ``&&`` (it is printed only when empty). ``env`` maps variables set
    from an untrusted value to it: ``${{ env.TITLE }}`` pastes that value just the same
    (reported as ``env.TITLE``)."""
    out: list[tuple[str, int, int]] = []

    def visit(n, safe: bool, whole: bool) -> None:
        if isinstance(n, (Prop, Index, Var)):
            got = _chain_path(n)
            if got is not None and not safe:
                path, at = got
                hit = _covers(path) or (_object_with_untrusted(path) if whole else None)
                if hit is None and env and len(path) == 2 and path[0] == "env" and path[1] in env:
                    hit = f"env.{env[path[1]][0]}"
                if hit and all(h != hit or a != at for h, a, _ in out):
                    # the whole access chain as written: `github.event.issue.title`
                    # (a literal index ends before its `]`, a computed one after it)
                    out.append((hit, at, n.end))
            # computed indexes only pick which value is read
            cur = n
            while isinstance(cur, (Prop, Index)):
                if isinstance(cur, Index):
                    visit(cur.index, True, False)
                cur = cur.obj
            if not isinstance(cur, Var):
                visit(cur, safe, whole)
            return
        if isinstance(n, Call):
            name = n.name.lower()
            for a in n.args:
                visit(a, safe or name in _SAFE_CALLS, name == "tojson")
            return
        if isinstance(n, Not):
            visit(n.operand, True, False)
            return
        if isinstance(n, Bin):
            if n.op in _COMPARE:
                visit(n.left, True, False)
                visit(n.right, True, False)
            elif n.op == "&&":
                visit(n.left, True, False)
                visit(n.right, safe, whole)
            else:
                visit(n.left, safe, whole)
                visit(n.right, safe, whole)

    if node is not None:
        visit(node, False, False)
    return out


def untrusted_refs(inner: str) -> list[str]:
    """Untrusted values an expression reads (deny-list), in order."""
    node, err = parse(inner)
    if node is None:
        return []
    out: list[str] = []
    for value, _ in sorted(untrusted_in(node), key=lambda v: v[1]):
        if value not in out:
            out.append(value)
    return out



# values that cannot hold a line break: git ref names (and "owner:branch" labels) forbid
# control characters (git check-ref-format); GitHub rejects a pull request title with a
# line break ("title contains line breaks"), and a run's display title is that title or
# the first line of a commit message. (Issue and discussion titles can hold one.)
SINGLE_LINE = frozenset((
    "github.event.pull_request.title",
    "github.event.workflow_run.display_title",
    "github.head_ref",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.pull_requests.*.head.ref",
))
# Origin.lifetime of an untrusted value, by whether it can hold a line break
MULTI_LINE = "multi-line"
SINGLE_LINE_VALUE = "single-line"

# triggers whose runs have the base repository's secrets and a token that can write, while
# an outsider supplies the event (a pull request from a fork, an issue, a comment)
PRIVILEGED_TRIGGERS = (
    "pull_request_target", "workflow_run", "issue_comment", "issues", "discussion",
    "discussion_comment",
)


# `if:` conditions that keep outsiders out: same-repository pull requests (forks cannot push
# there), commenters who are owners, members or collaborators
_INSIDERS_ONLY = re.compile(
    r"head\s*\.\s*repo\s*\.\s*full_name\s*==\s*github\s*\.\s*repository"
    r"|github\s*\.\s*repository\s*==\s*github\s*\.\s*event\s*\.\s*(?:pull_request\s*\.\s*head\s*\.\s*repo|workflow_run\s*\.\s*head_repository)\s*\.\s*full_name"
    r"|head_repository\s*\.\s*full_name\s*==\s*github\s*\.\s*repository"
    r"|head\s*\.\s*repo\s*\.\s*fork\s*==\s*false|!\s*github\s*\.\s*event\s*\.\s*pull_request\s*\.\s*head\s*\.\s*repo\s*\.\s*fork"
    r"|author_association\s*==\s*'(?:OWNER|MEMBER|COLLABORATOR)'"
    r"|[\"']?(?:OWNER|MEMBER|COLLABORATOR)[\"'][^)]*\)\s*,\s*github\s*\.\s*event\s*\.\s*\w+\s*\.\s*author_association",
    re.I,
)


def insiders_only(*nodes: Any) -> bool:
    """Whether an ``if:`` of these job or step mappings admits only the repository's own
    people (a same-repository pull request, a commenter who is an owner, member or
    collaborator); conditions joined with ``||`` may still let others in and do not count."""
    for n in nodes:
        cond = n.get("if") if isinstance(n, LMap) else None
        m = _INSIDERS_ONLY.search(cond) if isinstance(cond, str) and "||" not in cond else None
        if m and not re.search(r"NONE|CONTRIBUTOR|FIRST_TIME|MANNEQUIN", cond):
            return True
    return False


def runs_after_pull_requests(model: Any, wf: Any) -> bool:
    """Whether the workflows that trigger this ``workflow_run`` workflow can run for pull
    requests. False only when every named workflow is found in the repository and none of
    them has a pull request trigger."""
    on = wf.root.get("on")
    spec = on.get("workflow_run") if isinstance(on, LMap) else None
    names = spec.get("workflows") if isinstance(spec, LMap) else None
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not names or model is None:
        return True
    by_name: dict[str, Any] = {}
    for other in model.workflows:
        n = other.root.get("name")
        by_name[n if isinstance(n, str) else other.file.rel] = other
        by_name.setdefault(other.file.rel, other)
    for name in names:
        other = by_name.get(name) if isinstance(name, str) else None
        if other is None:
            return True
        if any(t.startswith("pull_request") for t in triggers(other.root)):
            return True
    return False


def privileged_triggers(wf: Any, model: Any) -> list[str]:
    """The workflow's triggers among PRIVILEGED_TRIGGERS (``workflow_run`` only when the
    workflows it follows can run for pull requests)."""
    out = [t for t in triggers(wf.root) if t in PRIVILEGED_TRIGGERS]
    if "workflow_run" in out and not runs_after_pull_requests(model, wf):
        out.remove("workflow_run")
    return out


def _shell_name(v: Any) -> str | None:
    if not isinstance(v, str) or not v.strip() or "${{" in v:
        return None
    return v.strip().split()[0].rsplit("/", 1)[-1].lower()


def written_shell(step: Any) -> tuple[bool, Any]:
    """Whether a ``shell:`` is written for a ``run:`` step (the step's, else the job's, then
    the workflow's ``defaults.run.shell``), and its value as written."""
    if "shell" in step.node:
        return True, step.node.get("shell")
    holders = [step.job.node, step.root] if step.job is not None else []
    for h in holders:
        d = h.get("defaults") if isinstance(h, LMap) else None
        r = d.get("run") if isinstance(d, LMap) else None
        if isinstance(r, LMap) and "shell" in r:
            return True, r.get("shell")
    return False, None


def step_shell(step: Any) -> str | None:
    """The shell a ``run:`` step runs in (``bash``, ``sh``, ``pwsh``, ``powershell``,
    ``cmd``, ``python`` or a custom program's name): the step's ``shell:``, then the job's
    and the workflow's ``defaults.run.shell``, then the runner's default (``pwsh`` on a
    Windows runner, ``bash`` elsewhere). None when an expression decides."""
    written, value = written_shell(step)
    if written:
        return _shell_name(value)
    if step.job is None:
        return None  # a composite action's run step must name its shell
    runs_on = step.job.node.get("runs-on")
    labels = [runs_on] if isinstance(runs_on, str) else list(runs_on) if isinstance(runs_on, (list, LSeq)) else []
    if isinstance(runs_on, LMap):
        labels = [runs_on.get("labels")] if isinstance(runs_on.get("labels"), str) else list(runs_on.get("labels") or [])
    if any(isinstance(x, str) and "${{" in x for x in labels):
        return None
    if any(isinstance(x, str) and x.lower().startswith("windows") for x in labels):
        return "pwsh"
    return "bash"
