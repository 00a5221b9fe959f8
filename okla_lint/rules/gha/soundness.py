"""Expressions that do not mean what they look like: ``contains()`` over a string where a
list was meant, and ``cond && value || fallback`` pseudo-ternaries whose true arm is falsy.

A family: one walk over the parsed expressions of a workflow or composite action, where
each node is judged by both rules.
"""
from __future__ import annotations

from typing import Any

from ...core.model import Workflow
from ...core.registry import check
from ...core.files import FileUnit
from ...lib.gha import expression as X
from ...core.located import LMap
from ...lib.gha.contexts import Site, action_sites, workflow_sites

# contexts whose value whoever pushes a branch, opens a pull request or dispatches the
# workflow chooses (zizmor's list for unsound-contains)
_CONTROLLABLE = (
    "github.ref", "github.ref_name", "github.head_ref", "github.base_ref", "github.actor",
    "github.triggering_actor", "github.sha", "inputs", "env",
)


def _is_string(site_value: str, lit: X.Lit) -> bool:
    return isinstance(lit.value, str) and site_value[lit.start:lit.start + 1] == "'"


def _dotted(ref: X.Ref) -> str:
    return ".".join([ref.context] + [p[0].lower() for p in ref.path])


def _controllable(node: X.Node) -> str | None:
    """The dotted name of ``node`` when it is a plain context reference whose value an
    outsider or a pusher can choose."""
    if not isinstance(node, (X.Var, X.Prop)):
        return None
    rs = X.refs(node)
    if len(rs) != 1:
        return None
    name = _dotted(rs[0])
    for c in _CONTROLLABLE:
        if name == c or name.startswith(c + "."):
            return name
    return None


def _falsy(site_value: str, lit: X.Lit) -> str | None:
    """The literal's text when it is always falsy: '', 0, false, null."""
    raw = site_value[lit.start:lit.end]
    if lit.value is None or lit.value is False:
        return raw
    if isinstance(lit.value, str):
        if raw.startswith("'"):
            return raw if lit.value == "" else None
        try:
            return raw if float(lit.value) == 0 else None
        except ValueError:
            return None
    return None


def _site_ident(site: Site) -> str:
    return site.job.id if site.job is not None else ("action" if site.action else "workflow")


def _check_sites(ctx: Any, sites: Any) -> None:
    seen: set = set()
    for site in sites:
        for parsed in X.expressions_in(site.value, implicit=site.implicit):
            if parsed.node is None:
                continue
            for n in X.walk(parsed.node):
                if isinstance(n, X.Call) and n.name.lower() == "contains" and len(n.args) == 2 and site.implicit:
                    hay, needle = n.args
                    if isinstance(hay, X.Lit) and _is_string(site.value, hay):
                        name = _controllable(needle)
                        if name:
                            where = ctx.sub_span(site.span, site.value, hay.start, hay.end)
                            key = ("contains-string-haystack", where.line, where.col)
                            if key in seen:
                                continue
                            seen.add(key)
                            ctx.report(
                                "contains-string-haystack",
                                where,
                                f"`contains()` searches the string {site.value[hay.start:hay.end]} for `{name}`, "
                                "so any part of it matches too (a branch named `mai` passes a check for "
                                "`refs/heads/main`), and whoever chooses that value passes this condition. "
                                "Give a list, `contains(fromJSON('[\"a\", \"b\"]'), ...)`, or compare with `==`",
                                context=f"{_site_ident(site)}:{site.where}:contains:{name}",
                            )
                if (
                    isinstance(n, X.Bin) and n.op == "||" and isinstance(n.left, X.Bin) and n.left.op == "&&"
                    and isinstance(n.left.right, X.Lit)
                ):
                    raw = _falsy(site.value, n.left.right)
                    if raw is None:
                        continue
                    arm = n.left.right
                    where = ctx.sub_span(site.span, site.value, arm.start, arm.end)
                    key = ("ternary-falsy-value", where.line, where.col)
                    if key in seen:
                        continue
                    seen.add(key)
                    fallback = site.value[n.right.start:n.right.end] if hasattr(n.right, "start") else "the fallback"
                    ctx.report(
                        "ternary-falsy-value",
                        where,
                        f"`{raw}` is falsy, so `cond && {raw} || ...` never yields it: the expression gives "
                        f"the fallback `{fallback}` whether the condition holds or not. Swap the arms "
                        f"(`!cond && {fallback} || {raw}`) or use `case(cond, {raw}, {fallback})`",
                        context=f"{_site_ident(site)}:{site.where}:ternary:{raw}",
                    )


@check("contains-string-haystack", "ternary-falsy-value", on="workflow")
def workflow_soundness(ctx: Any, wf: Workflow) -> None:
    _check_sites(ctx, workflow_sites(wf))


@check("contains-string-haystack", "ternary-falsy-value", on="action")
def action_soundness(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root if unit.docs else None
    if isinstance(root, LMap):
        _check_sites(ctx, action_sites(unit))
