"""`windows-host-process`: A workload that is not a node agent runs Windows HostProcess
containers.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_node_agent, sc_of


def _host_process_spans(pod: PodSpec):
    sc = get_path(pod.spec, "securityContext", "windowsOptions")
    if isinstance(sc, LMap) and sc.get("hostProcess") is True:
        yield "pod", sc
    for c in pod.containers():
        wo = get_path(sc_of(c.node), "windowsOptions")
        if isinstance(wo, LMap) and wo.get("hostProcess") is True:
            yield f"container {c.name!r}", wo


@check("windows-host-process", on="pod")
def host_process(ctx, pod: PodSpec) -> None:
    if is_node_agent(pod):
        return  # HostProcess containers exist for node agents (CSI proxies, log shippers)
    for where, wo in _host_process_spans(pod):
        ctx.report(
            wo.value_span("hostProcess"),
            f"{pod.obj.ident} ({where}) runs as a Windows HostProcess container: it runs directly on the node with the node's network and file system",
            context=f"{pod.obj.ident}:{where}:hostProcess",
            once="hostProcess",
        )
