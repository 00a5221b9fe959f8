"""What the workload advice rules ask of an object before they advise: a whole object (not a
patch or an operator skeleton, which are completed elsewhere), a long-running workload, and
where a container's finding points."""
from __future__ import annotations

from ...core.model import Container, K8sObject, PodSpec
from .partial import partial_reason


LONG_RUNNING = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController")


def is_whole(ctx, obj: K8sObject) -> bool:
    return partial_reason(ctx.model, obj) is None


def is_long_running(ctx, pod: PodSpec) -> bool:
    return pod.obj.kind in LONG_RUNNING and is_whole(ctx, pod.obj)


def container_name_span(c: Container):
    return c.node.key_span("name") if "name" in c.node else c.span
