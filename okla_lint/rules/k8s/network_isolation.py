"""NetworkPolicies: pods no policy selects, and peers that select nothing (advice)."""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path, iter_maps
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import SelectorIndex
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.selectors import label_selector_matches, ns_compatible, pod_labels, pods_for_selector, selector_is_empty

LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Pod")


def _policies(model: RepoModel) -> list[K8sObject]:
    return [np for np in model.by_kind.get("NetworkPolicy", ()) if np.api_version.startswith("networking.k8s.io/")]


def _policy_index(model: RepoModel) -> SelectorIndex[tuple[K8sObject, LMap]]:
    """(policy, podSelector) of every NetworkPolicy with a podSelector map, by what the
    selector requires (built once per model)."""

    def build() -> SelectorIndex[tuple[K8sObject, LMap]]:
        rows = []
        for np in _policies(model):
            sel = get_path(np.root, "spec", "podSelector")
            if isinstance(sel, LMap):
                rows.append(((np, sel), sel))
        return SelectorIndex(rows)

    return model.index("k8s.network_isolation.policies", build)


@check("networkpolicy-missing", on="pod")
def not_isolated(ctx, pod: PodSpec) -> None:
    obj = pod.obj
    if obj.kind not in LONG_RUNNING or partial_reason(ctx.model, obj) is not None:
        return
    labels = pod_labels(ctx.model, pod)
    for np, sel in _policy_index(ctx.model).for_labels(labels):
        if not ns_compatible(np.namespace, obj.namespace):
            continue
        if selector_is_empty(sel) or label_selector_matches(sel, labels) is not False:
            return
    ctx.report(
        "networkpolicy-missing",
        obj.metadata.value_span("name"),
        f"no NetworkPolicy in the repository selects the pods of {obj.ident}: they accept traffic from every pod of the cluster",
        context=f"{obj.ident}:netpol",
    )


@check("networkpolicy-peer-no-match", on="repository")
def peers(ctx, model: RepoModel) -> None:
    for np in _policies(model):
        spec = np.root.get("spec")
        if not isinstance(spec, LMap):
            continue
        for direction, peer_key in (("ingress", "from"), ("egress", "to")):
            for _, rule in iter_maps(spec.get(direction)):
                for _, peer in iter_maps(rule.get(peer_key)):
                    sel = peer.get("podSelector")
                    if not isinstance(sel, LMap) or selector_is_empty(sel) or "namespaceSelector" in peer:
                        continue  # other namespaces: their pods are not in view
                    if any(
                        ns_compatible(np.namespace, p.obj.namespace) and label_selector_matches(sel, pod_labels(model, p)) is not False
                        for p in pods_for_selector(model, sel)
                    ):
                        continue
                    ctx.report(
                        "networkpolicy-peer-no-match",
                        peer.key_span("podSelector"),
                        f"an {direction} peer podSelector of NetworkPolicy {np.name!r} matches no pod template in the repository",
                        file=np.file,
                        context=f"{np.ident}:{direction}:{sel!r}",
                    )
