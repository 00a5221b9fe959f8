"""`hpa-min-replicas-too-few`: A HorizontalPodAutoscaler may scale below the minimum replicas
(default 2).
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.podutil import is_int


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
