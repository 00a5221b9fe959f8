"""Written so that a reader (or a linter) does not see what runs: ``uses:`` paths with
``.``/``..`` or empty segments, and expressions that compute a constant
(``format('{0}', 'x')``) or undo themselves (``fromJSON(toJSON(x))``)."""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.model import Step, Workflow
from ...core.registry import check
from ...lib.gha import expression as X
from ...lib.gha.contexts import action_sites, workflow_sites
from ...lib.gha.uses import parse_uses

RULE = "obfuscated-usage"


def _uses_path_problem(uses: str) -> tuple[int, int, str] | None:
    """(start, end, what) of a ``uses:`` path segment that is empty, ``.`` or ``..``."""
    if uses.startswith(("docker://", "./")) or "${{" in uses or parse_uses(uses) is None:
        return None
    lead = len(uses) - len(uses.lstrip())
    body = uses.strip()
    at = body.rfind("@")
    path = body[:at]
    parts = path.split("/")
    pos = lead
    for i, seg in enumerate(parts):
        if i >= 2 and seg in ("", ".", ".."):
            start = pos - 1 if seg == "" else pos
            end = pos + max(len(seg), 0)
            what = "an empty path segment (`//`)" if seg == "" else f"a `{seg}` path segment"
            return start, max(end, start + 1), what
        pos += len(seg) + 1
    return None


@check(RULE, on="step")
def obfuscated_uses(ctx: Any, step: Step) -> None:
    uses = step.node.get("uses")
    if not isinstance(uses, str):
        return
    found = _uses_path_problem(uses)
    if found is None:
        return
    start, end, what = found
    body = uses.strip()
    name = body[: body.rfind("@")]
    clean = "/".join(p for p in name.split("/") if p not in ("", "."))
    ctx.report(
        RULE,
        ctx.sub_span(step.node.value_span("uses"), uses, start, end),
        f"`{body}` has {what}: GitHub resolves it, but readers, code owners and tools matching action "
        f"names (allow-lists, pinning checks) do not see which action runs. Write the plain path "
        f"(`{clean}@...`)",
        once="",
    )


def _all_literal(args: list) -> bool:
    return all(isinstance(a, X.Lit) for a in args)


def _check_sites(ctx: Any, sites: Any) -> None:
    seen: set = set()
    for site in sites:
        for parsed in X.expressions_in(site.value, implicit=site.implicit):
            if parsed.node is None:
                continue
            for n in X.walk(parsed.node):
                if not isinstance(n, X.Call):
                    continue
                low = n.name.lower()
                if low == "format" and n.args and _all_literal(n.args):
                    what = "calls `format()` on literals only, which always gives the same string"
                    fix = "write the resulting string itself"
                elif (
                    low == "fromjson" and len(n.args) == 1 and isinstance(n.args[0], X.Call)
                    and n.args[0].name.lower() == "tojson" and len(n.args[0].args) == 1
                ):
                    what = "is `fromJSON(toJSON(x))`, which gives `x` back unchanged"
                    fix = "use the inner value directly"
                else:
                    continue
                where = ctx.sub_span(site.span, site.value, n.start, n.end)
                key = (where.line, where.col)
                if key in seen:
                    continue
                seen.add(key)
                ctx.report(
                    RULE,
                    where,
                    f"`{site.value[n.start:n.end]}` {what}: it only hides the value from readers and from "
                    f"checks that read expressions (injection, secrets). {fix[:1].upper()}{fix[1:]}",
                    once="",
                )


@check(RULE, on="workflow")
def workflow_obfuscation(ctx: Any, wf: Workflow) -> None:
    _check_sites(ctx, workflow_sites(wf))


@check(RULE, on="action")
def action_obfuscation(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root if unit.docs else None
    if isinstance(root, LMap):
        _check_sites(ctx, action_sites(unit))
