"""`rbac-create-pods`: A Role or ClusterRole can create pods."""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.rbac import report_grant, rules


@check("rbac-create-pods", on="k8s_object")
def create_pods(ctx, obj: K8sObject) -> None:
    for i, rule in rules(obj):
        report_grant(ctx, obj, i, rule, {"pods"}, {"create"}, "rbac-create-pods",
                      "can create pods: a pod can mount any Secret and run as any service account of its namespace")
