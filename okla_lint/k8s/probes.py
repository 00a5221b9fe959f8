"""Probe timing."""
from __future__ import annotations

from ..located import LMap
from ..model import Container
from ..registry import check

# Kubernetes defaults for omitted probe fields
PROBE_DEFAULTS = {"initialDelaySeconds": 0, "periodSeconds": 10, "timeoutSeconds": 1, "failureThreshold": 3, "successThreshold": 1}


def probe_field(probe: LMap, name: str) -> int | None:
    """The probe's value for ``name`` (the Kubernetes default when omitted), or None when
    the value is not a whole number (a type error other rules report)."""
    v = probe.get(name, PROBE_DEFAULTS[name])
    if isinstance(v, bool) or not isinstance(v, int):
        return None
    return v


def startup_budget(probe: LMap) -> tuple[int, int, int, int] | None:
    """(initialDelaySeconds, failureThreshold, periodSeconds, budget in seconds)."""
    d = probe_field(probe, "initialDelaySeconds")
    f = probe_field(probe, "failureThreshold")
    p = probe_field(probe, "periodSeconds")
    if d is None or f is None or p is None:
        return None
    return d, f, p, d + f * p


@check("startup-probe-budget", on="container")
def startup_probe_budget(ctx, c: Container) -> None:
    probe = c.node.get("startupProbe")
    if not isinstance(probe, LMap):
        return
    b = startup_budget(probe)
    if b is None:
        return
    d, f, p, total = b
    minimum = int(ctx.params("startup-probe-budget").get("min-seconds", 90))
    if total >= minimum:
        return
    omitted = [k for k in ("initialDelaySeconds", "failureThreshold", "periodSeconds") if k not in probe]
    defaults = f" (omitted fields use the Kubernetes defaults: {', '.join(omitted)})" if omitted else ""
    suggest_f = -(-max(minimum - d, 1) // max(p, 1))
    ctx.report(
        "startup-probe-budget",
        c.node.key_span("startupProbe"),
        f"startupProbe of {c.ident} allows {d} + {f} x {p} = {total} s "
        f"(initialDelaySeconds + failureThreshold x periodSeconds){defaults} for the "
        f"container to start, under the {minimum} s minimum: an app that needs longer (a slow "
        "/health that waits for its database or cache) is killed before it is up and restarts "
        f"in a loop. Raise failureThreshold to at least {suggest_f} (or periodSeconds); a "
        "generous startup budget costs nothing once the container is running",
        context=f"{c.ident}:startupProbe",
    )
