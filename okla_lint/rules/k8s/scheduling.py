"""Where replicas land: spreading a replicated workload over nodes."""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_int

REPLICATED = ("Deployment", "StatefulSet", "ReplicaSet")


@check("anti-affinity-missing", on="pod")
def anti_affinity(ctx, pod: PodSpec) -> None:
    obj = pod.obj
    if obj.kind not in REPLICATED:
        return
    replicas = get_path(obj.root, "spec", "replicas")
    if not is_int(replicas) or replicas < 2:
        return  # one replica (or a count decided elsewhere): nothing to spread
    if isinstance(get_path(pod.spec, "affinity", "podAntiAffinity"), LMap):
        return
    if isinstance(pod.spec.get("topologySpreadConstraints"), LSeq) and pod.spec["topologySpreadConstraints"]:
        return
    ctx.report(
        obj.root["spec"].value_span("replicas"),
        f"{obj.ident} runs {replicas} replicas with no podAntiAffinity or topologySpreadConstraints: the scheduler may put them all on one node",
        context=f"{obj.ident}:anti-affinity",
    )
