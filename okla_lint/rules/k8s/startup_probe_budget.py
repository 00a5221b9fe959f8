"""`startup-probe-budget`: A startupProbe gives the container less time to start than the
configured minimum.
"""
from __future__ import annotations

import re

from ...core.located import LMap, LSeq
from ...core.model import Container
from ...core.registry import check
from ...core.fix import UNSAFE, Fix, insert_key, replace_scalar, shared_anchor, written_in
from ...lib.k8s.podutil import is_int, is_patch_obj
from ...lib.k8s.probes import describe_endpoint, probe_endpoint, probe_field, startup_budget


def _where(ep: tuple) -> str:
    if ep[0] == "http":
        port = ep[1][1] if isinstance(ep[1], tuple) else ep[1]
        return f"'{ep[2]}' on port {port}"
    return describe_endpoint(ep)


# a path that only says the process is up (no dependency checks): /live, /healthz/live, /ping
_SHALLOW = re.compile(r"(?i)(^|/)(live|liveness|alive|ping|livez)(/|$)")


# env names that configure a backing service the app connects to at start-up
_BACKING = re.compile(
    r"(?i)(connection_?strings?|connstr|database_?url|db_?(host|url|server)|(postgres|pg|mysql|mongo(db)?|redis|"
    r"rabbit(mq)?|kafka|elastic(search)?|sql)(_|__)?(host|url|uri|server|connection(string)?|addr(ess)?|brokers?))"
)


# the JVM: class loading, JIT warm-up and framework start-up (a Spring context, an
# application server) take tens of seconds, more under a CPU limit. Images of a JDK/JRE or
# of a JVM server, the JVM's option variables, and Spring Boot's actuator endpoint say so.
_JVM_IMAGE = re.compile(
    r"(?i)(^|[/_.-])(openjdk|jdk|jre|temurin|corretto|zulu|semeru|liberica|adoptopenjdk|tomcat|"
    r"jetty|wildfly|jboss|keycloak|elasticsearch|opensearch|logstash|sonarqube|solr|cassandra|"
    r"spring-boot)([:@/_.-]|\d|$)"
)
_JVM_ENV = re.compile(
    r"^(JAVA_OPTS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS|_JAVA_OPTIONS|JVM_OPTS|CATALINA_OPTS|"
    r"ES_JAVA_OPTS|OPENSEARCH_JAVA_OPTS|SPRING_[A-Z0-9_]+)$"
)


def _jvm_sign(c: Container, ep: tuple | None) -> str | None:
    """What shows that the container runs on the JVM, or None."""
    image = c.node.get("image")
    if isinstance(image, str) and _JVM_IMAGE.search(image.rsplit("/", 1)[-1].split("@", 1)[0]):
        return f"its image '{image}' runs on the JVM"
    if ep is not None and ep[0] == "http" and isinstance(ep[2], str) and "/actuator/health" in ep[2]:
        return f"it probes Spring Boot's '{ep[2]}', a JVM application"
    cmd = c.node.get("command")
    if isinstance(cmd, LSeq) and cmd and isinstance(cmd[0], str) and cmd[0].rsplit("/", 1)[-1] == "java":
        return "its command starts `java`"
    env = c.node.get("env")
    if isinstance(env, LSeq):
        for e in env:
            n = e.get("name") if isinstance(e, LMap) else None
            if isinstance(n, str) and _JVM_ENV.match(n):
                return f"its env sets '{n}', a JVM setting"
    return None


def _startup_evidence(c: Container, probe: LMap, minimum: int, total: int) -> str | None:
    """What the repository shows about the time this container needs to start, or None.
    Evidence: (1) another probe of the same container calls the same endpoint with a longer
    timeoutSeconds (the manifest itself expects a slow answer, the startupProbe gives up on
    each attempt sooner); (2) the startupProbe calls a deeper health endpoint than the
    livenessProbe (which calls a /live-style path) while the container's env configures a
    backing service (a connection string, a database or cache host): that endpoint checks the
    dependencies, so it waits for them while they start too."""
    ep = probe_endpoint(c, probe)  # (kind, port, path, ...) for http
    if ep is None or total >= minimum:
        return None
    t = probe_field(probe, "timeoutSeconds")
    for kind in ("livenessProbe", "readinessProbe"):
        other = c.node.get(kind)
        if not isinstance(other, LMap) or probe_endpoint(c, other) != ep:
            continue
        ot = probe_field(other, "timeoutSeconds")
        if t is not None and ot is not None and ot > t:
            return (
                f"the {kind} of the same container waits up to {ot} s for {_where(ep)}, "
                f"so the manifest expects slow answers, but the startupProbe gives up on each "
                f"attempt after {t} s{'' if 'timeoutSeconds' in probe else ' (the default)'}"
            )
    for kind in ("livenessProbe", "readinessProbe"):
        other = c.node.get(kind)
        od = other.get("initialDelaySeconds") if isinstance(other, LMap) else None
        if is_int(od) and od > total:
            return (
                f"the {kind} of the same container waits {od} s (initialDelaySeconds) before "
                f"its first check, so the manifest expects the app to need that long to start, "
                f"but the startupProbe restarts it after {total} s"
            )
    jvm = _jvm_sign(c, ep)
    if jvm is not None:
        return (
            f"{jvm}, whose start-up (class loading, JIT warm-up, the framework's context) "
            "takes tens of seconds, longer under a CPU limit"
        )
    live = c.node.get("livenessProbe")
    if ep[0] == "http" and isinstance(live, LMap):
        lep = probe_endpoint(c, live)
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
    if any(
        k not in probe for k in ("initialDelaySeconds", "failureThreshold", "periodSeconds")
    ) and is_patch_obj(ctx.model, c.obj):  # the model only when it matters (file cache)
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
        once="startupProbe",
        fix=_raise_threshold(ctx, probe, suggest_f),
    )


def _raise_threshold(ctx, probe: LMap, value: int) -> Fix | None:
    """Unsafe (the kubelet then waits longer before it restarts a container that hangs):
    write ``failureThreshold: value``, in place of the current value or as a new entry."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None or not probe or shared_anchor(src, probe.span, ""):
        return None  # an alias also uses the probe elsewhere (a liveness probe, a container without evidence)
    if not written_in(probe, "failureThreshold" if "failureThreshold" in probe else next(iter(probe))):
        return None  # merged in from an anchor (`<<: *probe`): the edit would land there
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
