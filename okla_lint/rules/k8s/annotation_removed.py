"""`annotation-removed`: an annotation that Kubernetes stopped reading when its feature became a
field (or was dropped), so the setting is silently ignored.

The pod annotations are those the API server itself calls "non-functional" when it warns on a
create (pkg/api/pod/warnings.go: `scheduler.alpha.kubernetes.io/critical-pod` 1.16,
`security.alpha.kubernetes.io/sysctls` and `unsafe-sysctls` 1.11, the seccomp annotations 1.27
when the matching `seccompProfile` field is unset) and the init-container annotations it drops
(pkg/api/pod/util.go `DropInitContainerAnnotations`, 1.8); then a Namespace's
`net.beta.kubernetes.io/network-policy` isolation (removed in 1.7, kubernetes#39164) and a
Service's `service.alpha.kubernetes.io/tolerate-unready-endpoints` (removed in 1.24,
kubernetes#108020). An annotation whose replacement is also set is a leftover kept for old
clusters: nothing is lost and nothing is reported. A partial object (a kustomize patch, a
strategic-merge fragment) may get the replacement from the object it completes: it is judged
where it is rendered (an overlay), not on its own."""
from __future__ import annotations

from typing import Any, Callable

from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject, PodSpec
from ...core.registry import check
from ...lib.k8s.partial import partial_reason

CRITICAL_POD = "scheduler.alpha.kubernetes.io/critical-pod"
SYSCTLS = ("security.alpha.kubernetes.io/sysctls", "security.alpha.kubernetes.io/unsafe-sysctls")
SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/"
INIT_CONTAINERS = ("pod.beta.kubernetes.io/init-containers", "pod.alpha.kubernetes.io/init-containers")
NETWORK_POLICY = "net.beta.kubernetes.io/network-policy"
UNREADY = "service.alpha.kubernetes.io/tolerate-unready-endpoints"


def _version(v: Any) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in str(v).lstrip("v").split(".")[:2])
    except ValueError:
        return (999,)


def _applies(ctx, removed_in: str) -> bool:
    """The removal is at or before the Kubernetes version the project targets."""
    return _version(removed_in) <= _version(ctx.params().get("kubernetes-version", "1.36"))


def _annotations(holder: Any) -> LMap | None:
    a = get_path(holder, "metadata", "annotations") if isinstance(holder, LMap) else None
    return a if isinstance(a, LMap) else None


def _set(node: Any, *path: str) -> bool:
    """The field at ``path`` holds something (not missing, null or empty)."""
    v = get_path(node, *path) if isinstance(node, LMap) else None
    return v is not None and v != "" and not (isinstance(v, (LMap, LSeq)) and len(v) == 0)


def _partial(ctx, obj: K8sObject) -> bool:
    """A patch or fragment: its whole object may set the replacement (asked last: it reads the
    model)."""
    return partial_reason(ctx.model, obj) is not None


def _containers(spec: LMap) -> dict[str, LMap]:
    out: dict[str, LMap] = {}
    for list_name in ("initContainers", "containers"):
        seq = spec.get(list_name)
        for c in seq if isinstance(seq, LSeq) else ():
            if isinstance(c, LMap) and isinstance(c.get("name"), str):
                out.setdefault(c["name"], c)
    return out


WARNED = "`kubectl apply` prints the API server's warning \"non-functional in v{v}+\" and nothing reads it"
DROPPED = "the API server drops it"
IGNORED = "nothing reads it"

# pod annotation -> (removed in, what happens to it, what is lost, what to do, replacement is set)
PodRule = tuple[str, str, str, str, Callable[[LMap, str], bool]]
POD_ANNOTATIONS: dict[str, PodRule] = {
    CRITICAL_POD: (
        "1.16", WARNED,
        "the pod is not marked critical: it gets no priority and is evicted and preempted like any other pod",
        "set `priorityClassName: system-cluster-critical` (or `system-node-critical`) instead",
        lambda spec, key: _set(spec, "priorityClassName"),
    ),
    **{k: (
        "1.11", WARNED,
        "the kubelet sets none of these sysctls in the pod",
        "list them in `securityContext.sysctls` instead",
        lambda spec, key: _set(spec, "securityContext", "sysctls"),
    ) for k in SYSCTLS},
    SECCOMP_POD: (
        "1.27", WARNED,
        "the pod runs without that seccomp profile (unconfined, unless the kubelet defaults to RuntimeDefault)",
        "set `securityContext.seccompProfile` instead",
        lambda spec, key: _set(spec, "securityContext", "seccompProfile"),
    ),
    **{k: (
        "1.8", DROPPED,
        "the init containers it lists never run",
        "move them to `spec.initContainers`",
        lambda spec, key: _set(spec, "initContainers"),
    ) for k in INIT_CONTAINERS},
}


def _report(ctx, ann: LMap, key: str, owner: str, removed_in: str, how: str, lost: str, fix: str, once: str) -> None:
    ctx.report(
        ann.key_span(key),
        f"annotation `{key}` of {owner} has been non-functional since Kubernetes {removed_in} "
        f"({how.format(v=removed_in)}): {lost}; {fix}",
        context=f"{owner}:annotation:{key}",
        once=once,
    )


@check("annotation-removed", on="pod")
def pod_annotation_removed(ctx, pod: PodSpec) -> None:
    holder = pod.template if pod.template is not None else pod.obj.root
    ann = _annotations(holder)
    if not ann:
        return
    owner = f"the pod template of {pod.obj.ident}" if pod.template is not None else pod.obj.ident
    containers: dict[str, LMap] | None = None
    for key in ann:
        if not isinstance(key, str):
            continue
        if key in POD_ANNOTATIONS:
            removed_in, how, lost, fix, replaced = POD_ANNOTATIONS[key]
            if _applies(ctx, removed_in) and not replaced(pod.spec, key) and not _partial(ctx, pod.obj):
                _report(ctx, ann, key, owner, removed_in, how, lost, fix, f"annotation:{key}")
        elif key.startswith(SECCOMP_CONTAINER) and _applies(ctx, "1.27"):
            name = key[len(SECCOMP_CONTAINER):]
            if containers is None:
                containers = _containers(pod.spec)
            c = containers.get(name)
            if c is None or _set(c, "securityContext", "seccompProfile") or _set(pod.spec, "securityContext", "seccompProfile"):
                continue  # no such container, or a seccompProfile field decides
            if _partial(ctx, pod.obj):
                return
            _report(
                ctx, ann, key, owner, "1.27", WARNED,
                f"container {name!r} runs without that seccomp profile (unconfined, unless the kubelet defaults to RuntimeDefault)",
                f"set `securityContext.seccompProfile` of container {name!r} instead",
                f"annotation:{key}",
            )


def _default_deny(policy: K8sObject, namespace: str) -> bool:
    """A NetworkPolicy of ``namespace`` that selects every pod and isolates ingress."""
    if policy.namespace != namespace:
        return False
    spec = policy.root.get("spec")
    if not isinstance(spec, LMap):
        return False
    sel = spec.get("podSelector")
    if isinstance(sel, LMap) and any(_set(sel, k) for k in ("matchLabels", "matchExpressions")):
        return False
    types = spec.get("policyTypes")
    return not isinstance(types, LSeq) or "Ingress" in types


@check("annotation-removed", on="k8s_object")
def object_annotation_removed(ctx, obj: K8sObject) -> None:
    if obj.kind not in ("Namespace", "Service"):
        return
    ann = _annotations(obj.root)
    if not ann:
        return
    if obj.kind == "Namespace" and NETWORK_POLICY in ann and _applies(ctx, "1.7"):
        value = ann.get(NETWORK_POLICY)
        if not isinstance(value, str) or "DefaultDeny" not in value or not obj.name:
            return  # only the DefaultDeny isolation ever did anything
        if any(_default_deny(p, obj.name) for p in ctx.model.by_kind.get("NetworkPolicy") or []):
            return  # the namespace's default-deny policy is there too
        _report(
            ctx, ann, NETWORK_POLICY, obj.ident, "1.7", IGNORED,
            "no pod of the namespace is isolated by it, and a pod that no NetworkPolicy selects "
            "accepts traffic from every pod of the cluster",
            f"add a NetworkPolicy in namespace {obj.name!r} with `podSelector: {{}}` and "
            "`policyTypes: [Ingress]`",
            "annotation:network-policy",
        )
    elif obj.kind == "Service" and UNREADY in ann and _applies(ctx, "1.24"):
        value = ann.get(UNREADY)
        if value is not True and not (isinstance(value, str) and value.strip().lower() == "true"):
            return  # only "true" ever changed anything
        spec = obj.root.get("spec")
        if isinstance(spec, LMap) and "publishNotReadyAddresses" in spec:
            return  # the field decides
        if _partial(ctx, obj):
            return
        _report(
            ctx, ann, UNREADY, obj.ident, "1.24", IGNORED,
            "the Service publishes only ready pods, so peers that must find each other before "
            "they are ready (a StatefulSet's cluster bootstrap) do not",
            "set `spec.publishNotReadyAddresses: true` instead",
            "annotation:tolerate-unready",
        )
