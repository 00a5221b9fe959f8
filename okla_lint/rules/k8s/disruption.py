"""PodDisruptionBudgets that can never allow a voluntary eviction, and the eviction policy
for unhealthy pods."""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject, RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import SelectorIndex
from ...lib.k8s.podutil import is_int
from ...lib.k8s.scaling import replicas_decided_elsewhere
from ...lib.k8s.selectors import (
    is_source,
    label_selector_matches,
    ns_compatible,
    pod_labels,
    pods_for_selector,
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


@check("pdb-missing", on="repository")
def pdb_missing(ctx, model: RepoModel) -> None:
    pdbs = SelectorIndex(
        ((p, sel), sel) for p in model.by_kind.get("PodDisruptionBudget", ())
        if isinstance(sel := get_path(p.root, "spec", "selector"), LMap)
    )
    for kind in ("Deployment", "StatefulSet"):
        for obj in model.by_kind.get(kind, ()):
            if not is_source(model, obj):
                continue
            n = get_path(obj.root, "spec", "replicas", default=1)
            if not is_int(n) or n < 2:
                continue  # one replica: a budget cannot protect it
            labels = get_path(obj.root, "spec", "template", "metadata", "labels")
            if not isinstance(labels, LMap):
                continue
            plain = {k: v for k, v in labels.items() if isinstance(k, str) and isinstance(v, str)}
            if any(
                ns_compatible(p.namespace, obj.namespace) and label_selector_matches(sel, plain) is not False
                for p, sel in pdbs.for_labels(plain)
            ):
                continue
            ctx.report(
                "pdb-missing",
                obj.root["spec"].value_span("replicas"),
                f"{obj.ident} runs {n} replicas and no PodDisruptionBudget selects them: a node drain may evict all at once",
                file=obj.file,
                context=f"{obj.ident}:pdb",
            )
