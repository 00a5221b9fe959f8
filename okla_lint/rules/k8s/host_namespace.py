"""`host-namespace`: A pod shares the node's network, process or IPC namespace (hostNetwork,
hostPID, hostIPC).
"""
from __future__ import annotations

from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_node_agent


@check("host-namespace", on="pod")
def host_namespace(ctx, pod: PodSpec) -> None:
    if is_node_agent(pod):
        return  # the exemption the rule names: a node agent (DaemonSet) may need the node's namespaces
    for key, what in (
        ("hostNetwork", "the node's network stack: it can bind node ports, reach services listening on localhost of the node and see all node traffic"),
        ("hostPID", "the node's process table: it can see (and with enough privileges, signal or ptrace) every process on the node, including their environment"),
        ("hostIPC", "the node's IPC namespace: it can read shared memory of other processes on the node"),
    ):
        if pod.spec.get(key) is not True:
            continue
        ctx.report(
            pod.spec.value_span(key),
            f"{pod.obj.ident} sets {key}: true, so its containers share {what}. Remove it "
            "unless this is a node agent that needs it",
            context=f"{pod.obj.ident}:{key}",
            once=key,
        )
