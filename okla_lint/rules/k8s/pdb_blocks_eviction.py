"""`pdb-blocks-eviction`: A PodDisruptionBudget that can never allow an eviction
(maxUnavailable 0, minAvailable 100% or at least the replicas).
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject, RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import pods_for_selector
from ...lib.k8s.podutil import is_int
from ...lib.k8s.scaling import replicas_decided_elsewhere
from ...lib.k8s.selectors import (
    is_source,
    label_selector_matches,
    ns_compatible,
    pod_labels,
    selector_is_empty,
)


CONTROLLERS = ("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")


def _pct(value) -> int | None:
    if isinstance(value, str) and value.endswith("%") and value[:-1].isdigit():
        return int(value[:-1])
    return None


@check("pdb-blocks-eviction", on="k8s_object")
def pdb_static(ctx, pdb: K8sObject) -> None:
    """maxUnavailable 0 or minAvailable 100%: no replica count makes an eviction possible."""
    if pdb.kind != "PodDisruptionBudget":
        return
    spec = pdb.root.get("spec")
    if not isinstance(spec, LMap):
        return
    mu = spec.get("maxUnavailable")
    if (is_int(mu) and mu == 0) or _pct(mu) == 0:
        ctx.report(
            spec.value_span("maxUnavailable"),
            f"PodDisruptionBudget {pdb.name!r} sets maxUnavailable: {mu}: no pod it selects can ever be evicted, so node drains and cluster upgrades hang",
            context=f"{pdb.ident}:maxUnavailable",
        )
    ma = spec.get("minAvailable")
    if _pct(ma) is not None and _pct(ma) >= 100:
        ctx.report(
            spec.value_span("minAvailable"),
            f"PodDisruptionBudget {pdb.name!r} sets minAvailable: {ma}: no pod it selects can ever be evicted, so node drains and cluster upgrades hang",
            context=f"{pdb.ident}:minAvailable%",
        )


@check("pdb-blocks-eviction", on="repository")
def pdb_min_available(ctx, model: RepoModel) -> None:
    """minAvailable (a number) at least the replicas of every workload it selects."""
    for pdb in model.by_kind.get("PodDisruptionBudget", ()):
        if not is_source(model, pdb):
            continue
        spec = pdb.root.get("spec")
        sel = spec.get("selector") if isinstance(spec, LMap) else None
        ma = spec.get("minAvailable") if isinstance(spec, LMap) else None
        if not is_int(ma) or ma < 1 or not isinstance(sel, LMap) or selector_is_empty(sel):
            continue
        matched = [
            p for p in pods_for_selector(model, sel)
            if ns_compatible(pdb.namespace, p.obj.namespace) and label_selector_matches(sel, pod_labels(model, p)) is True
        ]
        if not matched or any(p.obj.kind not in CONTROLLERS for p in matched):
            continue  # pods of other owners (operators, DaemonSets, Jobs): their count is not known here
        total = 0
        for p in matched:
            replicas = get_path(p.obj.root, "spec", "replicas", default=1)
            if not is_int(replicas) or replicas_decided_elsewhere(model, p.obj):
                break
            total += replicas
        else:
            if ma < total:
                continue
            first = matched[0].obj
            ctx.report(
                spec.value_span("minAvailable"),
                f"PodDisruptionBudget {pdb.name!r} requires minAvailable: {ma} but the workloads it selects run {total} replica{'s' if total != 1 else ''} in all: no pod can ever be evicted, so node drains and cluster upgrades hang",
                file=pdb.file,
                related=[
                    (p.obj.file, p.obj.root["spec"].value_span("replicas") if isinstance(p.obj.root.get("spec"), LMap) and "replicas" in p.obj.root["spec"] else p.obj.metadata.value_span("name"), f"{p.obj.ident} runs {get_path(p.obj.root, 'spec', 'replicas', default=1)}")
                    for p in matched
                ],
                context=f"{pdb.ident}:minAvailable:{first.ident}",
            )
