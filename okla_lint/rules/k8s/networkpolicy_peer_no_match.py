"""`networkpolicy-peer-no-match`: An ingress/egress peer podSelector of a NetworkPolicy matches
no pod template of the repository.
"""
from __future__ import annotations

from ...core.located import LMap, iter_maps
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import pods_for_selector
from ...lib.k8s.selectors import label_selector_matches, ns_compatible, pod_labels, selector_is_empty
from ...lib.k8s.network_policies import network_policies


@check("networkpolicy-peer-no-match", on="repository")
def peers(ctx, model: RepoModel) -> None:
    for np in network_policies(model):
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
