"""Advice for workloads (all off by default, tag `advice`): settings the anchors recommend
that a manifest may leave out for good reasons. Whole objects only: patches and operator
skeletons are completed elsewhere."""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path, iter_maps
from ...core.model import Container, K8sObject, PodSpec
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.podutil import is_int, sc_of

LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController")


def _whole(ctx, obj: K8sObject) -> bool:
    return partial_reason(ctx.model, obj) is None


def _long_running(ctx, pod: PodSpec) -> bool:
    return pod.obj.kind in LONG_RUNNING and _whole(ctx, pod.obj)


def _name_span(c: Container):
    return c.node.key_span("name") if "name" in c.node else c.span


@check("liveness-probe-missing", on="container")
def liveness_missing(ctx, c: Container) -> None:
    if c.list_name != "containers" or not _long_running(ctx, c.pod) or isinstance(c.node.get("livenessProbe"), LMap):
        return
    ctx.report(
        "liveness-probe-missing",
        _name_span(c),
        f"{c.ident} has no livenessProbe: a process that hangs without exiting is never restarted",
        context=f"{c.ident}:liveness",
    )


@check("node-affinity-missing", on="pod")
def node_affinity(ctx, pod: PodSpec) -> None:
    if not _long_running(ctx, pod) or pod.obj.kind == "DaemonSet":
        return
    if isinstance(get_path(pod.spec, "affinity", "nodeAffinity"), LMap) or isinstance(pod.spec.get("nodeSelector"), LMap):
        return
    ctx.report(
        "node-affinity-missing",
        pod.obj.metadata.value_span("name"),
        f"{pod.obj.ident} sets no nodeSelector or nodeAffinity: it may run on any node pool",
        context=f"{pod.obj.ident}:node-affinity",
    )


@check("priority-class-missing", on="pod")
def priority_class(ctx, pod: PodSpec) -> None:
    if not _long_running(ctx, pod) or "priorityClassName" in pod.spec:
        return
    ctx.report(
        "priority-class-missing",
        pod.obj.metadata.value_span("name"),
        f"{pod.obj.ident} sets no priorityClassName: under resource pressure it is preempted like any other pod",
        context=f"{pod.obj.ident}:priority",
    )


@check("default-service-account", on="pod")
def default_sa(ctx, pod: PodSpec) -> None:
    if not _whole(ctx, pod.obj):
        return
    name = pod.spec.get("serviceAccountName", pod.spec.get("serviceAccount"))
    if name not in (None, "default"):
        return
    if pod.spec.get("automountServiceAccountToken") is False:
        return  # the token is not mounted: the account grants nothing to the pod
    key = "serviceAccountName" if "serviceAccountName" in pod.spec else ("serviceAccount" if "serviceAccount" in pod.spec else None)
    span = pod.spec.value_span(key) if key else pod.obj.metadata.value_span("name")
    ctx.report(
        "default-service-account",
        span,
        f"{pod.obj.ident} runs as the namespace's default service account with its token mounted",
        context=f"{pod.obj.ident}:default-sa",
    )


@check("default-namespace", on="k8s_object")
def default_namespace(ctx, obj: K8sObject) -> None:
    if obj.namespace != "default" or obj.kind in ("Namespace",):
        return
    ctx.report(
        "default-namespace",
        obj.metadata.value_span("namespace"),
        f"{obj.ident} is deployed to the default namespace",
        context=f"{obj.ident}:default-ns",
    )


@check("dns-config-options-missing", on="pod")
def dns_options(ctx, pod: PodSpec) -> None:
    if not _long_running(ctx, pod):
        return
    opts = get_path(pod.spec, "dnsConfig", "options")
    if isinstance(opts, LSeq) and any(o.get("name") == "ndots" for _, o in iter_maps(opts)):
        return
    ctx.report(
        "dns-config-options-missing",
        pod.obj.metadata.value_span("name"),
        f"{pod.obj.ident} does not set dnsConfig ndots: every external name is first tried against each cluster search domain (5 lookups)",
        context=f"{pod.obj.ident}:ndots",
    )


@check("image-pull-policy-not-always", on="container")
def pull_policy(ctx, c: Container) -> None:
    if not _whole(ctx, c.obj):
        return
    policy = c.node.get("imagePullPolicy")
    if policy == "Always":
        return
    span = c.node.value_span("imagePullPolicy") if "imagePullPolicy" in c.node else _name_span(c)
    ctx.report(
        "image-pull-policy-not-always",
        span,
        f"{c.ident} does not set imagePullPolicy: Always, so a node reuses a cached image without checking the pull secret",
        context=f"{c.ident}:pull-policy",
    )


@check("seccomp-profile-missing", on="container")
def seccomp(ctx, c: Container) -> None:
    if not _whole(ctx, c.obj):
        return
    pod_profile = get_path(c.pod.spec, "securityContext", "seccompProfile")
    own = get_path(sc_of(c.node), "seccompProfile")
    if isinstance(own, LMap) or isinstance(pod_profile, LMap):
        return
    ctx.report(
        "seccomp-profile-missing",
        _name_span(c),
        f"{c.ident} has no seccompProfile (container or pod): it runs Unconfined unless the kubelet defaults to RuntimeDefault",
        context=f"{c.ident}:seccomp",
    )


@check("secret-in-env", on="container")
def secret_env(ctx, c: Container) -> None:
    for i, env in iter_maps(c.node.get("env")):
        ref = get_path(env, "valueFrom", "secretKeyRef")
        if isinstance(ref, LMap):
            ctx.report(
                "secret-in-env",
                env["valueFrom"].key_span("secretKeyRef"),
                f"{c.ident} reads Secret {ref.get('name')!r} into env {env.get('name')!r}: environment variables leak into logs, crash dumps and child processes",
                context=f"{c.ident}:env[{i}]",
            )


def _fires_hourly_or_more(schedule) -> bool:
    """At least once an hour: @hourly, or an hour field of * or */n (with any minute)."""
    if not isinstance(schedule, str):
        return False
    s = schedule.strip()
    if s.startswith("@"):
        return s in ("@hourly", "@every")
    fields = s.split()
    if len(fields) == 6 and fields[0].startswith("TZ="):
        fields = fields[1:]
    return len(fields) == 5 and (fields[1] == "*" or fields[1].startswith("*/"))


@check("cronjob-deadline-missing", on="k8s_object")
def cronjob_deadline(ctx, obj: K8sObject) -> None:
    if obj.kind != "CronJob" or not _whole(ctx, obj):
        return
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap) or "startingDeadlineSeconds" in spec or not _fires_hourly_or_more(spec.get("schedule")):
        return
    ctx.report(
        "cronjob-deadline-missing",
        spec.value_span("schedule"),
        f"CronJob {obj.name!r} runs at least hourly and sets no startingDeadlineSeconds: after more than 100 missed schedules the controller refuses to start it",
        context=f"{obj.ident}:deadline",
    )
