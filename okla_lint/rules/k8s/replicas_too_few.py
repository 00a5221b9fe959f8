"""`replicas-too-few`: A Deployment or StatefulSet runs fewer replicas than the minimum
(default 2).
"""
from __future__ import annotations

from ...core.located import get_path
from ...core.model import PodSpec
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
