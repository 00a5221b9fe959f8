"""`liveness-before-readiness`: Without a startupProbe, the liveness probe restarts the
container before the readiness probe even starts checking.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import is_patch_obj
from ...lib.k8s.probes import probe_field, startup_budget


@check("liveness-before-readiness", on="container")
def liveness_before_readiness(ctx, c: Container) -> None:
    live, ready = c.node.get("livenessProbe"), c.node.get("readinessProbe")
    if not (isinstance(live, LMap) and isinstance(ready, LMap)) or isinstance(c.node.get("startupProbe"), LMap):
        return
    b = startup_budget(live)
    rd = probe_field(ready, "initialDelaySeconds")
    if b is None or rd is None:
        return
    d, f, p, total = b
    if total > rd:
        return
    # asked last, when it decides (the file cache keeps the rest: core/local.py)
    if is_patch_obj(ctx.model, c.obj):
        return  # a kustomize patch: timing fields and the startup probe may be in the base
    ctx.report(
        c.node.key_span("livenessProbe"),
        f"without a startupProbe, the livenessProbe of {c.ident} restarts a container that is "
        f"not up after {d} + {f} x {p} = {total} s, but its readinessProbe only starts checking "
        f"at {rd} s (initialDelaySeconds): if the application needs the start-up time the "
        "readiness delay allows, it is killed first and restarts in a loop. Add a startupProbe "
        "that covers the start-up time, or raise the liveness initialDelaySeconds / "
        "failureThreshold",
        related=[(c.obj.file, ready.key_span("initialDelaySeconds") if "initialDelaySeconds" in ready else c.node.key_span("readinessProbe"), "readiness initialDelaySeconds")],
        context=f"{c.ident}:liveness-before-readiness",
        once="liveness-before-readiness",
    )
