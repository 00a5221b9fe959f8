"""`host-port`: A container of a workload that is not a node agent binds a port on its node
(hostPort).
"""
from __future__ import annotations

from ...core.located import iter_maps
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import is_int, is_node_agent


@check("host-port", on="container")
def host_port(ctx, c: Container) -> None:
    if is_node_agent(c.pod):
        return  # ingress controllers and node agents bind host ports by design
    bound = [(i, port) for i, port in iter_maps(c.node.get("ports")) if is_int(port.get("hostPort")) and port["hostPort"] != 0]
    if not bound:
        return
    # one finding per container: the first host port, the others as related locations
    first_i, first = bound[0]
    numbers = ", ".join(str(p["hostPort"]) for _, p in bound)
    ctx.report(
        first.value_span("hostPort"),
        f"{c.ident} binds host port{'s' if len(bound) > 1 else ''} {numbers} on its node: the port is open on the node's address, outside Services and often outside NetworkPolicies",
        related=[(c.obj.file, p.value_span("hostPort"), f"hostPort {p['hostPort']}") for _, p in bound[1:]],
        context=f"{c.ident}:hostPort",
        once="hostPort",
    )
