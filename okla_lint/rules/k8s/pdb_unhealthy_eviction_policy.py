"""`pdb-unhealthy-eviction-policy`: A PodDisruptionBudget without unhealthyPodEvictionPolicy
AlwaysAllow, so pods that never become ready can block drains.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check


@check("pdb-unhealthy-eviction-policy", on="k8s_object")
def unhealthy_policy(ctx, pdb: K8sObject) -> None:
    if pdb.kind != "PodDisruptionBudget" or not pdb.api_version.startswith("policy/v1"):
        return
    spec = pdb.root.get("spec")
    if not isinstance(spec, LMap) or spec.get("unhealthyPodEvictionPolicy") == "AlwaysAllow":
        return
    if "unhealthyPodEvictionPolicy" in spec:
        span = spec.value_span("unhealthyPodEvictionPolicy")
    else:
        span = pdb.root.key_span("spec")
    ctx.report(
        span,
        f"PodDisruptionBudget {pdb.name!r} does not set unhealthyPodEvictionPolicy: AlwaysAllow, so pods that never become ready can block node drains",
        context=f"{pdb.ident}:unhealthyPodEvictionPolicy",
    )
