"""Replica counts and rollout strategy (advice, off by default)."""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject, PodSpec
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.podutil import is_int
from ...lib.k8s.scaling import replicas_decided_elsewhere


@check("replicas-too-few", on="pod")
def replicas(ctx, pod: PodSpec) -> None:
    obj = pod.obj
    if obj.kind not in ("Deployment", "StatefulSet") or partial_reason(ctx.model, obj) is not None:
        return
    minimum = ctx.params("replicas-too-few")["min-replicas"]
    n = get_path(obj.root, "spec", "replicas", default=1)
    if not is_int(n) or n >= minimum or n == 0:
        return  # 0: scaled down on purpose
    if replicas_decided_elsewhere(ctx.model, obj):
        return  # an autoscaler or the kustomization decides
    spec = obj.root["spec"]
    span = spec.value_span("replicas") if "replicas" in spec else obj.metadata.value_span("name")
    ctx.report(
        "replicas-too-few",
        span,
        f"{obj.ident} runs {n} replica{'s' if n != 1 else ''} (fewer than {minimum}): a node drain or a crash leaves it unavailable",
        context=f"{obj.ident}:replicas",
    )


@check("hpa-min-replicas-too-few", on="k8s_object")
def hpa_min(ctx, obj: K8sObject) -> None:
    if obj.kind != "HorizontalPodAutoscaler":
        return
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap):
        return
    minimum = ctx.params("hpa-min-replicas-too-few")["min-replicas"]
    n = spec.get("minReplicas", 1)
    if not is_int(n) or n >= minimum:
        return
    span = spec.value_span("minReplicas") if "minReplicas" in spec else obj.metadata.value_span("name")
    ctx.report(
        "hpa-min-replicas-too-few",
        span,
        f"HorizontalPodAutoscaler {obj.name!r} may scale down to {n} replica{'s' if n != 1 else ''} (fewer than {minimum})",
        context=f"{obj.ident}:minReplicas",
    )


@check("rolling-update-missing", on="k8s_object")
def strategy(ctx, obj: K8sObject) -> None:
    if obj.kind not in ("Deployment", "DaemonSet", "StatefulSet"):
        return
    key = "strategy" if obj.kind == "Deployment" else "updateStrategy"
    strat = get_path(obj.root, "spec", key)
    if not isinstance(strat, LMap) or strat.get("type") in (None, "RollingUpdate"):
        return
    ctx.report(
        "rolling-update-missing",
        strat.value_span("type"),
        f"{obj.ident} updates with {key}.type {strat.get('type')}: every pod is replaced at once (Recreate) or only when deleted by hand (OnDelete), so an update means downtime",
        context=f"{obj.ident}:strategy",
    )
