"""`job-ttl-missing`: A standalone Job has no ttlSecondsAfterFinished."""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.podutil import is_patch_obj


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
