"""RBAC rules as the authorizer reads them: the rules of a Role or ClusterRole, the strings of
a verbs/resources list, and the grants a rule gives (wildcards included), with the report
the grant rules share. The rules that judge grants are advice for most repositories
(operators need broad roles by design), off by default; select them with `--extend-select
rbac`."""
from __future__ import annotations

from typing import Iterator

from ...core.located import LMap, LSeq, iter_maps
from ...core.model import K8sObject


ROLE_KINDS = ("Role", "ClusterRole")


def strings(seq) -> list[tuple[int, str]]:
    return [(i, v) for i, v in enumerate(seq) if isinstance(v, str)] if isinstance(seq, LSeq) else []


def rules(obj: K8sObject) -> Iterator[tuple[int, LMap]]:
    if obj.kind not in ROLE_KINDS or not obj.api_version.startswith("rbac.authorization.k8s.io/"):
        return
    yield from iter_maps(obj.root.get("rules"))


def grants(rule: LMap, resources: set[str], verbs: set[str]) -> tuple[LSeq, int] | None:
    """(resources list, index) of the first resource in ``resources`` (or *) when the rule
    also allows one of ``verbs`` (or *) in the core API group."""
    groups = {g for _, g in strings(rule.get("apiGroups"))}
    if groups and not groups & {"", "*"}:
        return None
    rule_verbs = {v for _, v in strings(rule.get("verbs"))}
    if not rule_verbs & (verbs | {"*"}):
        return None
    res = rule.get("resources")
    for i, r in strings(res):
        if r in resources or r == "*":
            return res, i
    return None


def report_grant(ctx, obj, i, rule, resources, verbs, rule_id, what) -> None:
    hit = grants(rule, resources, verbs)
    if hit is None:
        return
    seq, j = hit
    ctx.report(
        rule_id,
        seq.item_span(j),
        f"{obj.ident} {what}",
        context=f"{obj.ident}:rules[{i}]:{rule_id}",
    )
