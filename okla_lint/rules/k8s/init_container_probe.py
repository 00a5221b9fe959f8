"""`init-container-probe`: An init container that is not a sidecar has a probe or lifecycle
hook.
"""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import PROBES


@check("init-container-probe", on="container")
def init_container_probe(ctx, c: Container) -> None:
    if c.list_name != "initContainers" or c.node.get("restartPolicy") == "Always":
        return
    for key in (*PROBES, "lifecycle"):
        if key not in c.node or c.node.get(key) is None:
            continue
        ctx.report(
            c.node.key_span(key),
            f"{c.ident} sets {key}, which the API server rejects for init containers that are "
            "not sidecars ('may not be set for init containers without restartPolicy=Always'), so "
            "nothing is deployed. Remove it, or make the container a sidecar with "
            "restartPolicy: Always (Kubernetes 1.29+)",
            context=f"{c.ident}:{key}",
            once=key,
        )
