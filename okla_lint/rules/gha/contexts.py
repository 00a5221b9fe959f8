"""Checks of ``${{ }}`` expressions in workflows and composite actions: syntax, contexts
and where they are available, built-in functions, and references to steps, needs, matrix
keys and inputs that do not exist. The sites and what they may use are
lib/gha/contexts.py.

A family: one walk over every site where GitHub evaluates an expression parses it once and
judges each node against what that site may use (``check_site``); the ten rules are the
ten ways a node can be wrong, and they share the walk, its parse and its reporter.
"""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.model import Workflow
from ...core.registry import check
from ...core.suggest import close_matches, closest
from ...lib.gha import expression as X
from ...lib.gha.contexts import (
    ACTION_UNAVAILABLE,
    AVAILABILITY,
    CONTEXTS,
    FUNCTIONS,
    SPECIAL_FUNCS,
    Scope,
    Site,
    action_sites,
    declared_inputs,
    dispatch_inputs,
    job_outputs,
    matrix_keys,
    needs_lower,
    needs_names,
    step_ids,
    workflow_sites,
)
from ...lib.gha.reusable import local_action_at
from ...core.fix import SAFE, Edit, Fix, replace_whole_scalar, scalar_edit


# -- the checks --------------------------------------------------------------------------


# webhook events a workflow run can have as `github.event_name`
EVENT_NAMES = (
    "branch_protection_rule", "check_run", "check_suite", "create", "delete", "deployment",
    "deployment_status", "discussion", "discussion_comment", "dynamic", "fork", "gollum",
    "image_version", "issue_comment", "issues", "label", "merge_group", "milestone", "page_build",
    "project", "project_card", "project_column", "public", "pull_request", "pull_request_comment",
    "pull_request_review", "pull_request_review_comment", "pull_request_target", "push",
    "registry_package", "release", "repository_dispatch", "schedule", "status", "watch",
    "workflow_call", "workflow_dispatch", "workflow_run",
)

RULES = (
    "expr-event-name-typo",
    "if-always-true",
    "expr-syntax",
    "expr-unknown-context",
    "expr-context-unavailable",
    "expr-unknown-function",
    "expr-undefined-step",
    "expr-undefined-job",
    "expr-undefined-matrix-key",
    "expr-undefined-input",
)


def _rejects(site: Site) -> str:
    return "the step fails when the action runs" if site.action else "GitHub rejects the workflow"


def _suggest(name: str, options: Any, cutoff: float = 0.6) -> str:
    orig = closest(name, options, cutoff)
    return f" (did you mean `{orig}`?)" if orig else ""


def _listing(names: Any, limit: int = 12) -> str:
    names = sorted(names, key=str.lower)
    if not names:
        return "none"
    shown = ", ".join(f"`{n}`" for n in names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


class _Reporter:
    def __init__(self, ctx: Any, site: Site, ident: str, seen: set | None = None):
        self.ctx = ctx
        self.site = site
        self.ident = ident
        self.span = site.span
        self.seen = seen if seen is not None else set()

    def __call__(self, rule: str, start: int, end: int, message: str, what: str, fix: Any = None) -> None:
        where = self.ctx.sub_span(self.span, self.site.value, start, max(end, start + 1))
        # a YAML alias repeats a node (and its spans) in several jobs: report each place once
        key = (rule, where.line, where.col)
        if key in self.seen:
            return
        self.seen.add(key)
        self.ctx.report(rule, where, message, context=f"{self.ident}:{self.site.where}:{what}", fix=fix)


def check_site(ctx: Any, site: Site, scope: Scope, ident: str, seen: set | None = None) -> None:
    report = _Reporter(ctx, site, ident, seen)
    avail = None if site.action else AVAILABILITY.get(site.where)
    if site.implicit and "${{" in site.value:
        _check_if_template(ctx, report, site)
    for parsed in X.expressions_in(site.value, implicit=site.implicit):
        if parsed.error:
            e = parsed.error
            report(
                "expr-syntax",
                e.start,
                e.end,
                f"invalid expression: {e.message}. " + (
                    "The step fails when the action runs; fix the expression."
                    if site.action
                    else "GitHub rejects the whole workflow file when it loads it, so no job runs; fix the expression."
                ),
                e.message,
            )
            continue
        node = parsed.node
        assert node is not None
        for n in X.walk(node):
            if isinstance(n, X.Call):
                _check_call(report, n, site, avail)
            elif isinstance(n, X.Bin) and n.op in ("==", "!="):
                _check_event_name(report, n)
        fallback = X.with_fallback(node)
        for ref in X.refs(node):
            _check_ref(ctx, report, ref, site, scope, avail, id(ref.var) in fallback)


def _check_if_template(ctx: Any, report: _Reporter, site: Site) -> None:
    """``if: ${{ a }} == 'b'``: text outside the one ``${{ }}`` turns the condition into a
    non-empty string, which is always true."""
    v = site.value
    ts = X.templates(v)
    if not ts or not all(t.closed for t in ts):
        return  # expr-syntax reports it
    # no trimming: `if: |` keeps its final newline, and "${{ false }}\n" is a non-empty string
    if len(ts) == 1 and ts[0].start == 0 and ts[0].end == len(v):
        return
    lead = len(v) - len(v.lstrip())
    tail = len(v.rstrip())
    report(
        "if-always-true",
        lead,
        tail,
        "this `if:` has text around its `${{ }}` (even a space or the final newline of a `|` block), so GitHub "
        "substitutes the expression into that text and gets a string (such as `push == 'push'`), which is "
        "never empty and therefore always true: the "
        f"{'step' if 'steps' in site.where or site.action else 'job'} always runs. Put the whole condition inside "
        "one `${{ }}` (use `|-` or a plain scalar), or drop the `${{ }}`.",
        v.strip(),
        _if_fix(ctx, site, ts),
    )


def _if_fix(ctx: Any, site: Site, ts: list) -> Any:
    """Safe: the condition the author meant. Blanks around one `${{ }}` are dropped (a `|`
    block becomes `|-`); other text around the templates is joined with their contents into
    one expression (`${{ github.event_name }} == 'push'` -> `github.event_name == 'push'`),
    when that parses."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None:
        return None
    v = site.value
    span = site.span
    text = src.text
    if len(ts) == 1 and not v[: ts[0].start].strip() and not v[ts[0].end :].strip():
        style = span.style or ""
        if style in ("|", ">") and text[span.start : span.start + 1] == style:
            h = span.start + 1
            if text[h : h + 1] == "-":
                return None
            if text[h : h + 1] == "+":
                edit = Edit(h, h + 1, "-")
            else:
                edit = Edit(h, h, "-")
            if v[: ts[0].start]:
                return None  # more-indented first line: leave it to the author
            return Fix(SAFE, (edit,), f"Write `{style}-` so the block keeps no final newline")
        edits = []
        if ts[0].start:
            edits.append(scalar_edit(src, span, v, 0, ts[0].start, ""))
        if ts[0].end < len(v):
            edits.append(scalar_edit(src, span, v, ts[0].end, len(v), ""))
        if edits and all(edits):
            return Fix(SAFE, tuple(edits), "Drop the blanks around `${{ }}`")
        return None
    for t in ts:
        # the text must meet each `${{ }}` at a blank or an operator: `${{ a }}-bot` is
        # not an expression the author wrote
        if t.start > 0 and v[t.start - 1] not in " \t=!<>&|(,":
            return None
        if t.end < len(v) and v[t.end] not in " \t=!<>&|),":
            return None
    parts = []
    pos = 0
    for t in ts:
        parts.append(v[pos : t.start])
        parts.append(v[t.inner_start : t.inner_end].strip())
        pos = t.end
    parts.append(v[pos:])
    cond = " ".join("".join(parts).split())
    node, err = X.parse(cond)
    if err is not None or node is None or "${{" in cond:
        return None
    edit = replace_whole_scalar(src, span, cond)
    return Fix(SAFE, (edit,), f"Write the condition as one expression: `{cond}`") if edit else None


def _is_event_name(node: Any) -> bool:
    return (
        isinstance(node, X.Prop)
        and node.name.lower() == "event_name"
        and isinstance(node.obj, X.Var)
        and node.obj.name.lower() == "github"
    )


def _check_event_name(report: _Reporter, n: X.Bin) -> None:
    """``github.event_name == 'pull-request'``: a misspelled event name never matches."""
    for ref, lit in ((n.left, n.right), (n.right, n.left)):
        if not (_is_event_name(ref) and isinstance(lit, X.Lit) and isinstance(lit.value, str)):
            continue
        value = lit.value.strip().lower()
        if value in EVENT_NAMES:
            return
        m = close_matches(value.replace("-", "_").replace(" ", "_"), EVENT_NAMES, cutoff=0.8)
        if not m:
            return  # not an obvious typo: perhaps an event newer than this list
        outcome = "never true" if n.op == "==" else "always true"
        report(
            "expr-event-name-typo",
            lit.start,
            lit.end,
            f"`{lit.value}` is not a GitHub event name (did you mean `{m[0]}`?): `github.event_name` is never "
            f"`{lit.value}`, so this comparison is {outcome}; use the event's exact name.",
            f"event:{value}",
            _literal_fix(report, lit, m[0]),
        )
        return


def _literal_fix(report: _Reporter, lit: Any, new: str) -> Any:
    """Safe: the one event name the misspelled literal is close to, in its quotes."""
    ctx, site = report.ctx, report.site
    src = ctx.file.src if ctx.file is not None else None
    if src is None or lit.end - lit.start < 2:
        return None
    edit = scalar_edit(src, site.span, site.value, lit.start + 1, lit.end - 1, new)
    return Fix(SAFE, (edit,), f"Write `'{new}'`") if edit else None


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _format_problem(fmt: str, nargs: int) -> str | None:
    """What is wrong with a literal format string given ``nargs`` arguments, or None."""
    i = 0
    n = len(fmt)
    highest = -1
    while i < n:
        c = fmt[i]
        if c == "{":
            if fmt.startswith("{{", i):
                i += 2
                continue
            j = fmt.find("}", i + 1)
            digits = fmt[i + 1 : j] if j != -1 else ""
            if j != -1 and ":" in digits and _digits(digits.split(":", 1)[0]):
                return f"the format string {fmt!r} uses a format specifier (`{{{digits}}}`), which GitHub cannot apply to workflow values"
            if j == -1 or not _digits(digits) or int(digits) > 255:
                return f"the format string {fmt!r} has a `{{` that is not a placeholder such as `{{0}}` (write `{{{{` for a literal brace)"
            highest = max(highest, int(digits))
            i = j + 1
            continue
        if c == "}":
            if fmt.startswith("}}", i):
                i += 2
                continue
            return f"the format string {fmt!r} has a lone `}}` (write `}}}}` for a literal brace)"
        i += 1
    if highest >= nargs:
        return (
            f"the format string {fmt!r} uses `{{{highest}}}` but only {nargs} argument"
            f"{'s follow' if nargs != 1 else ' follows'} it"
        )
    return None


def _check_call(report: _Reporter, n: X.Call, site: Site, avail: Any) -> None:
    low = n.name.lower()
    spec = FUNCTIONS.get(low)
    if spec is None:
        report(
            "expr-unknown-function",
            n.start,
            n.name_end,
            f"`{n.name}()` is not a GitHub Actions expression function: {_rejects(site)} "
            f"(\"Unrecognized function: '{n.name}'\"){_suggest(n.name, [v[0] for v in FUNCTIONS.values()])}. "
            f"The functions are {', '.join(v[0] for v in FUNCTIONS.values())}.",
            n.name,
        )
        return
    name, lo, hi = spec
    argc = len(n.args)
    bad = argc < lo or (hi is not None and argc > hi) or (low == "case" and argc % 2 == 0)
    if bad:
        if low == "case":
            want = "an odd number of arguments, at least 3 (condition, value pairs and a default)"
        elif hi is None:
            want = f"at least {lo} argument{'s' if lo != 1 else ''}"
        elif lo == hi:
            want = f"exactly {lo} argument{'s' if lo != 1 else ''}"
        else:
            want = f"{lo} to {hi} arguments"
        report(
            "expr-unknown-function",
            n.start,
            n.name_end,
            f"`{name}()` takes {want} but is called with {argc}: {_rejects(site)}; "
            "fix the call.",
            f"{name}/{argc}",
        )
        return
    if low == "format" and isinstance(n.args[0], X.Lit) and isinstance(n.args[0].value, str):
        problem = _format_problem(n.args[0].value, argc - 1)
        if problem:
            report(
                "expr-unknown-function",
                n.args[0].start,
                n.args[0].end,
                f"`format()`: {problem}; GitHub fails the expression when it evaluates it (\"The following format "
                "string ...\"), which fails the step or job. Placeholders are `{0}`, `{1}`... (one per argument after "
                "the format string) and literal braces are written `{{` and `}}`.",
                f"format:{n.args[0].value}",
            )
    if low in SPECIAL_FUNCS and avail is not None and low not in avail[1]:
        if low == "hashfiles":
            allowed = "step keys (`steps.if`, `run`, `with`, `env`, `name`, ...)"
        else:
            allowed = "`if:` conditions (`jobs.<job_id>.if` and `jobs.<job_id>.steps.if`)"
        report(
            "expr-context-unavailable",
            n.start,
            n.name_end,
            f"`{name}()` cannot be called in `{site.where}`, only in {allowed}: GitHub rejects the workflow "
            f"(\"Unrecognized function: '{name}'\").",
            name,
        )


def _check_ref(
    ctx: Any, report: _Reporter, ref: X.Ref, site: Site, scope: Scope, avail: Any, fallback: bool = False
) -> None:
    v = ref.var
    name = ref.context
    if name not in CONTEXTS:
        hint = _suggest(v.name, CONTEXTS, cutoff=0.8)
        if not hint:
            hint = f"; if `{v.name}` is meant as text, quote it as a string literal: '{v.name}'"
        report(
            "expr-unknown-context",
            v.start,
            v.end,
            f"`{v.name}` is not a context: {_rejects(site)} (\"Unrecognized named-value: '{v.name}'\"){hint}. "
            f"The contexts are {', '.join(CONTEXTS)}.",
            v.name,
        )
        return
    if site.action and name in ACTION_UNAVAILABLE:
        report(
            "expr-context-unavailable",
            v.start,
            v.end,
            f"the `{name}` context is not available in composite actions ({ACTION_UNAVAILABLE[name]}): the runner "
            f"fails to load the action (\"Unrecognized named-value: '{name}'\"); declare an input and pass the value "
            f"from the workflow (`with: {{value: ${{{{ {name}.NAME }}}}}}`).",
            name,
        )
        return
    if avail is not None and name not in avail[0]:
        report(
            "expr-context-unavailable",
            v.start,
            v.end,
            f"the `{name}` context is not available in `{site.where}`: GitHub rejects the workflow "
            f"(\"Unrecognized named-value: '{name}'\"). Available here: {', '.join(avail[0])}; "
            f"read `{name}` where it is available (for example in a step's `env:`) and pass the value on.",
            name,
        )
        return
    path = ref.path
    if not path or path[0][0] == "*":
        return
    first, fs, fe = path[0]
    low = first.lower()
    if name == "steps":
        _check_steps_ref(ctx, report, ref, site)
    elif name == "needs" and site.job is not None and not site.action:
        needs = needs_lower(site.job)
        if low not in needs:
            if low in scope.jobs:
                why = f"job `{site.job.id}` does not list `{first}` in its `needs`, so `needs.{first}` is null"
                if _depends_on(scope, site.job.id.lower(), low):
                    why += " (it is only an indirect dependency, and `needs` holds the direct ones)"
                fix = f"add `{first}` to `needs:`"
            else:
                why = f"there is no job `{first}` in this workflow (and `{site.job.id}` does not need it), so `needs.{first}` is null"
                fix = "use the id of a job listed in `needs:`" + _suggest(first, list(needs.values()) + [j.id for j in scope.jobs.values()])
            report("expr-undefined-job", fs, fe, f"{why}; {fix}.", f"needs.{low}")
            return
        _check_job_props(ctx, report, ref, scope, "needs")
    elif name == "jobs" and site.where.startswith("on.workflow_call.outputs"):
        if low not in scope.jobs:
            report(
                "expr-undefined-job",
                fs,
                fe,
                f"there is no job `{first}` in this workflow, so `jobs.{first}` is null and the reusable "
                f"workflow output is empty{_suggest(first, [j.id for j in scope.jobs.values()])}.",
                f"jobs.{low}",
            )
            return
        _check_job_props(ctx, report, ref, scope, "jobs")
    elif name == "matrix" and site.job is not None and not site.action:
        if fallback:
            return  # `matrix.os || 'ubuntu-latest'`: written to work without the key
        keys = matrix_keys(site.job)
        if keys is None or low in keys:
            return
        if not keys:
            msg = (
                f"job `{site.job.id}` has no matrix, so `matrix.{first}` is always null; define "
                f"`strategy.matrix.{first}` or use another context"
            )
        else:
            msg = (
                f"`{first}` is not a key of job `{site.job.id}`'s matrix ({_listing(keys.values())}), so "
                f"`matrix.{first}` is null{_suggest(first, keys.values())}; add the key to `strategy.matrix` "
                "(or to an `include` entry) or fix the name"
            )
        report("expr-undefined-matrix-key", fs, fe, msg + ".", f"matrix.{low}")
    elif name == "github" and low == "event" and len(path) > 2 and path[1][0].lower() == "inputs":
        inp, is_, ie = path[2]
        if scope.dispatch_inputs is None or inp == "*" or inp.lower() in scope.dispatch_inputs:
            return
        report(
            "expr-undefined-input",
            is_,
            ie,
            f"input `{inp}` is not declared in `on.workflow_dispatch.inputs` ({_listing(scope.dispatch_inputs.values())}), "
            f"so `github.event.inputs.{inp}` is always null{_suggest(inp, scope.dispatch_inputs.values())}; declare "
            "the input or fix the name.",
            f"github.event.inputs.{inp.lower()}",
        )
    elif name == "inputs":
        if scope.inputs is None or low in scope.inputs:
            return
        where = "this action's `inputs`" if scope.action else "`on.workflow_dispatch.inputs` / `on.workflow_call.inputs`"
        report(
            "expr-undefined-input",
            fs,
            fe,
            f"input `{first}` is not declared in {where} ({_listing(scope.inputs.values())}), so `inputs.{first}` "
            f"is always null{_suggest(first, scope.inputs.values())}; declare the input or fix the name.",
            f"inputs.{low}",
        )


def _depends_on(scope: Scope, job: str, target: str) -> bool:
    """Whether ``job`` (lower id) depends on ``target`` through a chain of ``needs``."""
    stack, seen = [job], {job}
    while stack:
        j = scope.jobs.get(stack.pop())
        if j is None:
            continue
        for name, _ in needs_names(j):
            low = name.lower()
            if low == target:
                return True
            if low not in seen:
                seen.add(low)
                stack.append(low)
    return False


def _check_steps_ref(ctx: Any, report: _Reporter, ref: X.Ref, site: Site) -> None:
    if site.steps is None:
        return
    first, fs, fe = ref.path[0]
    low = first.lower()
    ids = step_ids(site.steps)
    matches = [(i, sid) for i, sid in ids if sid.lower() == low]
    owner = f"job `{site.job.id}`" if site.job is not None else "this action"
    if not matches:
        visible = [sid for i, sid in ids if site.step_index is None or i < site.step_index]
        report(
            "expr-undefined-step",
            fs,
            fe,
            f"no step of {owner} has `id: {first}`, so `steps.{first}` is null"
            f"{_suggest(first, visible)}; give the step an `id` or fix the reference.",
            f"steps.{low}",
        )
        return
    if site.step_index is not None:
        if all(i == site.step_index for i, _ in matches):
            report(
                "expr-undefined-step",
                fs,
                fe,
                f"`steps.{first}` is the step that holds this expression: it is evaluated before the step "
                f"runs, so `steps.{first}` (its outputs and outcome) is still null here; refer to an earlier step.",
                f"steps.{low}:self",
            )
            return
        if all(i > site.step_index for i, _ in matches):
            report(
                "expr-undefined-step",
                fs,
                fe,
                f"step `{first}` runs after this one, so `steps.{first}` is still null here; move the step "
                "earlier or refer to a step that has already run.",
                f"steps.{low}:later",
            )
            return
    if len(ref.path) > 1:
        prop, ps, pe = ref.path[1]
        if prop != "*" and prop.lower() not in ("outputs", "outcome", "conclusion"):
            report(
                "expr-undefined-step",
                ps,
                pe,
                f"a step has no property `{prop}` (it has `outputs`, `outcome` and `conclusion`), so "
                f"`steps.{first}.{prop}` is null{_suggest(prop, ['outputs', 'outcome', 'conclusion'])}; "
                "use one of those properties.",
                f"steps.{low}.{prop.lower()}",
            )
            return
        if prop.lower() == "outputs" and len(ref.path) > 2 and ref.path[2][0] != "*":
            visible = [i for i, _ in matches if site.step_index is None or i < site.step_index]
            if visible:
                _check_local_action_output(ctx, report, ref, site.steps[visible[-1]], site)


def _check_local_action_output(ctx: Any, report: _Reporter, ref: X.Ref, step: Any, site: Site) -> None:
    """``steps.<id>.outputs.<name>`` of a step running a local composite action: the
    action exposes exactly the outputs its action.yml declares."""
    holder = site.job.workflow.file if site.job is not None else ctx.file
    index = next((i for i, st in enumerate(site.steps) if st is step), None)
    unit = local_action_at(step, holder, site.steps, index, ctx.model)
    if unit is None:
        return
    root = unit.docs[0].root
    runs = root.get("runs")
    if not (isinstance(runs, LMap) and str(runs.get("using", "")).lower() == "composite"):
        return  # JavaScript and Docker actions can set outputs they do not declare
    outs = root.get("outputs")
    if outs is not None and not isinstance(outs, LMap):
        return
    names = {str(k).lower(): str(k) for k in (outs or {})}
    first = ref.path[0][0]
    out, os_, oe = ref.path[2]
    if out.lower() in names:
        return
    report(
        "expr-undefined-step",
        os_,
        oe,
        f"step `{first}` runs the local composite action `{step.get('uses')}`, which declares no output `{out}` "
        f"({_listing(names.values())}), so `steps.{first}.outputs.{out}` is always empty"
        f"{_suggest(out, names.values())}; declare it in `{unit.rel}` or fix the name.",
        f"steps.{first.lower()}.outputs.{out.lower()}",
    )


def _check_job_props(ctx: Any, report: _Reporter, ref: X.Ref, scope: Scope, cname: str) -> None:
    first = ref.path[0][0]
    props = ("outputs", "result")
    if len(ref.path) < 2:
        return
    prop, ps, pe = ref.path[1]
    if prop == "*":
        return
    if prop.lower() not in props:
        report(
            "expr-undefined-job",
            ps,
            pe,
            f"a job in `{cname}` has no property `{prop}` (it has `outputs` and `result`), so "
            f"`{cname}.{first}.{prop}` is null{_suggest(prop, props)}; use `result` or "
            "`outputs.<name>`.",
            f"{cname}.{first.lower()}.{prop.lower()}",
        )
        return
    if prop.lower() != "outputs" or len(ref.path) < 3:
        return
    out, os_, oe = ref.path[2]
    if out == "*":
        return
    job = scope.jobs.get(first.lower())
    if job is None:
        return
    outs = job_outputs(job, ctx.model)
    if outs is None or out.lower() in outs:
        return
    report(
        "expr-undefined-job",
        os_,
        oe,
        f"job `{job.id}` declares no output `{out}` ({_listing(outs.values())}), so "
        f"`{cname}.{first}.outputs.{out}` is always empty{_suggest(out, outs.values())}; add it to the job's "
        "`outputs:` or fix the name.",
        f"{cname}.{first.lower()}.outputs.{out.lower()}",
    )


@check(*RULES, on="workflow")
def workflow_expressions(ctx: Any, wf: Workflow) -> None:
    scope = Scope(declared_inputs(wf.root, False), {j.id.lower(): j for j in wf.jobs()})
    scope.dispatch_inputs = dispatch_inputs(wf.root)
    seen: set = set()
    for site in workflow_sites(wf):
        check_site(ctx, site, scope, site.job.id if site.job else "workflow", seen)


@check(*RULES, on="action")
def action_expressions(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root
    if not isinstance(root, LMap):
        return
    scope = Scope(declared_inputs(root, True), {}, action=True)
    seen: set = set()
    for site in action_sites(unit):
        check_site(ctx, site, scope, "action", seen)
