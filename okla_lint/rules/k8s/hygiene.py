"""Hygiene: bare Pods, finished Jobs that are never cleaned up, removed API versions."""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.podutil import is_patch_obj

# (group/version, kind or "*") -> (Kubernetes version that stopped serving it, replacement)
# Source: the Kubernetes Deprecated API Migration Guide.
REMOVED_APIS: dict[tuple[str, str], tuple[str, str]] = {
    # 1.16
    ("extensions/v1beta1", "Deployment"): ("1.16", "apps/v1"),
    ("extensions/v1beta1", "DaemonSet"): ("1.16", "apps/v1"),
    ("extensions/v1beta1", "ReplicaSet"): ("1.16", "apps/v1"),
    ("extensions/v1beta1", "NetworkPolicy"): ("1.16", "networking.k8s.io/v1"),
    ("extensions/v1beta1", "PodSecurityPolicy"): ("1.16", "policy/v1beta1 (itself removed in 1.25: use Pod Security Admission)"),
    ("apps/v1beta1", "*"): ("1.16", "apps/v1"),
    ("apps/v1beta2", "*"): ("1.16", "apps/v1"),
    # 1.22
    ("extensions/v1beta1", "Ingress"): ("1.22", "networking.k8s.io/v1"),
    ("networking.k8s.io/v1beta1", "Ingress"): ("1.22", "networking.k8s.io/v1"),
    ("networking.k8s.io/v1beta1", "IngressClass"): ("1.22", "networking.k8s.io/v1"),
    ("extensions/v1beta1", "*"): ("1.22", "the group's GA version"),
    ("admissionregistration.k8s.io/v1beta1", "*"): ("1.22", "admissionregistration.k8s.io/v1"),
    ("apiextensions.k8s.io/v1beta1", "*"): ("1.22", "apiextensions.k8s.io/v1"),
    ("apiregistration.k8s.io/v1beta1", "*"): ("1.22", "apiregistration.k8s.io/v1"),
    ("authentication.k8s.io/v1beta1", "*"): ("1.22", "authentication.k8s.io/v1"),
    ("authorization.k8s.io/v1beta1", "*"): ("1.22", "authorization.k8s.io/v1"),
    ("certificates.k8s.io/v1beta1", "*"): ("1.22", "certificates.k8s.io/v1"),
    ("coordination.k8s.io/v1beta1", "*"): ("1.22", "coordination.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1beta1", "*"): ("1.22", "rbac.authorization.k8s.io/v1"),
    ("rbac.authorization.k8s.io/v1alpha1", "*"): ("1.22", "rbac.authorization.k8s.io/v1"),
    ("scheduling.k8s.io/v1beta1", "*"): ("1.22", "scheduling.k8s.io/v1"),
    ("scheduling.k8s.io/v1alpha1", "*"): ("1.22", "scheduling.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "CSIDriver"): ("1.22", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "CSINode"): ("1.22", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "StorageClass"): ("1.22", "storage.k8s.io/v1"),
    ("storage.k8s.io/v1beta1", "VolumeAttachment"): ("1.22", "storage.k8s.io/v1"),
    # 1.25
    ("batch/v1beta1", "CronJob"): ("1.25", "batch/v1"),
    ("batch/v2alpha1", "CronJob"): ("1.21", "batch/v1"),
    ("discovery.k8s.io/v1beta1", "EndpointSlice"): ("1.25", "discovery.k8s.io/v1"),
    ("events.k8s.io/v1beta1", "Event"): ("1.25", "events.k8s.io/v1"),
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"): ("1.25", "autoscaling/v2"),
    ("policy/v1beta1", "PodDisruptionBudget"): ("1.25", "policy/v1"),
    ("policy/v1beta1", "PodSecurityPolicy"): ("1.25", "nothing: use Pod Security Admission"),
    ("node.k8s.io/v1beta1", "RuntimeClass"): ("1.25", "node.k8s.io/v1"),
    # 1.26
    ("flowcontrol.apiserver.k8s.io/v1beta1", "*"): ("1.26", "flowcontrol.apiserver.k8s.io/v1"),
    ("autoscaling/v2beta2", "HorizontalPodAutoscaler"): ("1.26", "autoscaling/v2"),
    # 1.27
    ("storage.k8s.io/v1beta1", "CSIStorageCapacity"): ("1.27", "storage.k8s.io/v1"),
    # 1.29
    ("flowcontrol.apiserver.k8s.io/v1beta2", "*"): ("1.29", "flowcontrol.apiserver.k8s.io/v1"),
    # 1.32
    ("flowcontrol.apiserver.k8s.io/v1beta3", "*"): ("1.32", "flowcontrol.apiserver.k8s.io/v1"),
}


def _version(v) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in str(v).lstrip("v").split(".")[:2])
    except ValueError:
        return (999,)


def removed_api(api_version: str, kind: str) -> tuple[str, str] | None:
    return REMOVED_APIS.get((api_version, kind)) or REMOVED_APIS.get((api_version, "*"))


@check("deprecated-api-version", on="k8s_object")
def deprecated_api_version(ctx, obj: K8sObject) -> None:
    hit = removed_api(obj.api_version, obj.kind)
    if hit is None:
        return
    removed_in, replacement = hit
    target = ctx.params().get("kubernetes-version", "1.36")
    if _version(removed_in) > _version(target):
        return
    ctx.report(
        obj.root.value_span("apiVersion"),
        f"{obj.kind} uses apiVersion {obj.api_version}, which Kubernetes stopped serving in "
        f"{removed_in}: `kubectl apply` fails with 'no matches for kind \"{obj.kind}\" in "
        f"version \"{obj.api_version}\"' on any cluster from {removed_in} on. Use "
        f"{replacement} (check the migration notes: some fields changed)",
        context=f"{obj.ident}:apiVersion",
    )


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


CLEANUP_ANNOTATIONS = ("helm.sh/hook-delete-policy", "argocd.argoproj.io/hook-delete-policy")


@check("job-ttl-missing", on="k8s_object")
def job_ttl_missing(ctx, obj: K8sObject) -> None:
    if obj.kind != "Job" or not obj.api_version.startswith("batch/"):
        return
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap) or "ttlSecondsAfterFinished" in spec or is_patch_obj(ctx.model, obj):
        return
    annotations = obj.metadata.get("annotations")
    if isinstance(annotations, LMap) and any(a in annotations for a in CLEANUP_ANNOTATIONS):
        return
    if obj.metadata.get("ownerReferences"):
        return
    ctx.report(
        obj.root.key_span("spec"),
        f"Job {obj.name or '?'} has no spec.ttlSecondsAfterFinished: the finished Job and its "
        "pods stay in the cluster until deleted by hand, and applying a changed version of the "
        "manifest fails because a Job's pod template is immutable ('field is immutable'). Set "
        "ttlSecondsAfterFinished (for example 3600)",
        context=f"{obj.ident}:ttl",
    )
