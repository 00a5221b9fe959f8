"""Probes as the kubelet runs them: fields with their defaults, the startup budget, the
endpoint a probe checks.

Semantics followed (Kubernetes API reference for Probe, kubelet prober): a probe runs every
``periodSeconds`` after ``initialDelaySeconds``; after ``failureThreshold`` consecutive
failures a liveness/startup probe restarts the container and a readiness probe marks it
unready (it never restarts it); liveness and readiness probes only start once the startup
probe (if any) has succeeded; a named port is looked up in the container's own ``ports``
(kubelet ``findPortByName``); a number needs no declaration (``ports`` is informational);
the API server rejects ``successThreshold`` other than 1 on liveness and startup probes, and
a probe with zero or more than one handler."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Container
from .podutil import PROBES, probe_handlers, resolve_port


# Kubernetes defaults for omitted probe fields
PROBE_DEFAULTS = {"initialDelaySeconds": 0, "periodSeconds": 10, "timeoutSeconds": 1, "failureThreshold": 3, "successThreshold": 1}


def probe_field(probe: LMap, name: str) -> int | None:
    """The probe's value for ``name`` (the Kubernetes default when omitted, or when 0 for the
    fields the API server defaults from 0: SetDefaults_Probe), or None when the value is not
    a whole number (a type error k8s-schema reports) or is negative (rejected:
    probe-field-rejected reports it), so timing rules stay silent on it."""
    v = probe.get(name, PROBE_DEFAULTS[name])
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        return None
    if v == 0 and name != "initialDelaySeconds":
        return PROBE_DEFAULTS[name]
    return v


def startup_budget(probe: LMap) -> tuple[int, int, int, int] | None:
    """(initialDelaySeconds, failureThreshold, periodSeconds, budget in seconds)."""
    d = probe_field(probe, "initialDelaySeconds")
    f = probe_field(probe, "failureThreshold")
    p = probe_field(probe, "periodSeconds")
    if d is None or f is None or p is None:
        return None
    return d, f, p, d + f * p


def probes_of(c: Container) -> dict[str, LMap]:
    return {k: c.node[k] for k in PROBES if isinstance(c.node.get(k), LMap)}


def probe_endpoint(c: Container, probe: LMap) -> tuple | None:
    """A comparable description of what a probe checks, with named ports resolved."""
    handlers = probe_handlers(probe)
    if len(handlers) != 1:
        return None
    h = handlers[0]
    action = probe.get(h)
    if not isinstance(action, LMap):
        return None
    if h == "exec":
        cmd = action.get("command")
        return ("exec", tuple(str(x) for x in cmd)) if isinstance(cmd, list) else None
    port = action.get("port")
    num = resolve_port(c.node, port)
    key: Any = num if num is not None else ("name", port)
    if h == "httpGet":
        path = action.get("path") or "/"
        headers = action.get("httpHeaders")
        hdrs = (
            tuple(sorted((str(x.get("name")), str(x.get("value"))) for x in headers if isinstance(x, LMap)))
            if isinstance(headers, list)
            else ()
        )
        # an empty host is the default (the pod IP), like an omitted one
        return ("http", key, str(path), action.get("host") or None, str(action.get("scheme") or "HTTP").upper(), hdrs)
    if h == "tcpSocket":
        return ("tcp", key, action.get("host") or None)
    return ("grpc", key, action.get("service") or "")


def describe_endpoint(ep: tuple) -> str:
    kind = ep[0]
    if kind == "exec":
        return "the same command"
    port = ep[1][1] if isinstance(ep[1], tuple) else ep[1]
    if kind == "http":
        return f"the same HTTP endpoint (port {port}, path {ep[2]})"
    if kind == "tcp":
        return f"the same TCP port {port}"
    return f"the same gRPC health check on port {port}"
