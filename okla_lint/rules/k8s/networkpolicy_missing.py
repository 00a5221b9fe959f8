"""`networkpolicy-missing`: No NetworkPolicy in the repository selects a workload's pods."""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.registry import check
from ...lib.k8s.label_index import SelectorIndex
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.selectors import label_selector_matches, ns_compatible, pod_labels, selector_is_empty
from ...lib.k8s.network_policies import network_policies


LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Pod")


def _policy_index(model: RepoModel) -> SelectorIndex[tuple[K8sObject, LMap]]:
    """(policy, podSelector) of every NetworkPolicy with a podSelector map, by what the
    selector requires (built once per model)."""

    def build() -> SelectorIndex[tuple[K8sObject, LMap]]:
        rows = []
        for np in network_policies(model):
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
