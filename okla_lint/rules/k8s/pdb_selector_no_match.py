"""`pdb-selector-no-match`: A PodDisruptionBudget's selector matches no pod template in the
repository.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import sees_remote
from ...lib.k8s.selectors import (
    label_selector_matches,
    labels_of,
    nearby_pods,
    ns_compatible,
    operator_may_create,
    pod_specs,
    is_source,
    pod_labels,
    pods_for_selector,
    selector_is_empty,
    self_contained,
)
from ...lib.k8s.selector_hints import first_mismatch, intended_pod, labels_span, same_key_nearby


@check("pdb-selector-no-match", on="repository")
def pdbs(ctx, model: RepoModel) -> None:
    pods = pod_specs(model)
    for pdb in model.by_kind.get("PodDisruptionBudget", ()):
        if not is_source(model, pdb):
            continue
        spec = pdb.root.get("spec")
        sel = spec.get("selector") if isinstance(spec, LMap) else None
        if not isinstance(sel, LMap) or selector_is_empty(sel):
            continue
        ns = pdb.namespace
        cands = pods_for_selector(model, sel)  # every other pod gives False
        if any(
            label_selector_matches(sel, pod_labels(model, p)) is not False
            for p in cands
            if ns_compatible(ns, p.obj.namespace)
        ):
            continue
        if sees_remote(model, pdb.file):
            continue
        ml = sel.get("matchLabels")
        near = nearby_pods(model, pdb.file, ns)
        pairs = labels_of(ml) if isinstance(ml, LMap) else {}
        if operator_may_create(model, pairs, ns):
            continue  # the pods of a custom resource (Prometheus podMetadata, ...)
        best = intended_pod(model, near, pairs, pdb.name) or same_key_nearby(model, pdb, near, pairs)
        if best is None and (pods or not self_contained(model)):
            continue  # nothing here looks like its pods: they may come from elsewhere
        if isinstance(ml, LMap) and ml:
            span, _ = first_mismatch(ml, pairs, pod_labels(model, best) if best else {})
        else:
            span = spec.key_span("selector")
        # with no pod template at all in a repository that nothing else feeds, the PDB
        # points at nothing
        related = [(best.obj.file, labels_span(best), f"the closest pod template: {best.obj.ident}")] if best else []
        ctx.report(
            span,
            f"PodDisruptionBudget {pdb.name!r} selects no pod template in the repository, so "
            "it protects nothing: node drains and cluster upgrades may evict every replica at "
            "once. Align spec.selector with the workload's spec.template.metadata.labels",
            file=pdb.file,
            related=related,
            context=f"{pdb.ident}:selector",
        )
