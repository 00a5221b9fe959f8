"""A family of rules decided by one check: `probe-port-unknown` (a probe uses a named port the
container does not declare (or a quoted number)); `probe-port-not-declared` (a probe checks
a port number that is not among the container's declared ports).

One lookup of each probe's port in the container's ports: a name that is not there, or a
port the container does not declare.
"""
from __future__ import annotations

from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.podutil import container_ports, is_int, is_patch_obj, probe_port
from ...lib.k8s.probes import probes_of


def _digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


@check("probe-port-unknown", "probe-port-not-declared", on="container")
def probe_ports(ctx, c: Container) -> None:
    if c.list_name == "ephemeralContainers":
        return
    if "ports" not in c.node and is_patch_obj(ctx.model, c.obj):
        return  # a kustomize patch: the container's ports are in the base
    names, numbers = container_ports(c.node)
    has_ports = isinstance(c.node.get("ports"), LSeq) and len(c.node["ports"]) > 0
    entries = [p for p in c.node["ports"] if isinstance(p, LMap)] if has_ports else []
    # a port name counts even when its containerPort has the wrong type ("8080"): k8s-schema
    # reports that, and the port list is then not complete enough to call a number undeclared
    names = {**{p["name"]: 0 for p in entries if isinstance(p.get("name"), str)}, **names}
    if any(not is_int(p.get("containerPort")) for p in entries):
        has_ports = False
    for kind, probe in probes_of(c).items():
        pp = probe_port(probe)
        if pp is None:
            continue
        action, port = pp
        span = action.value_span("port")
        if is_placeholder(port) or isinstance(port, str) and any(is_placeholder(n) for n in names):
            continue  # `##PORT##`, or a port name a deploy step writes: the real one is not here
        if isinstance(port, str) and action is probe.get("grpc"):
            # grpc.port is an int32, not int-or-string: a type error, which k8s-schema owns
            if not ctx.enabled("k8s-schema"):
                ctx.report(
                    "probe-port-unknown",
                    span,
                    f"{kind} of {c.ident} gives grpc.port as the string {port!r}, but a gRPC "
                    "probe takes only a port number (no named ports); the API server cannot "
                    "decode the object, so nothing is deployed. Write the container port "
                    "number unquoted",
                    context=f"{c.ident}:{kind}:port:{port}",
                    once=f"port:{port}",
                )
        elif isinstance(port, str):
            if _digits(port):
                ctx.report(
                    "probe-port-unknown",
                    span,
                    f"{kind} of {c.ident} uses the quoted port {port!r}: a string is a port "
                    "name, and the API server rejects a port name without a letter. Write the "
                    f"number unquoted (port: {port})",
                    context=f"{c.ident}:{kind}:port:{port}",
                    once=f"port:{port}",
                )
            elif port not in names:
                known = ", ".join(sorted(names)) or "none"
                ctx.report(
                    "probe-port-unknown",
                    span,
                    f"{kind} of {c.ident} uses the named port {port!r}, but the container "
                    f"declares no port with that name (named ports: {known}); the kubelet "
                    "cannot resolve it, so every probe fails"
                    + (" and the container is restarted in a loop" if kind != "readinessProbe" else " and the pod never becomes ready")
                    + ". Name the port in the container's ports or use its number",
                    context=f"{c.ident}:{kind}:port:{port}",
                    once=f"port:{port}",
                )
        elif is_int(port) and not 1 <= port <= 65535:
            ctx.report(
                "probe-port-unknown",
                span,
                f"{kind} of {c.ident} uses port {port}, outside 1-65535; the API server "
                "rejects the object. Use the port the application listens on",
                context=f"{c.ident}:{kind}:port:{port}",
                once=f"port:{port}",
            )
        elif is_int(port) and has_ports and port not in numbers:
            listed = ", ".join(str(n) for n in sorted(numbers))
            ctx.report(
                "probe-port-not-declared",
                span,
                f"{kind} of {c.ident} probes port {port}, which is not among the container's "
                f"declared ports ({listed}); if the application listens on a declared port, the "
                "probe always fails. Check the number, or declare the port",
                context=f"{c.ident}:{kind}:port:{port}",
                once=f"port:{port}",
            )
