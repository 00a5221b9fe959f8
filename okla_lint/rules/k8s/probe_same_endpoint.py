"""`probe-same-endpoint`: Liveness and readiness probes check the same endpoint and liveness
gives up no later than readiness.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.probes import describe_endpoint, probe_endpoint, probe_field


@check("probe-same-endpoint", on="container")
def probe_same_endpoint(ctx, c: Container) -> None:
    live, ready = c.node.get("livenessProbe"), c.node.get("readinessProbe")
    if not (isinstance(live, LMap) and isinstance(ready, LMap)):
        return
    el, er = probe_endpoint(c, live), probe_endpoint(c, ready)
    if el is None or el != er or el[0] == "tcp":
        return  # a TCP connect only checks the listener: sharing it is harmless
    lf, lp = probe_field(live, "failureThreshold"), probe_field(live, "periodSeconds")
    rf, rp = probe_field(ready, "failureThreshold"), probe_field(ready, "periodSeconds")
    if None in (lf, lp, rf, rp):
        return
    lw, rw = lf * lp, rf * rp
    if lw > rw:
        return  # the pattern the Kubernetes docs recommend: same endpoint, slower liveness
    ctx.report(
        c.node.key_span("livenessProbe"),
        f"livenessProbe and readinessProbe of {c.ident} check {describe_endpoint(el)} and liveness "
        f"gives up after {lf} x {lp} = {lw} s, no later than readiness ({rf} x {rp} = {rw} s): "
        "a slow spell (load, a dependency the health check waits for) restarts the container "
        "instead of only taking it out of the Service, and restarts can cascade across replicas. "
        "Give liveness a cheaper endpoint, or a failure window clearly longer than readiness's "
        "(raise its failureThreshold)",
        related=[(c.obj.file, c.node.key_span("readinessProbe"), "the readinessProbe")],
        context=f"{c.ident}:probe-same-endpoint",
        once="probe-same-endpoint",
    )
