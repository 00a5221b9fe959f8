"""What the workload advice rules ask of an object before they advise: a whole object (not a
patch or an operator skeleton, which are completed elsewhere), a long-running workload, and
where a container's finding points."""
from __future__ import annotations

from ...core.located import LMap, Span
from ...core.model import Container, K8sObject, PodSpec
from .partial import partial_reason


LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController")


def is_whole(ctx, obj: K8sObject) -> bool:
    return partial_reason(ctx.model, obj) is None


def is_long_running(ctx, pod: PodSpec) -> bool:
    return pod.obj.kind in LONG_RUNNING and is_whole(ctx, pod.obj)


def container_name_span(c: Container):
    return c.node.key_span("name") if "name" in c.node else c.span


def security_context_span(c: Container, sc: LMap | None, key: str, value: bool = False) -> Span:
    """Where a finding about ``securityContext.<key>`` of container ``c`` (whose
    securityContext is ``sc``) points: that key (its value with ``value``) when it is
    written, else the ``securityContext`` key, else the container's name."""
    if sc is not None and key in sc:
        return sc.value_span(key) if value else sc.key_span(key)
    if sc is not None:
        return c.node.key_span("securityContext")
    return container_name_span(c)
