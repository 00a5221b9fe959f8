"""`networkpolicy-selector-no-match`: A NetworkPolicy's podSelector matches no pod template in
the repository. What that does depends on the other policies: the pods it was written for keep
accepting (or sending) all traffic, unless another policy of their namespace selects them for
the same direction (a default-deny, a policy that selects every pod); then they are isolated and
the traffic this policy meant to allow is refused, and the message says so.
"""
from __future__ import annotations

from ...core.located import LMap, LSeq
from ...core.model import K8sObject, PodSpec, RepoModel, ns_compatible
from ...core.registry import check
from ...lib.k8s.network_policies import network_policies
from ...lib.k8s.selectors import is_source, label_selector_matches, pod_labels, selector_is_empty
from ...lib.k8s.selector_hints import labels_span, selects_no_pod


def _directions(spec: LMap) -> set[str]:
    """What a policy isolates: its policyTypes, or Ingress (plus Egress when it has egress
    rules) when it lists none, as the API server defaults them."""
    types = spec.get("policyTypes")
    if isinstance(types, LSeq):
        return {t for t in types if t in ("Ingress", "Egress")}
    return {"Ingress", "Egress"} if "egress" in spec else {"Ingress"}


def _isolated_by(model: RepoModel, np: K8sObject, pod: PodSpec, wanted: set[str]) -> tuple[K8sObject, str] | None:
    """Another NetworkPolicy that selects ``pod`` (its namespace, an empty selector or one its
    labels match) for a direction of ``wanted``, and that direction."""
    labels = pod_labels(model, pod)
    for other in network_policies(model):
        if other is np or not ns_compatible(other.namespace, pod.obj.namespace):
            continue
        spec = other.root.get("spec")
        if not isinstance(spec, LMap):
            continue
        sel = spec.get("podSelector")
        if not isinstance(sel, LMap) and sel is not None:
            continue  # a null podSelector selects every pod, as {} does
        if sel is not None and not selector_is_empty(sel) and label_selector_matches(sel, labels) is not True:
            continue
        both = wanted & _directions(spec)
        if both:
            return other, "ingress" if "Ingress" in both else "egress"
    return None


@check("networkpolicy-selector-no-match", on="repository")
def policies_selecting_nothing(ctx, model: RepoModel) -> None:
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
        related = [(best.obj.file, labels_span(best), f"the closest pod template: {best.obj.ident}")]
        other = _isolated_by(model, np, best, _directions(spec))
        if other is None:
            effect = ("so its rules isolate nothing and the pods it was written for keep accepting (or "
                      "sending) all traffic")
        else:
            pol, direction = other
            effect = (f"so its rules apply to no pod: the pods it was probably written for ({best.obj.ident}) "
                      f"are isolated by NetworkPolicy {pol.name!r}, and the {direction} traffic these rules "
                      "were meant to allow is refused")
            related.append((pol.file, pol.metadata.value_span("name"), f"NetworkPolicy {pol.name!r} isolates {best.obj.ident}"))
        ctx.report(
            span,
            f"NetworkPolicy {np.name!r} selects no pod template in the repository, {effect}. Align "
            "spec.podSelector with the workload's spec.template.metadata.labels",
            file=np.file,
            related=related,
            context=f"{np.ident}:podSelector",
        )
