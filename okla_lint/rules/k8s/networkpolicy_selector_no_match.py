"""`networkpolicy-selector-no-match`: A NetworkPolicy's podSelector matches no pod template in
the repository.
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
    is_source,
    pod_labels,
    pods_for_selector,
    selector_is_empty,
)
from ...lib.k8s.selector_hints import first_mismatch, intended_pod, labels_span, same_key_nearby


@check("networkpolicy-selector-no-match", on="repository")
def network_policies(ctx, model: RepoModel) -> None:
    for np in model.by_kind.get("NetworkPolicy", ()):
        if not is_source(model, np) or not np.api_version.startswith("networking.k8s.io/"):
            continue
        spec = np.root.get("spec")
        sel = spec.get("podSelector") if isinstance(spec, LMap) else None
        if not isinstance(sel, LMap) or selector_is_empty(sel):
            continue  # {} selects every pod of the namespace
        ns = np.namespace
        cands = pods_for_selector(model, sel)  # every other pod gives False
        if any(label_selector_matches(sel, pod_labels(model, p)) is not False for p in cands if ns_compatible(ns, p.obj.namespace)):
            continue
        if sees_remote(model, np.file):
            continue
        ml = sel.get("matchLabels")
        near = nearby_pods(model, np.file, ns)
        pairs = labels_of(ml) if isinstance(ml, LMap) else {}
        if operator_may_create(model, pairs, ns):
            continue  # the pods of a custom resource (Prometheus podMetadata, ...)
        best = intended_pod(model, near, pairs, np.name) or same_key_nearby(model, np, near, pairs)
        if best is None:
            continue  # its pods may come from outside the repository
        if isinstance(ml, LMap) and ml:
            span, _ = first_mismatch(ml, pairs, pod_labels(model, best))
        else:
            span = spec.key_span("podSelector")
        ctx.report(
            span,
            f"NetworkPolicy {np.name!r} selects no pod template in the repository, so its "
            "rules isolate nothing and the pods it was written for keep accepting (or "
            "sending) all traffic. Align spec.podSelector with the workload's "
            "spec.template.metadata.labels",
            file=np.file,
            related=[(best.obj.file, labels_span(best), f"the closest pod template: {best.obj.ident}")],
            context=f"{np.ident}:podSelector",
        )
