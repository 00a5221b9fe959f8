"""`ssh-port`: A container exposes port 22 (SSH)."""
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
                once="ssh",
            )
            return
