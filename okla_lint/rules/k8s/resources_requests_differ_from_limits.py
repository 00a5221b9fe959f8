"""`resources-requests-differ-from-limits`: A container's CPU, memory or ephemeral-storage
request differs from its limit.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import parse_quantity


@check("resources-requests-differ-from-limits", on="container")
def requests_equal_limits(ctx, c: Container) -> None:
    res = c.node.get("resources")
    if not isinstance(res, LMap):
        return
    req, lim = res.get("requests"), res.get("limits")
    if not isinstance(req, LMap) or not isinstance(lim, LMap):
        return
    for name in ("cpu", "memory", "ephemeral-storage"):
        if name not in req or name not in lim:
            continue
        a, b = parse_quantity(req[name]), parse_quantity(lim[name])
        if a is None or b is None or a[0] == b[0]:
            continue
        ctx.report(
            "resources-requests-differ-from-limits",
            req.value_span(name),
            f"{c.ident} requests {req[name]} {name} but may use up to {lim[name]}: the pod is not Guaranteed and the node can be overcommitted",
            context=f"{c.ident}:{name}",
            once=name,
        )
