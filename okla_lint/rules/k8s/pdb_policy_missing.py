"""`pdb-policy-missing`: A PodDisruptionBudget sets neither minAvailable nor maxUnavailable."""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check


@check("pdb-policy-missing", on="k8s_object")
def pdb_policy(ctx, pdb: K8sObject) -> None:
    if pdb.kind != "PodDisruptionBudget":
        return
    spec = pdb.root.get("spec")
    if not isinstance(spec, LMap) or "minAvailable" in spec or "maxUnavailable" in spec:
        return
    ctx.report(
        "pdb-policy-missing",
        pdb.root.key_span("spec"),
        f"PodDisruptionBudget {pdb.name!r} sets neither minAvailable nor maxUnavailable",
        context=f"{pdb.ident}:policy",
    )
