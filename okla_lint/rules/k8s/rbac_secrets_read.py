"""`rbac-secrets-read`: A Role or ClusterRole can read Secrets (get, list or watch)."""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.rbac import report_grant, rules


READ_VERBS = {"get", "list", "watch", "*"}


@check("rbac-secrets-read", on="k8s_object")
def secrets_read(ctx, obj: K8sObject) -> None:
    for i, rule in rules(obj):
        report_grant(ctx, obj, i, rule, {"secrets"}, READ_VERBS, "rbac-secrets-read",
                      "can read Secrets: every credential in its scope, including service account tokens of other workloads")
