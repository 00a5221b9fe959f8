"""`privileged-port`: A container listens on a port below 1024."""
from __future__ import annotations

from ...core.located import iter_maps
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import is_int


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
                once=f"port[{i}]",
            )
            return
