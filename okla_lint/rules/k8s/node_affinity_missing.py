"""`node-affinity-missing`: A workload sets neither nodeSelector nor nodeAffinity."""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.workloads import is_long_running


@check("node-affinity-missing", on="pod")
def node_affinity(ctx, pod: PodSpec) -> None:
    if not is_long_running(ctx, pod) or pod.obj.kind == "DaemonSet":
        return
    if isinstance(get_path(pod.spec, "affinity", "nodeAffinity"), LMap) or isinstance(pod.spec.get("nodeSelector"), LMap):
        return
    ctx.report(
        "node-affinity-missing",
        pod.obj.metadata.value_span("name"),
        f"{pod.obj.ident} sets no nodeSelector or nodeAffinity: it may run on any node pool",
        context=f"{pod.obj.ident}:node-affinity",
        once="node-affinity",
    )
