"""`liveness-probe-missing`: A long-running container has no livenessProbe."""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.workloads import container_name_span, is_long_running


@check("liveness-probe-missing", on="container")
def liveness_missing(ctx, c: Container) -> None:
    if c.list_name != "containers" or not is_long_running(ctx, c.pod) or isinstance(c.node.get("livenessProbe"), LMap):
        return
    ctx.report(
        "liveness-probe-missing",
        container_name_span(c),
        f"{c.ident} has no livenessProbe: a process that hangs without exiting is never restarted",
        context=f"{c.ident}:liveness",
        once="liveness",
    )
