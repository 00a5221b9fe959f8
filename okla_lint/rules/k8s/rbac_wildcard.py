"""`rbac-wildcard`: A Role or ClusterRole grants `*` verbs or resources."""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.rbac import rules, strings


@check("rbac-wildcard", on="k8s_object")
def wildcard(ctx, obj: K8sObject) -> None:
    for i, rule in rules(obj):
        for field in ("verbs", "resources"):
            seq = rule.get(field)
            for j, v in strings(seq):
                if v == "*":
                    ctx.report(
                        seq.item_span(j),
                        f"{obj.ident} grants '*' in {field}: every current and future {'verb' if field == 'verbs' else 'resource'} of the listed API groups, including ones added by CRDs later",
                        context=f"{obj.ident}:rules[{i}].{field}",
                    )
                    break
