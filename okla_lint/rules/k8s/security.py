"""Security context and host access, with container-over-pod precedence.

Fields that exist at pod and container level (runAsUser, runAsNonRoot, runAsGroup, ...)
take the container's value when it sets one, the pod's otherwise. ``privileged``,
``allowPrivilegeEscalation``, ``capabilities`` and ``readOnlyRootFilesystem`` exist only
on containers. Validation facts used here (API server ``ValidateSecurityContext``,
kubelet ``verifyRunAsNonRoot``):
- ``allowPrivilegeEscalation: false`` together with ``privileged: true`` or an added
  ``CAP_SYS_ADMIN`` capability (that literal spelling) is rejected by the API server;
- ``runAsNonRoot: true`` with an effective ``runAsUser: 0`` is accepted by the API server
  but the kubelet refuses to start the container (CreateContainerConfigError).
"""
from __future__ import annotations

import posixpath

from ...core.located import LMap, LSeq, get_path
from ...core.model import Container, K8sObject, PodSpec
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.podutil import applied_together, effective, is_int, is_node_agent, is_windows, sc_of
from ...core.fix import UNSAFE, Edit, Fix

def _privilege_granted(model, obj) -> K8sObject | None:
    """A policy applied with ``obj`` that deliberately allows privileged containers: a
    PodSecurityPolicy with ``privileged: true`` or an OpenShift SecurityContextConstraints
    with ``allowPrivilegedContainer: true`` (a demonstration of, or an exception to, the
    cluster's policy)."""
    for kind, field in (("PodSecurityPolicy", ("spec", "privileged")), ("SecurityContextConstraints", ("allowPrivilegedContainer",))):
        for pol in model.by_kind.get(kind, []):
            if get_path(pol.root, *field) is True and applied_together(model, pol, obj):
                return pol
    return None

DANGEROUS_CAPS = ("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "DAC_READ_SEARCH", "BPF")


def _cap(v) -> str:
    s = str(v).upper()
    return s[4:] if s.startswith("CAP_") else s


def _caps(sc: LMap | None, which: str) -> list[tuple[int, str, LSeq]]:
    seq = get_path(sc, "capabilities", which) if sc is not None else None
    if not isinstance(seq, LSeq):
        return []
    return [(i, _cap(v), seq) for i, v in enumerate(seq) if isinstance(v, str)]


@check("privileged-container", on="container")
def privileged_container(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is None or sc.get("privileged") is not True:
        return
    if _privilege_granted(ctx.model, c.obj) is not None:
        return  # the repository's own policy grants it: deliberate (a PSP demonstration)
    if (partial_reason(ctx.model, c.obj) or "").startswith("a skeleton"):
        return  # an operator's skeleton: the operator decides what its pods run with
    ctx.report(
        sc.value_span("privileged"),
        f"{c.ident} runs privileged: it gets every capability and all host devices, so a "
        "compromise of the container is a compromise of the node. Grant only the capabilities "
        "it needs (securityContext.capabilities.add) instead",
        context=f"{c.ident}:privileged",
    )


@check("privilege-escalation-allowed", on="container")
def privilege_escalation(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is None or sc.get("allowPrivilegeEscalation") is not True:
        return
    if sc.get("privileged") is True:
        return  # privileged-container says it louder
    ctx.report(
        sc.value_span("allowPrivilegeEscalation"),
        f"{c.ident} sets allowPrivilegeEscalation: true: processes can gain more privileges "
        "than their parent (setuid binaries, file capabilities), which turns a foothold in "
        "the container into root inside it. Set it to false unless the image needs setuid",
        context=f"{c.ident}:allowPrivilegeEscalation",
        fix=_flip_to_false(ctx, sc, "allowPrivilegeEscalation"),
    )


def _flip_to_false(ctx, holder, key: str):
    """Unsafe (a setuid binary in the image then stops working): `true` -> `false`."""
    src = ctx.file.src if ctx.file is not None else None
    vs = holder.value_span(key)
    if src is None or src.text[vs.start : vs.end] != "true":
        return None
    return Fix(UNSAFE, (Edit(vs.start, vs.end, "false"),), f"Set {key} to false")


@check("security-context-conflict", on="container")
def security_context_conflict(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is not None and sc.get("allowPrivilegeEscalation") is False:
        if sc.get("privileged") is True:
            ctx.report(
                sc.value_span("allowPrivilegeEscalation"),
                f"{c.ident} sets allowPrivilegeEscalation: false together with privileged: "
                "true; the API server rejects this combination ('cannot set "
                "`allowPrivilegeEscalation` to false and `privileged` to true'), so nothing "
                "is deployed. Drop one of them",
                related=[(c.obj.file, sc.value_span("privileged"), "privileged: true")],
                context=f"{c.ident}:ape-privileged",
            )
        seq = get_path(sc, "capabilities", "add")
        for i, raw in enumerate(seq if isinstance(seq, LSeq) else ()):
            # the API server compares the literal string: only "CAP_SYS_ADMIN" is rejected
            if raw == "CAP_SYS_ADMIN":
                ctx.report(
                    sc.value_span("allowPrivilegeEscalation"),
                    f"{c.ident} sets allowPrivilegeEscalation: false but adds the capability "
                    "CAP_SYS_ADMIN; the API server rejects this combination ('cannot set "
                    "`allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'), "
                    "so nothing is deployed. Drop SYS_ADMIN or the escalation setting",
                    related=[(c.obj.file, seq.item_span(i), "CAP_SYS_ADMIN")],
                    context=f"{c.ident}:ape-sysadmin",
                )
    if is_windows(c.pod):
        return
    nonroot, nr_sc, nr_level = effective(c, "runAsNonRoot")
    user, u_sc, u_level = effective(c, "runAsUser")
    if nonroot is True and is_int(user) and user == 0 and u_sc is not None:
        ctx.report(
            u_sc.value_span("runAsUser"),
            f"{c.ident} runs as user 0 ({u_level} securityContext) but runAsNonRoot: true "
            f"({nr_level} securityContext) forbids root: the API server accepts the pod, and "
            "the kubelet then refuses to start the container (CreateContainerConfigError). "
            "Use a non-zero runAsUser, or drop runAsNonRoot",
            related=[(c.obj.file, nr_sc.value_span("runAsNonRoot"), "runAsNonRoot: true")] if nr_sc is not None else [],
            context=f"{c.ident}:nonroot-root",
        )


@check("run-as-root", "run-as-non-root-unset", on="container")
def run_as_root(ctx, c: Container) -> None:
    if is_windows(c.pod):
        return
    user, u_sc, level = effective(c, "runAsUser")
    nonroot, _, _ = effective(c, "runAsNonRoot")
    if is_int(user) and user == 0:
        if nonroot is True:
            return  # security-context-conflict: the container does not start at all
        who = (
            f"{c.ident} explicitly runs as root (runAsUser: 0 in the container securityContext)"
            if level == "container"
            else f"the pod securityContext of {c.obj.ident} sets runAsUser: 0, so {c.ident} and "
            "every other container that does not set its own runAsUser run as root"
        )
        ctx.report(
            "run-as-root",
            u_sc.value_span("runAsUser"),
            f"{who}: "
            "any code execution in the container is root, with root's access to mounted "
            "volumes and a short way to the node through kernel or runtime bugs. Run as a "
            "non-zero user and set runAsNonRoot: true",
            context=f"{c.ident}:runAsUser",
            # a pod-level setting: one finding where it is written, not one per container
            once="pod-runAsUser" if level == "pod" else None,
        )
        return
    if c.list_name == "ephemeralContainers":
        return
    if nonroot is True or (is_int(user) and user > 0):
        return
    sc = sc_of(c.node)
    span = c.node.key_span("securityContext") if sc is not None else (c.node.key_span("name") if "name" in c.node else c.span)
    ctx.report(
        "run-as-non-root-unset",
        span,
        f"{c.ident} does not set runAsNonRoot: true or a non-zero runAsUser (container or pod "
        "securityContext), so it runs as whatever user the image declares - root for most "
        "images. Set runAsNonRoot: true (and runAsUser if the image has no numeric USER)",
        context=f"{c.ident}:runAsNonRoot",
    )


@check("read-only-root-fs-missing", on="container")
def read_only_root_fs(ctx, c: Container) -> None:
    if c.list_name == "ephemeralContainers" or is_windows(c.pod):
        return
    sc = sc_of(c.node)
    if sc is not None and sc.get("readOnlyRootFilesystem") is True:
        return
    if sc is not None and "readOnlyRootFilesystem" in sc:
        span = sc.value_span("readOnlyRootFilesystem")
    elif sc is not None:
        span = c.node.key_span("securityContext")
    else:
        span = c.node.key_span("name") if "name" in c.node else c.span
    ctx.report(
        span,
        f"{c.ident} has a writable root filesystem (securityContext.readOnlyRootFilesystem is "
        "not true): an attacker can drop tools or modify binaries, and data written there is "
        "lost on restart anyway. Set readOnlyRootFilesystem: true and mount an emptyDir where "
        "the application must write",
        context=f"{c.ident}:readOnlyRootFilesystem",
    )


@check("capability-net-raw-not-dropped", "capability-dangerous-added", on="container")
def capabilities(ctx, c: Container) -> None:
    if is_windows(c.pod):
        return
    sc = sc_of(c.node)
    for i, cap, seq in _caps(sc, "add"):
        if cap in DANGEROUS_CAPS:
            extra = " (every capability)" if cap == "ALL" else ""
            ctx.report(
                "capability-dangerous-added",
                seq.item_span(i),
                f"{c.ident} adds the capability {cap}{extra}, which is close to running "
                "privileged: it allows mounting filesystems, loading kernel modules or "
                "inspecting other processes, depending on the capability, and makes escaping to "
                "the node easy. Add only the narrow capability the program needs",
                context=f"{c.ident}:cap:{cap}",
            )
    if c.list_name == "ephemeralContainers" or (sc is not None and sc.get("privileged") is True):
        return
    dropped = {cap for _, cap, _ in _caps(sc, "drop")}
    added = {cap for _, cap, _ in _caps(sc, "add")}
    if ("NET_RAW" in dropped or "ALL" in dropped) and "NET_RAW" not in added:
        return
    if sc is not None and "capabilities" in sc:
        span = sc.key_span("capabilities")
    elif sc is not None:
        span = c.node.key_span("securityContext")
    else:
        span = c.node.key_span("name") if "name" in c.node else c.span
    ctx.report(
        "capability-net-raw-not-dropped",
        span,
        f"{c.ident} keeps the NET_RAW capability (container runtimes grant it by default): "
        "a compromised container can craft raw packets and spoof or intercept traffic of other "
        "pods on the node (ARP/DNS spoofing). Add capabilities.drop: [ALL] (or NET_RAW)",
        context=f"{c.ident}:NET_RAW",
    )


@check("host-namespace", on="pod")
def host_namespace(ctx, pod: PodSpec) -> None:
    if is_node_agent(pod):
        return  # the exemption the rule names: a node agent (DaemonSet) may need the node's namespaces
    for key, what in (
        ("hostNetwork", "the node's network stack: it can bind node ports, reach services listening on localhost of the node and see all node traffic"),
        ("hostPID", "the node's process table: it can see (and with enough privileges, signal or ptrace) every process on the node, including their environment"),
        ("hostIPC", "the node's IPC namespace: it can read shared memory of other processes on the node"),
    ):
        if pod.spec.get(key) is not True:
            continue
        ctx.report(
            pod.spec.value_span(key),
            f"{pod.obj.ident} sets {key}: true, so its containers share {what}. Remove it "
            "unless this is a node agent that needs it",
            context=f"{pod.obj.ident}:{key}",
        )


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
            )
        else:
            ctx.report(
                "host-path-volume",
                hp.value_span("path"),
                f"volume {name!r} of {pod.obj.ident} is a hostPath ({path}): the pod depends on "
                "the files of whichever node it lands on and can read (or write) them. Use a "
                "PersistentVolumeClaim, ConfigMap or emptyDir unless this is a node agent",
                context=f"{pod.obj.ident}:hostPath:{norm}",
            )
