"""A family of rules decided by one check: `host-path-sensitive` (a pod mounts the container
runtime socket or a sensitive node directory through hostPath); `host-path-volume` (a pod
uses a hostPath volume).

One walk over the pod's hostPath volumes: a sensitive path is reported by the first rule,
any other by the second.
"""
from __future__ import annotations

import posixpath

from ...core.located import LMap, LSeq
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_node_agent


SENSITIVE_DIRS = {
    "/", "/etc", "/proc", "/sys", "/boot", "/root", "/dev", "/usr", "/lib", "/bin", "/sbin",
    "/var/run", "/run", "/var/lib/docker", "/var/lib/containerd", "/etc/kubernetes",
    "/var/lib/kubelet/pki", "/var/lib/etcd", "/home",
}


SOCKETS = ("docker.sock", "containerd.sock", "crio.sock", "dockershim.sock", "podman.sock", "cri-dockerd.sock")


def _host_paths(pod: PodSpec):
    vols = pod.spec.get("volumes")
    if not isinstance(vols, LSeq):
        return
    for vol in vols:
        if not isinstance(vol, LMap):
            continue
        hp = vol.get("hostPath")
        if isinstance(hp, LMap) and isinstance(hp.get("path"), str):
            yield vol, hp, hp["path"]


@check("host-path-sensitive", "host-path-volume", on="pod")
def host_paths(ctx, pod: PodSpec) -> None:
    if is_node_agent(pod):
        return  # node agents (monitoring, logs, CSI, CNI) read the node's files by design
    for vol, hp, path in _host_paths(pod):
        norm = posixpath.normpath(path.strip()) if path.strip() else path
        if norm.startswith("//"):
            norm = "/" + norm.lstrip("/")
        name = vol.get("name")
        base = posixpath.basename(norm)
        if base in SOCKETS:
            ctx.report(
                "host-path-sensitive",
                hp.value_span("path"),
                f"volume {name!r} of {pod.obj.ident} mounts the container runtime socket "
                f"{path}: whoever can talk to it can start privileged containers on the node, "
                "so this is full control of the node. Do not mount it: build images with a "
                "rootless builder (kaniko, buildah) or a remote build service, and run an agent "
                "that must watch the node's containers as a DaemonSet",
                context=f"{pod.obj.ident}:hostPath:{norm}",
                once=f"hostPath:{norm}",
            )
        elif norm in SENSITIVE_DIRS:
            ctx.report(
                "host-path-sensitive",
                hp.value_span("path"),
                f"volume {name!r} of {pod.obj.ident} mounts the node's {norm} directory: it "
                "exposes host credentials, configuration or devices (and, when writable, lets "
                "the container change the node). Mount only the specific file or "
                "subdirectory needed, read-only",
                context=f"{pod.obj.ident}:hostPath:{norm}",
                once=f"hostPath:{norm}",
            )
        else:
            ctx.report(
                "host-path-volume",
                hp.value_span("path"),
                f"volume {name!r} of {pod.obj.ident} is a hostPath ({path}): the pod depends on "
                "the files of whichever node it lands on and can read (or write) them. Use a "
                "PersistentVolumeClaim, ConfigMap or emptyDir unless this is a node agent",
                context=f"{pod.obj.ident}:hostPath:{norm}",
                once=f"hostPath:{norm}",
            )
