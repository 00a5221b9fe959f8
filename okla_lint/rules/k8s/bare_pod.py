"""`bare-pod`: A Pod is defined directly instead of through a Deployment, StatefulSet,
DaemonSet or Job.
"""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.podutil import is_patch_obj


@check("bare-pod", on="k8s_object")
def bare_pod(ctx, obj: K8sObject) -> None:
    if obj.kind != "Pod" or obj.api_version != "v1":
        return
    md = obj.metadata
    if md.get("ownerReferences") or is_patch_obj(ctx.model, obj):
        return
    ctx.report(
        obj.root.value_span("kind"),
        f"Pod {obj.name or '?'} is not managed by a controller: it is not recreated when its "
        "node fails or is drained, is not updated by a rollout, and a debug or one-off pod "
        "left in the manifests keeps running (with its old image and access) until someone "
        "deletes it. Use a Deployment (or a Job for one-off work), or remove the manifest",
        context=f"{obj.ident}:bare-pod",
    )
