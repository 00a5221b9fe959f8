"""Services a container offers that widen what an attacker can reach."""
from __future__ import annotations

from ...core.located import iter_maps
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import is_int


@check("ssh-port", on="container")
def ssh_port(ctx, c: Container) -> None:
    for i, port in iter_maps(c.node.get("ports")):
        if is_int(port.get("containerPort")) and port["containerPort"] == 22:
            ctx.report(
                port.value_span("containerPort"),
                f"{c.ident} exposes port 22 (SSH): a shell server in a container is a way in that bypasses Kubernetes access control",
                context=f"{c.ident}:ssh",
            )
            return


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


@check("privileged-port", on="container")
def privileged_port(ctx, c: Container) -> None:
    for i, port in iter_maps(c.node.get("ports")):
        n = port.get("containerPort")
        if is_int(n) and 0 < n < 1024:
            ctx.report(
                "privileged-port",
                port.value_span("containerPort"),
                f"{c.ident} listens on port {n}, below 1024: the process needs root or NET_BIND_SERVICE to bind it",
                context=f"{c.ident}:port[{i}]",
            )
            return
