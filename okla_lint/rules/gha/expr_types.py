"""expr-type-error and expr-comparison-type: the type checker of lib/gha/types.py over every
``${{ }}`` (and ``if:``) of workflows and composite actions. One family: both come from the
same typing of the same expressions, so they share one walk."""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha import types as T
from ...lib.gha.contexts import Site, action_sites, workflow_sites

RULES = {"type": "expr-type-error", "compare": "expr-comparison-type"}

# keys whose value is text only: an object or array written into them is the text 'Object'
TEXT_KEYS = ("run", "name", "run-name", "working-directory", "shell")


def _text_only(site: Site, t: X.Template, value: str) -> bool:
    whole = not value[: t.start].strip() and not value[t.end :].strip()
    return not whole or site.where.rsplit(".", 1)[-1] in TEXT_KEYS or site.where == "run-name"


def _mapping_key(site: Site) -> str | None:
    """`env`, `with` or `strategy.matrix` written as one expression, which must give a
    mapping; None for other sites."""
    c = site.container
    if not isinstance(c, LMap) or not isinstance(site.key, str):
        return None
    if site.key == "matrix" and site.job is not None and c is site.job.node.get("strategy"):
        return "strategy.matrix"
    if site.key not in ("env", "with"):
        return None
    if site.job is not None and c is site.job.node:
        return site.key
    if site.steps is not None and site.step_index is not None and site.steps[site.step_index] is c:
        return site.key
    if site.job is None and not site.action and site.where == "env":
        return "env"
    return None


def _check_site(ctx: Any, site: Site, contexts: T.Contexts, ident: str) -> None:
    value = site.value
    span = site.span
    for parsed in X.expressions_in(value, implicit=site.implicit):
        if parsed.node is None:
            continue  # expr-syntax
        t, problems = T.check_expression(value, parsed.node, contexts)
        for p in problems:
            ctx.report(
                RULES[p.kind],
                ctx.sub_span(span, value, p.start, max(p.end, p.start + 1)),
                p.message,
                context=f"{ident}:{site.where}:{p.what}",
                once=p.what,
            )
        tmpl = parsed.template
        key = _mapping_key(site) if tmpl is not None and not value[: tmpl.start].strip() and not value[tmpl.end :].strip() else None
        if key is not None and isinstance(t, T.Scalar) and t is not T.ANY:
            expr = T.source(value, parsed.node)
            ctx.report(
                "expr-type-error",
                ctx.sub_span(span, value, T.first(parsed.node), parsed.node.end),
                f"`{key}:` is written as the expression `{expr}`, which is {T.describe(t)}, but `{key}` must be a "
                "mapping: GitHub fails the job when it evaluates it (\"A mapping was expected\"); write the mapping, "
                f"or an expression that gives one (`fromJSON(...)`)",
                context=f"{ident}:{site.where}:mapping:{expr.lower()}",
                once=f"mapping:{expr.lower()}",
            )
        if tmpl is not None and T.is_object(t) and _text_only(site, tmpl, value):
            shown = "'Array'" if isinstance(t, T.Array) else "'Object'"
            expr = T.source(value, parsed.node)
            ctx.report(
                "expr-type-error",
                ctx.sub_span(span, value, T.first(parsed.node), parsed.node.end),
                f"`{expr}` is {T.describe(t)}, and `${{{{ }}}}` writes it into the text as {shown}, not its "
                f"contents; use `toJSON({expr})` for the JSON, or one of its properties",
                context=f"{ident}:{site.where}:text:{expr.lower()}",
                once=f"text:{expr.lower()}",
            )


@check(*RULES.values(), on="workflow")
def workflow_types(ctx: Any, wf: Workflow) -> None:
    contexts = T.contexts_for(T.input_types(wf.root, False))
    for site in workflow_sites(wf):
        _check_site(ctx, site, contexts, site.job.id if site.job else "workflow")


@check(*RULES.values(), on="action")
def action_types(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root if unit.docs else None
    if not isinstance(root, LMap):
        return
    contexts = T.contexts_for(T.input_types(root, True))
    for site in action_sites(unit):
        _check_site(ctx, site, contexts, "action")
