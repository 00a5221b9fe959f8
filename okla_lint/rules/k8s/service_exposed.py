"""`service-exposed`: A Service of type NodePort or LoadBalancer."""
from __future__ import annotations

from ...core.registry import check


@check("service-exposed", on="k8s_object")
def service_type(ctx, obj) -> None:
    if obj.kind != "Service" or obj.api_version != "v1":
        return
    spec = obj.root.get("spec")
    kind = spec.get("type") if hasattr(spec, "get") else None
    if kind not in ("NodePort", "LoadBalancer"):
        return
    ctx.report(
        "service-exposed",
        spec.value_span("type"),
        f"Service {obj.name!r} has type {kind}: it is reachable from outside the cluster"
        + (" on a port of every node" if kind == "NodePort" else " through a cloud load balancer"),
        context=f"{obj.ident}:type",
    )
