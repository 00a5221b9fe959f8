"""`readiness-probe-missing`: A container that a Service sends traffic to has no
readinessProbe.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.registry import check
from ...lib.k8s.podutil import (
    container_ports,
    is_int,
    is_patch_obj,
    service_target_ports,
    services_selecting,
)
from ...lib.k8s.workloads import container_name_span


@check("readiness-probe-missing", on="pod")
def readiness_probe_missing(ctx, pod) -> None:
    if pod.obj.kind in ("Job", "CronJob") or is_patch_obj(ctx.model, pod.obj):
        return
    services = services_selecting(ctx.model, pod, gate_on_readiness=True)
    if not services:
        return
    regular = [c for c in pod.containers() if c.list_name == "containers"]
    if not regular:
        return
    # the containers the Services send traffic to: by target port number or name
    targeted = []
    for c in regular:
        names, numbers = container_ports(c.node)
        for svc in services:
            for t in service_target_ports(svc):
                if (is_int(t) and t in numbers) or (isinstance(t, str) and t in names):
                    targeted.append(c)
                    break
            else:
                continue
            break
    candidates = targeted or regular
    svc = services[0]
    for c in candidates:
        if isinstance(c.node.get("readinessProbe"), LMap):
            continue
        span = container_name_span(c)
        ctx.report(
            span,
            f"{c.ident} has no readinessProbe, but Service {svc.name!r} "
            f"({svc.file.rel}) sends traffic to this pod: without one the pod counts as ready "
            "as soon as the container starts, so requests reach it while it is still starting "
            "(and during every rollout). Add a readinessProbe on the port the Service targets",
            related=[(svc.file, svc.metadata.key_span("name") if "name" in svc.metadata else svc.span, f"Service {svc.name}")],
            context=f"{c.ident}:readiness-probe-missing",
            once="readiness-probe-missing",
        )
