"""Resource settings kube-score recommends (advice, off by default)."""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
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
        )


@check("ephemeral-storage-missing", on="container")
def ephemeral(ctx, c: Container) -> None:
    if c.list_name != "containers" or partial_reason(ctx.model, c.obj) is not None:
        return
    req = get_path(c.node, "resources", "requests", "ephemeral-storage")
    lim = get_path(c.node, "resources", "limits", "ephemeral-storage")
    if req is not None and lim is not None:
        return
    span = c.node.key_span("resources") if "resources" in c.node else (c.node.key_span("name") if "name" in c.node else c.span)
    ctx.report(
        "ephemeral-storage-missing",
        span,
        f"{c.ident} sets no ephemeral-storage {'request or limit' if req is None and lim is None else ('request' if req is None else 'limit')}: logs and scratch files can fill the node's disk and get other pods evicted",
        context=f"{c.ident}:ephemeral",
    )
