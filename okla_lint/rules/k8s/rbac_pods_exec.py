"""`rbac-pods-exec`: A Role or ClusterRole allows exec or attach into pods."""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.rbac import report_grant, rules


@check("rbac-pods-exec", on="k8s_object")
def pods_exec(ctx, obj: K8sObject) -> None:
    for i, rule in rules(obj):
        report_grant(ctx, obj, i, rule, {"pods/exec", "pods/attach"}, {"create", "get"}, "rbac-pods-exec",
                      "can exec into pods: a shell in every pod in its scope, with their service accounts and mounted Secrets")
