"""`proc-mount-unmasked`: A container sets securityContext.procMount to Unmasked."""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import sc_of


@check("proc-mount-unmasked", on="container")
def proc_mount(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is None or sc.get("procMount") != "Unmasked":
        return
    ctx.report(
        sc.value_span("procMount"),
        f"{c.ident} sets procMount: Unmasked: /proc paths the runtime normally hides (kcore, sysrq-trigger, timer_list) become visible and writable paths readable",
        context=f"{c.ident}:procMount",
        once="procMount",
    )
