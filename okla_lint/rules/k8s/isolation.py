"""How much of the node a pod reaches beyond namespaces and mounts: host ports, unmasked
/proc, unsafe sysctls, Windows host processes. Node agents (DaemonSets) are exempt where
the rule's rationale says so: they exist to work on the node."""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path, iter_maps
from ...core.model import Container, PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_int, is_node_agent, sc_of
from ...lib.k8s.sysctls import is_safe


@check("host-port", on="container")
def host_port(ctx, c: Container) -> None:
    if is_node_agent(c.pod):
        return  # ingress controllers and node agents bind host ports by design
    bound = [(i, port) for i, port in iter_maps(c.node.get("ports")) if is_int(port.get("hostPort")) and port["hostPort"] != 0]
    if not bound:
        return
    # one finding per container: the first host port, the others as related locations
    first_i, first = bound[0]
    numbers = ", ".join(str(p["hostPort"]) for _, p in bound)
    ctx.report(
        first.value_span("hostPort"),
        f"{c.ident} binds host port{'s' if len(bound) > 1 else ''} {numbers} on its node: the port is open on the node's address, outside Services and often outside NetworkPolicies",
        related=[(c.obj.file, p.value_span("hostPort"), f"hostPort {p['hostPort']}") for _, p in bound[1:]],
        context=f"{c.ident}:hostPort",
    )


@check("proc-mount-unmasked", on="container")
def proc_mount(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is None or sc.get("procMount") != "Unmasked":
        return
    ctx.report(
        sc.value_span("procMount"),
        f"{c.ident} sets procMount: Unmasked: /proc paths the runtime normally hides (kcore, sysrq-trigger, timer_list) become visible and writable paths readable",
        context=f"{c.ident}:procMount",
    )


@check("sysctl-unsafe", on="pod")
def unsafe_sysctls(ctx, pod: PodSpec) -> None:
    seq = get_path(pod.spec, "securityContext", "sysctls")
    if not isinstance(seq, LSeq):
        return
    for i, item in iter_maps(seq):
        name = item.get("name")
        if not isinstance(name, str) or not name or is_safe(name) or "$" in name or "{" in name:
            continue
        ctx.report(
            item.value_span("name"),
            f"{pod.obj.ident} sets the unsafe sysctl {name}: the kubelet refuses the pod (SysctlForbidden) unless the node allows it with --allowed-unsafe-sysctls",
            context=f"{pod.obj.ident}:sysctl:{name}",
        )


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
        )
