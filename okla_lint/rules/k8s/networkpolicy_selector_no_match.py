"""`networkpolicy-selector-no-match`: A NetworkPolicy's podSelector matches no pod template in
the repository.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.selectors import is_source, selector_is_empty
from ...lib.k8s.selector_hints import labels_span, selects_no_pod


@check("networkpolicy-selector-no-match", on="repository")
def network_policies(ctx, model: RepoModel) -> None:
    for np in model.by_kind.get("NetworkPolicy", ()):
        if not is_source(model, np) or not np.api_version.startswith("networking.k8s.io/"):
            continue
        spec = np.root.get("spec")
        sel = spec.get("podSelector") if isinstance(spec, LMap) else None
        if not isinstance(sel, LMap) or selector_is_empty(sel):
            continue  # {} selects every pod of the namespace
        got = selects_no_pod(model, np, sel, spec.key_span("podSelector"))
        if got is None:
            continue
        span, best = got
        if best is None:
            continue  # its pods may come from outside the repository
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
