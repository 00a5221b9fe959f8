"""`pdb-selector-no-match`: A PodDisruptionBudget's selector matches no pod template in the
repository.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.selectors import is_source, pod_specs, selector_is_empty, self_contained
from ...lib.k8s.selector_hints import labels_span, selects_no_pod


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
        got = selects_no_pod(model, pdb, sel, spec.key_span("selector"))
        if got is None:
            continue
        span, best = got
        if best is None and (pods or not self_contained(model)):
            continue  # nothing here looks like its pods: they may come from elsewhere
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
