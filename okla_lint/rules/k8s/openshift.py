"""OpenShift SecurityContextConstraints."""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check


@check("scc-allows-privileged", on="k8s_object")
def scc_privileged(ctx, obj: K8sObject) -> None:
    if obj.kind != "SecurityContextConstraints" or obj.root.get("allowPrivilegedContainer") is not True:
        return
    ctx.report(
        "scc-allows-privileged",
        obj.root.value_span("allowPrivilegedContainer"),
        f"SecurityContextConstraints {obj.name!r} allows privileged containers for every user and service account it applies to",
        context=f"{obj.ident}:privileged",
    )
