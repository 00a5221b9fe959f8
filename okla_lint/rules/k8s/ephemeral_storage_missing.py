"""`ephemeral-storage-missing`: A container sets no ephemeral-storage request or limit."""
from __future__ import annotations

from ...core.located import get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.workloads import container_name_span


@check("ephemeral-storage-missing", on="container")
def ephemeral(ctx, c: Container) -> None:
    if c.list_name != "containers" or partial_reason(ctx.model, c.obj) is not None:
        return
    req = get_path(c.node, "resources", "requests", "ephemeral-storage")
    lim = get_path(c.node, "resources", "limits", "ephemeral-storage")
    if req is not None and lim is not None:
        return
    span = c.node.key_span("resources") if "resources" in c.node else container_name_span(c)
    ctx.report(
        "ephemeral-storage-missing",
        span,
        f"{c.ident} sets no ephemeral-storage {'request or limit' if req is None and lim is None else ('request' if req is None else 'limit')}: logs and scratch files can fill the node's disk and get other pods evicted",
        context=f"{c.ident}:ephemeral",
        once="ephemeral",
    )
