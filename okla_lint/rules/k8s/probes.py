"""Probes: timing budgets, API invariants, ports and endpoints.

Semantics followed (Kubernetes API reference for Probe, kubelet prober):
- a probe runs every ``periodSeconds`` after ``initialDelaySeconds``; after
  ``failureThreshold`` consecutive failures a liveness/startup probe restarts the container
  and a readiness probe marks it unready (it never restarts it);
- liveness and readiness probes only start once the startup probe (if any) has succeeded;
- a named port is looked up in the container's own ``ports`` (kubelet ``findPortByName``);
  a number needs no declaration (``ports`` is informational);
- the API server rejects ``successThreshold`` other than 1 on liveness and startup probes,
  and a probe with zero or more than one handler.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check
from ...core.fix import SAFE, UNSAFE, Fix, insert_key, replace_scalar
from ...lib.k8s.podutil import (
    PROBES,
    container_ports,
    is_int,
    is_patch_obj,
    probe_handlers,
    probe_port,
    resolve_port,
    service_target_ports,
    services_selecting,
)

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


def _probes(c: Container) -> dict[str, LMap]:
    return {k: c.node[k] for k in PROBES if isinstance(c.node.get(k), LMap)}


def _where(ep: tuple) -> str:
    if ep[0] == "http":
        port = ep[1][1] if isinstance(ep[1], tuple) else ep[1]
        return f"'{ep[2]}' on port {port}"
    return _describe(ep)


# a path that only says the process is up (no dependency checks): /live, /healthz/live, /ping
_SHALLOW = re.compile(r"(?i)(^|/)(live|liveness|alive|ping|livez)(/|$)")
# env names that configure a backing service the app connects to at start-up
_BACKING = re.compile(
    r"(?i)(connection_?strings?|connstr|database_?url|db_?(host|url|server)|(postgres|pg|mysql|mongo(db)?|redis|"
    r"rabbit(mq)?|kafka|elastic(search)?|sql)(_|__)?(host|url|uri|server|connection(string)?|addr(ess)?|brokers?))"
)


def _startup_evidence(c: Container, probe: LMap, minimum: int, total: int) -> str | None:
    """What the repository shows about the time this container needs to start, or None.
    Evidence: (1) another probe of the same container calls the same endpoint with a longer
    timeoutSeconds (the manifest itself expects a slow answer, the startupProbe gives up on
    each attempt sooner); (2) the startupProbe calls a deeper health endpoint than the
    livenessProbe (which calls a /live-style path) while the container's env configures a
    backing service (a connection string, a database or cache host): that endpoint checks the
    dependencies, so it waits for them while they start too."""
    ep = _endpoint(c, probe)  # (kind, port, path, ...) for http
    if ep is None or total >= minimum:
        return None
    t = probe_field(probe, "timeoutSeconds")
    for kind in ("livenessProbe", "readinessProbe"):
        other = c.node.get(kind)
        if not isinstance(other, LMap) or _endpoint(c, other) != ep:
            continue
        ot = probe_field(other, "timeoutSeconds")
        if t is not None and ot is not None and ot > t:
            return (
                f"the {kind} of the same container waits up to {ot} s for {_where(ep)}, "
                f"so the manifest expects slow answers, but the startupProbe gives up on each "
                f"attempt after {t} s{'' if 'timeoutSeconds' in probe else ' (the default)'}"
            )
    live = c.node.get("livenessProbe")
    if ep[0] == "http" and isinstance(live, LMap):
        lep = _endpoint(c, live)
        if (lep and lep[0] == "http" and lep[2] != ep[2]
                and _SHALLOW.search(lep[2]) and not _SHALLOW.search(ep[2])):
            env = c.node.get("env")
            names = [e.get("name") for e in env if isinstance(e, LMap)] if isinstance(env, LSeq) else []
            backing = [n for n in names if isinstance(n, str) and _BACKING.search(n)]
            if backing:
                return (
                    f"it calls '{ep[2]}', not the liveness endpoint '{lep[2]}', and the container "
                    f"is configured for a backing service (env '{backing[0]}'): a health endpoint "
                    "that checks its dependencies waits for them at start-up"
                )
    return None


@check("startup-probe-budget", on="container")
def startup_probe_budget(ctx, c: Container) -> None:
    probe = c.node.get("startupProbe")
    if not isinstance(probe, LMap):
        return
    if c.list_name == "ephemeralContainers" or (c.list_name == "initContainers" and c.node.get("restartPolicy") != "Always"):
        return  # the API server rejects the probe there (init-container-probe, probe-field-rejected)
    if is_patch_obj(ctx.model, c.obj) and any(
        k not in probe for k in ("initialDelaySeconds", "failureThreshold", "periodSeconds")
    ):
        return  # a kustomize patch: the omitted fields may come from the base
    b = startup_budget(probe)
    if b is None:
        return
    d, f, p, total = b
    params = ctx.params()
    minimum = int(params.get("min-seconds", 90))
    if total >= minimum:
        return
    # a minimum the configuration sets is the user's statement about their start-up times
    if params.get("require-evidence", True) and not ctx.param_given("startup-probe-budget", "min-seconds"):
        # a fixed minimum is a guess: without a sign in the repository that this container
        # starts slowly, a short budget may be exactly right (an nginx front end)
        why = _startup_evidence(c, probe, minimum, total)
        if why is None:
            return
        why = f": {why}"
    else:
        why = f", under the {minimum} s minimum"
    omitted = [k for k in ("initialDelaySeconds", "failureThreshold", "periodSeconds") if k not in probe]
    defaults = f" (omitted fields use the Kubernetes defaults: {', '.join(omitted)})" if omitted else ""
    suggest_f = -(-max(minimum - d, 1) // max(p, 1))
    ctx.report(
        c.node.key_span("startupProbe"),
        f"startupProbe of {c.ident} allows {d} + {f} x {p} = {total} s "
        f"(initialDelaySeconds + failureThreshold x periodSeconds){defaults} for the "
        f"container to start{why}; an app that needs longer is killed before it is up and "
        f"restarts in a loop. Raise failureThreshold to at least {suggest_f} (or periodSeconds)"
        f"{' and timeoutSeconds' if 'gives up on each attempt' in why else ''}; a generous "
        "startup budget costs nothing once the container is running",
        context=f"{c.ident}:startupProbe",
        fix=_raise_threshold(ctx, probe, suggest_f),
    )


def _set_int(ctx, holder: LMap, key: str, old: int, new: int) -> Fix | None:
    """Unsafe (the object is then applied and the probe runs): write ``new`` for ``key``."""
    src = ctx.file.src if ctx.file is not None else None
    edit = replace_scalar(src, holder.value_span(key), str(old), str(new)) if src is not None else None
    return Fix(UNSAFE, (edit,), f"Set {key} to {new}") if edit else None


def _raise_threshold(ctx, probe: LMap, value: int) -> Fix | None:
    """Unsafe (the kubelet then waits longer before it restarts a container that hangs):
    write ``failureThreshold: value``, in place of the current value or as a new entry."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None or not probe:
        return None
    if "failureThreshold" in probe:
        old = probe["failureThreshold"]
        if not is_int(old):
            return None
        edit = replace_scalar(src, probe.value_span("failureThreshold"), str(old), str(value))
    else:
        first = next(iter(probe))
        edit = insert_key(src, probe.span, probe.key_span(first), f"failureThreshold: {value}")
    if edit is None:
        return None
    return Fix(UNSAFE, (edit,), f"Set failureThreshold to {value}")


@check("probe-handler-count", "probe-success-threshold", "probe-timeout-exceeds-period", on="container")
def probe_invariants(ctx, c: Container) -> None:
    patch = is_patch_obj(ctx.model, c.obj)  # partial: the base may hold the handler or timing
    for kind, probe in _probes(c).items():
        handlers = probe_handlers(probe)
        if len(handlers) == 0 and not patch:
            ctx.report(
                "probe-handler-count",
                c.node.key_span(kind),
                f"{kind} of {c.ident} has no handler; the API server rejects a probe without "
                "exactly one of exec, httpGet, tcpSocket or grpc ('must specify a handler "
                "type'). Add the check it should run",
                context=f"{c.ident}:{kind}:none",
            )
        elif len(handlers) > 1:
            handlers.sort(key=lambda h: (probe.key_span(h).line, probe.key_span(h).col))
            for extra in handlers[1:]:
                ctx.report(
                    "probe-handler-count",
                    probe.key_span(extra),
                    f"{kind} of {c.ident} has more than one handler ({', '.join(handlers)}); "
                    "the API server rejects the object ('may not specify more than 1 handler "
                    f"type'), so nothing is deployed. Keep one handler and remove {extra!r}",
                    context=f"{c.ident}:{kind}:{extra}",
                )
        if kind != "readinessProbe" and "successThreshold" in probe:
            st = probe.get("successThreshold")
            if is_int(st) and st != 1:
                ctx.report(
                    "probe-success-threshold",
                    probe.value_span("successThreshold"),
                    f"{kind} of {c.ident} sets successThreshold: {st}; the API server rejects "
                    "any value other than 1 for liveness and startup probes, so the object is "
                    "not applied. Remove successThreshold (or set it to 1); only a "
                    "readinessProbe may require several successes",
                    context=f"{c.ident}:{kind}:successThreshold",
                    fix=_set_int(ctx, probe, "successThreshold", st, 1),
                )
        t = probe_field(probe, "timeoutSeconds")
        p = probe_field(probe, "periodSeconds")
        if patch and not ("timeoutSeconds" in probe and "periodSeconds" in probe):
            continue
        if t is not None and p is not None and t >= p:
            at = "timeoutSeconds" if "timeoutSeconds" in probe else "periodSeconds"
            effect = (
                f"failures are detected after failureThreshold x {t} s, not x {p} s as "
                "configured (budgets computed from periodSeconds are wrong)"
                if t > p
                else "a probe that hangs until its timeout is followed at once by the next one, "
                "with no pause between attempts, and a slow answer is never given the full "
                "period"
            )
            ctx.report(
                "probe-timeout-exceeds-period",
                probe.value_span(at),
                f"{kind} of {c.ident} has timeoutSeconds {t} {'>' if t > p else '='} "
                f"periodSeconds {p}: the kubelet runs one probe at a time, so {effect}. Make "
                "timeoutSeconds shorter than periodSeconds (for example period 10, timeout 3)",
                context=f"{c.ident}:{kind}:timeout",
            )


def _digits(s: str) -> bool:
    return s.isascii() and s.isdigit()


@check("probe-port-unknown", "probe-port-not-declared", on="container")
def probe_ports(ctx, c: Container) -> None:
    if c.list_name == "ephemeralContainers":
        return
    if is_patch_obj(ctx.model, c.obj) and "ports" not in c.node:
        return  # a kustomize patch: the container's ports are in the base
    names, numbers = container_ports(c.node)
    has_ports = isinstance(c.node.get("ports"), LSeq) and len(c.node["ports"]) > 0
    entries = [p for p in c.node["ports"] if isinstance(p, LMap)] if has_ports else []
    # a port name counts even when its containerPort has the wrong type ("8080"): k8s-schema
    # reports that, and the port list is then not complete enough to call a number undeclared
    names = {**{p["name"]: 0 for p in entries if isinstance(p.get("name"), str)}, **names}
    if any(not is_int(p.get("containerPort")) for p in entries):
        has_ports = False
    for kind, probe in _probes(c).items():
        pp = probe_port(probe)
        if pp is None:
            continue
        action, port = pp
        span = action.value_span("port")
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
                )
        elif is_int(port) and not 1 <= port <= 65535:
            ctx.report(
                "probe-port-unknown",
                span,
                f"{kind} of {c.ident} uses port {port}, outside 1-65535; the API server "
                "rejects the object. Use the port the application listens on",
                context=f"{c.ident}:{kind}:port:{port}",
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
            )


def _endpoint(c: Container, probe: LMap) -> tuple | None:
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


def _describe(ep: tuple) -> str:
    kind = ep[0]
    if kind == "exec":
        return "the same command"
    port = ep[1][1] if isinstance(ep[1], tuple) else ep[1]
    if kind == "http":
        return f"the same HTTP endpoint (port {port}, path {ep[2]})"
    if kind == "tcp":
        return f"the same TCP port {port}"
    return f"the same gRPC health check on port {port}"


@check("probe-same-endpoint", on="container")
def probe_same_endpoint(ctx, c: Container) -> None:
    live, ready = c.node.get("livenessProbe"), c.node.get("readinessProbe")
    if not (isinstance(live, LMap) and isinstance(ready, LMap)):
        return
    el, er = _endpoint(c, live), _endpoint(c, ready)
    if el is None or el != er or el[0] == "tcp":
        return  # a TCP connect only checks the listener: sharing it is harmless
    lf, lp = probe_field(live, "failureThreshold"), probe_field(live, "periodSeconds")
    rf, rp = probe_field(ready, "failureThreshold"), probe_field(ready, "periodSeconds")
    if None in (lf, lp, rf, rp):
        return
    lw, rw = lf * lp, rf * rp
    if lw > rw:
        return  # the pattern the Kubernetes docs recommend: same endpoint, slower liveness
    ctx.report(
        c.node.key_span("livenessProbe"),
        f"livenessProbe and readinessProbe of {c.ident} check {_describe(el)} and liveness "
        f"gives up after {lf} x {lp} = {lw} s, no later than readiness ({rf} x {rp} = {rw} s): "
        "a slow spell (load, a dependency the health check waits for) restarts the container "
        "instead of only taking it out of the Service, and restarts can cascade across replicas. "
        "Give liveness a cheaper endpoint, or a failure window clearly longer than readiness's "
        "(raise its failureThreshold)",
        related=[(c.obj.file, c.node.key_span("readinessProbe"), "the readinessProbe")],
        context=f"{c.ident}:probe-same-endpoint",
    )


@check("liveness-before-readiness", on="container")
def liveness_before_readiness(ctx, c: Container) -> None:
    live, ready = c.node.get("livenessProbe"), c.node.get("readinessProbe")
    if not (isinstance(live, LMap) and isinstance(ready, LMap)) or isinstance(c.node.get("startupProbe"), LMap):
        return
    if is_patch_obj(ctx.model, c.obj):
        return  # a kustomize patch: timing fields and the startup probe may be in the base
    b = startup_budget(live)
    rd = probe_field(ready, "initialDelaySeconds")
    if b is None or rd is None:
        return
    d, f, p, total = b
    if total > rd:
        return
    ctx.report(
        c.node.key_span("livenessProbe"),
        f"without a startupProbe, the livenessProbe of {c.ident} restarts a container that is "
        f"not up after {d} + {f} x {p} = {total} s, but its readinessProbe only starts checking "
        f"at {rd} s (initialDelaySeconds): if the application needs the start-up time the "
        "readiness delay allows, it is killed first and restarts in a loop. Add a startupProbe "
        "that covers the start-up time, or raise the liveness initialDelaySeconds / "
        "failureThreshold",
        related=[(c.obj.file, ready.key_span("initialDelaySeconds") if "initialDelaySeconds" in ready else c.node.key_span("readinessProbe"), "readiness initialDelaySeconds")],
        context=f"{c.ident}:liveness-before-readiness",
    )


@check("readiness-probe-missing", on="pod")
def readiness_probe_missing(ctx, pod) -> None:
    if pod.obj.kind in ("Job", "CronJob") or is_patch_obj(ctx.model, pod.obj):
        return
    services = services_selecting(ctx.model, pod, gate_on_readiness=True)
    if not services:
        return
    regular = [c for c in pod.containers() if c.list_name == "containers"]
    if not regular:
        return
    # the containers the Services send traffic to: by target port number or name
    targeted = []
    for c in regular:
        names, numbers = container_ports(c.node)
        for svc in services:
            for t in service_target_ports(svc):
                if (is_int(t) and t in numbers) or (isinstance(t, str) and t in names):
                    targeted.append(c)
                    break
            else:
                continue
            break
    candidates = targeted or regular
    svc = services[0]
    for c in candidates:
        if isinstance(c.node.get("readinessProbe"), LMap):
            continue
        span = c.node.key_span("name") if "name" in c.node else c.span
        ctx.report(
            span,
            f"{c.ident} has no readinessProbe, but Service {svc.name!r} "
            f"({svc.file.rel}) sends traffic to this pod: without one the pod counts as ready "
            "as soon as the container starts, so requests reach it while it is still starting "
            "(and during every rollout). Add a readinessProbe on the port the Service targets",
            related=[(svc.file, svc.metadata.key_span("name") if "name" in svc.metadata else svc.span, f"Service {svc.name}")],
            context=f"{c.ident}:readiness-probe-missing",
        )


@check("init-container-probe", on="container")
def init_container_probe(ctx, c: Container) -> None:
    if c.list_name != "initContainers" or c.node.get("restartPolicy") == "Always":
        return
    for key in (*PROBES, "lifecycle"):
        if key not in c.node or c.node.get(key) is None:
            continue
        ctx.report(
            c.node.key_span(key),
            f"{c.ident} sets {key}, which the API server rejects for init containers that are "
            "not sidecars ('may not be set for init containers without restartPolicy=Always'), so "
            "nothing is deployed. Remove it, or make the container a sidecar with "
            "restartPolicy: Always (Kubernetes 1.29+)",
            context=f"{c.ident}:{key}",
        )


_TIMING = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")


@check("probe-field-rejected", on="container")
def probe_field_rejected(ctx, c: Container) -> None:
    for kind, probe in _probes(c).items():
        def bad(span, what: str, fix: str, key: str, autofix: Fix | None = None) -> None:
            ctx.report(
                span,
                f"{kind} of {c.ident}: {what}; the API server rejects the object, so nothing is "
                f"deployed. {fix}",
                context=f"{c.ident}:{kind}:{key}",
                fix=autofix,
            )

        if c.list_name == "ephemeralContainers":
            bad(c.node.key_span(kind), "ephemeral containers cannot have probes", "Remove the probe", "ephemeral")
            continue
        for f in _TIMING:
            v = probe.get(f)
            if is_int(v) and v < 0:
                bad(probe.value_span(f), f"{f} is negative ({v})", "Use 0 or a positive number", f)
        if "terminationGracePeriodSeconds" in probe:
            v = probe.get("terminationGracePeriodSeconds")
            if kind == "readinessProbe":
                bad(
                    probe.key_span("terminationGracePeriodSeconds"),
                    "terminationGracePeriodSeconds must not be set on a readiness probe (it never kills)",
                    "Remove it",
                    "tgps",
                )
            elif is_int(v) and v <= 0:
                bad(probe.value_span("terminationGracePeriodSeconds"), f"terminationGracePeriodSeconds is {v}", "Use a positive number", "tgps")
        http = probe.get("httpGet")
        if isinstance(http, LMap) and "scheme" in http:
            s = http.get("scheme")
            if isinstance(s, str) and s not in ("HTTP", "HTTPS"):
                upper = s.upper() in ("HTTP", "HTTPS")
                edit = replace_scalar(ctx.file.src, http.value_span("scheme"), s, s.upper()) if upper and ctx.file and ctx.file.src else None
                bad(http.value_span("scheme"), f"httpGet.scheme is {s!r}, but only HTTP and HTTPS (upper case) are accepted",
                    f"Write {s.upper()!r}" if upper else "Use HTTP or HTTPS", "scheme",
                    Fix(SAFE, (edit,), f"Write {s.upper()!r}") if edit else None)
        ex = probe.get("exec")
        if isinstance(ex, LMap):
            cmd = ex.get("command")
            if cmd is not None and not isinstance(cmd, list):
                # a command of the wrong type (a string): a type error, which k8s-schema owns
                if not ctx.enabled("k8s-schema"):
                    bad(
                        ex.value_span("command"),
                        "exec.command is not a list",
                        "Write it as a list (command: [sh, -c, \"...\"])",
                        "exec",
                    )
            elif not cmd:
                bad(probe.key_span("exec"), "exec has no command", "Give the command to run", "exec")
