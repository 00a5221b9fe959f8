"""`rbac-cluster-admin-binding`: A RoleBinding or ClusterRoleBinding grants the cluster-admin
ClusterRole.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check


BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")


@check("rbac-cluster-admin-binding", on="k8s_object")
def cluster_admin(ctx, obj: K8sObject) -> None:
    if obj.kind not in BINDING_KINDS:
        return
    ref = obj.root.get("roleRef")
    if not isinstance(ref, LMap) or ref.get("kind") != "ClusterRole" or ref.get("name") != "cluster-admin":
        return
    ctx.report(
        ref.value_span("name"),
        f"{obj.ident} grants cluster-admin: its subjects can do anything in {'the whole cluster' if obj.kind == 'ClusterRoleBinding' else 'the namespace'}",
        context=f"{obj.ident}:cluster-admin",
    )
