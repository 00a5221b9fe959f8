"""ocelot-load-balancer-type-typo: LoadBalancerOptions.Type is a misspelling or wrong casing of
a built-in load balancer."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root, osa_distance, rename_fix


_LOAD_BALANCERS = ("NoLoadBalancer", "RoundRobin", "LeastConnection", "CookieStickySessions")


@check("ocelot-load-balancer-type-typo", on="ocelot")
def load_balancer_types(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    if not isinstance(root, LMap):
        return
    for node in S.iter_objects(root):
        if node.kind != "LoadBalancerOptions":
            continue
        k = node.node.ikey("Type")
        v = node.node.get(k) if k is not None else None
        if not isinstance(v, str) or not v.strip() or v in _LOAD_BALANCERS:
            continue
        near = [lb for lb in _LOAD_BALANCERS if lb.lower() == v.strip().lower() or osa_distance(v.strip().lower(), lb.lower()) <= 2]
        if not near:
            continue  # a custom load balancer registered under its own name
        ctx.report(
            node.node.value_span(k),
            f"{node.path}.Type {v!r} is not {near[0]!r}: Ocelot looks the load balancer up by exact, "
            "case-sensitive name, finds none, and answers every request on the route with an "
            f"error ('Could not find load balancer creator for Type: {v}'); write {near[0]!r}",
            context=f"lb:{v}",
            fix=rename_fix(ctx, node.node.value_span(k), v, near[0]) if len(near) == 1 else None,
        )
