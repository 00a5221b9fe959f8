"""Helpers shared by the per-container and per-pod rules: ports, probes, Services that
select a pod, security-context precedence and Kubernetes resource quantities.

No checks live here (the registry imports the module, which registers nothing)."""
from __future__ import annotations

import re
from pathlib import Path
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator

from ...core.local import query
from ...core.located import LMap, LSeq, get_path
from ...core.model import Container, K8sObject, PodSpec, RepoModel, ns_compatible
from .kustomize import NEARBY, tier
from .partial import partial_reason
from .label_index import SelectorIndex
from .selectors import labels_of, selects

PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")


def is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


# -- ports ------------------------------------------------------------------------------
def container_ports(node: LMap) -> tuple[dict[str, int], set[int]]:
    """({port name: containerPort}, {containerPort numbers}) declared by a container."""
    names: dict[str, int] = {}
    numbers: set[int] = set()
    ports = node.get("ports")
    if isinstance(ports, LSeq):
        for p in ports:
            if not isinstance(p, LMap):
                continue
            num = p.get("containerPort")
            if is_int(num):
                numbers.add(num)
                if isinstance(p.get("name"), str):
                    names[p["name"]] = num
    return names, numbers


def probe_handlers(probe: LMap) -> list[str]:
    return [h for h in HANDLERS if h in probe and probe.get(h) is not None]


def probe_port(probe: LMap) -> tuple[LMap, Any] | None:
    """(the handler mapping holding ``port``, the port value) of an httpGet / tcpSocket /
    grpc probe, or None."""
    for h in ("httpGet", "tcpSocket", "grpc"):
        action = probe.get(h)
        if isinstance(action, LMap) and "port" in action:
            return action, action.get("port")
    return None


def resolve_port(node: LMap, port: Any) -> int | None:
    """A probe port as a number: a named port through the container's ports (as the
    kubelet's findPortByName does), a number as itself; None when unknown."""
    if is_int(port):
        return port
    if isinstance(port, str):
        names, _ = container_ports(node)
        if port in names:
            return names[port]
    return None


# -- Services selecting pods ------------------------------------------------------------
def services_selecting(model: RepoModel, pod: PodSpec, gate_on_readiness: bool = False) -> list[K8sObject]:
    """The Services of the repository whose selector matches the pod's labels, in the
    pod's namespace (a missing namespace on either side matches)."""
    labels = pod.labels
    if not labels:
        return []
    ns = pod.obj.namespace
    out = []
    for svc in _services_with_a_pair_of(model, labels):
        if svc.api_version != "v1":
            continue
        if not ns_compatible(ns, svc.namespace):
            continue
        spec = svc.root.get("spec")
        if not isinstance(spec, LMap) or spec.get("type") == "ExternalName":
            continue
        if gate_on_readiness and spec.get("publishNotReadyAddresses") is True:
            continue  # endpoints include unready pods: readiness does not gate traffic
        if selects(spec.get("selector"), labels) and applied_together(model, pod.obj, svc):
            out.append(svc)
    out.sort(key=lambda s: closeness(model, pod.obj, s))
    return out


def _services_with_a_pair_of(model: RepoModel, labels: LMap) -> list[K8sObject]:
    """The Services (in model order) whose selector may select a pod with these labels
    (a superset for ``selects`` to decide): lib/k8s/label_index's ``SelectorIndex`` of the
    Services with a selector (an empty one selects nothing), a Service's equality selector
    being the ``matchLabels`` of a label selector; built once per model."""

    def build() -> SelectorIndex[K8sObject]:
        rows = []
        for svc in model.by_kind.get("Service", ()):
            spec = svc.root.get("spec")
            sel = spec.get("selector") if isinstance(spec, LMap) else None
            if isinstance(sel, LMap) and sel:
                rows.append((svc, {"matchLabels": sel}))
        return SelectorIndex(rows)

    return model.index("k8s.podutil.services_by_selector", build).for_labels(labels_of(labels))


def closeness(model: RepoModel, a: K8sObject, b: K8sObject) -> int:
    return tier(model, a.file, b.file)


def applied_together(model: RepoModel, a: K8sObject, b: K8sObject) -> bool:
    """Whether two objects plausibly end up in the same cluster: same file, same directory,
    same kustomize build, or one directory inside the other (not two unrelated apps of a
    monorepo or an example collection)."""
    return tier(model, a.file, b.file) <= NEARBY


def service_target_ports(svc: K8sObject) -> list[Any]:
    """targetPort of each port of a Service (defaults to ``port``)."""
    out = []
    ports = get_path(svc.root, "spec", "ports")
    if isinstance(ports, LSeq):
        for p in ports:
            if isinstance(p, LMap):
                t = p.get("targetPort", p.get("port"))
                if t is not None:
                    out.append(t)
    return out


# -- security context -------------------------------------------------------------------
def sc_of(node: Any) -> LMap | None:
    sc = node.get("securityContext") if isinstance(node, LMap) else None
    return sc if isinstance(sc, LMap) else None


def env_key_refs(c: Container) -> Iterator[tuple[str, LMap, Any]]:
    """(kind, reference, env entry) of each required ``env[].valueFrom.secretKeyRef`` /
    ``configMapKeyRef`` of container ``c`` that names its object (kind ``Secret`` or
    ``ConfigMap``)."""
    env = c.node.get("env")
    if not isinstance(env, LSeq):
        return
    for e in env:
        vf = e.get("valueFrom") if isinstance(e, LMap) else None
        if not isinstance(vf, LMap):
            continue
        for rkey, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
            ref = vf.get(rkey)
            if isinstance(ref, LMap) and ref.get("optional") is not True and isinstance(ref.get("name"), str):
                yield kind, ref, e


def effective(c: Container, field: str) -> tuple[Any, LMap | None, str]:
    """The effective value of a security-context field that exists at pod and container
    level (runAsUser, runAsNonRoot, runAsGroup, seccompProfile, ...): the container's value
    wins over the pod's. Returns (value, the securityContext mapping that set it, 'container'
    | 'pod' | '')."""
    csc = sc_of(c.node)
    if csc is not None and field in csc and csc.get(field) is not None:
        return csc[field], csc, "container"
    psc = sc_of(c.pod.spec)
    if psc is not None and field in psc and psc.get(field) is not None:
        return psc[field], psc, "pod"
    return None, None, ""


# kinds whose pods are node agents: one pod per node (CNI plugins, monitoring and log agents,
# CSI drivers, kube-proxy), the case host-access rules name as their exemption
NODE_AGENT_KINDS = ("DaemonSet",)


def is_node_agent(pod: PodSpec) -> bool:
    return pod.obj.kind in NODE_AGENT_KINDS


def is_windows(pod: PodSpec) -> bool:
    if get_path(pod.spec, "os", "name") == "windows":
        return True
    psc = sc_of(pod.spec)
    return bool(psc and get_path(psc, "windowsOptions", "hostProcess") is True)


# -- quantities -------------------------------------------------------------------------
_QUANTITY = re.compile(
    r"^(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))"
    r"(?P<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+|[numkMGTPE]?)$"
)
_BINARY = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "Pi": 2**50, "Ei": 2**60}
_DECIMAL = {
    "n": Decimal("1e-9"),
    "u": Decimal("1e-6"),
    "m": Decimal("1e-3"),
    "": Decimal(1),
    "k": Decimal("1e3"),
    "M": Decimal("1e6"),
    "G": Decimal("1e9"),
    "T": Decimal("1e12"),
    "P": Decimal("1e15"),
    "E": Decimal("1e18"),
}


def parse_quantity(v: Any) -> tuple[Decimal, str] | None:
    """(value, suffix) of a Kubernetes resource.Quantity written as a string or a number
    (the API accepts both), following k8s.io/apimachinery's grammar:
    signedNumber (binarySI | decimalExponent | decimalSI). None when invalid."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        try:
            return Decimal(str(v)), ""
        except InvalidOperation:
            return None
    if not isinstance(v, str):
        return None
    m = _QUANTITY.match(v)
    if not m:
        return None
    try:
        num = Decimal(m.group("num"))
    except InvalidOperation:
        return None
    suffix = m.group("suffix")
    if suffix in _BINARY:
        return num * _BINARY[suffix], suffix
    if suffix[:1] in ("e", "E") and len(suffix) > 1:
        try:
            return num * (Decimal(10) ** int(suffix[1:])), suffix
        except (InvalidOperation, OverflowError):
            return None
    return num * _DECIMAL[suffix], suffix


def iter_resource_values(c: Container) -> Iterator[tuple[str, str, LMap, Any]]:
    """(section 'requests'|'limits', resource name, the section mapping, value)."""
    res = c.node.get("resources")
    if not isinstance(res, LMap):
        return
    for section in ("requests", "limits"):
        m = res.get(section)
        if isinstance(m, LMap):
            for name, v in m.items():
                if isinstance(name, str):
                    yield section, name, m, v


# -- kustomize awareness --
def is_patch_obj(model: RepoModel, obj: K8sObject) -> bool:
    """A partial object (lib/k8s/partial.py): a kustomize patch, a strategic-merge fragment,
    a kubeadm patch file, an operator's skeleton."""
    return partial_reason(model, obj) is not None


@query("k8s.kustomize_image_names")
def kustomize_image_names(model: RepoModel) -> set[str]:
    """Image names whose tag a kustomization's ``images:`` (newTag / digest / newName) sets
    at build time."""
    cached = model.extra.get("k8s.container.kustomize_images")
    if cached is not None:
        return cached
    names: set[str] = set()
    for _unit, root in model.kustomization_files():
        images = root.get("images")
        if isinstance(images, list):
            for it in images:
                if isinstance(it, LMap) and isinstance(it.get("name"), str):
                    if any(k in it for k in ("newTag", "digest", "newName")):
                        names.add(it["name"])
    model.extra["k8s.container.kustomize_images"] = names
    return names


def built_at_deploy(model: RepoModel) -> set[str]:
    """Image names a development/deploy tool builds and substitutes in whatever manifests it
    deploys (rendered or not): skaffold.yaml ``build.artifacts[].image`` and a Tiltfile's
    ``docker_build('name', ...)`` at the project root."""
    cached = model.extra.get("k8s.container.built_images")
    if cached is not None:
        return cached
    names: set[str] = set()
    for unit in model.files:
        for doc in unit.docs:
            root = doc.root
            if not (isinstance(root, LMap) and str(root.get("apiVersion", "")).startswith("skaffold/")):
                continue
            arts = get_path(root, "build", "artifacts")
            if isinstance(arts, list):
                for a in arts:
                    if isinstance(a, LMap) and isinstance(a.get("image"), str):
                        names.add(a["image"])
    if not names and any(
        isinstance(step.node.get("run"), str) and _SKAFFOLD_RUN.search(step.node["run"]) for step in model.steps()
    ):
        # a workflow runs skaffold but its configuration is not among the files read: its
        # artifact names are unknown, and bare names (`adservice`) are what it rewrites
        names.add(UNQUALIFIED)
    root = model.extra.get("root")
    if root is not None:
        try:
            tilt = (Path(root) / "Tiltfile").read_text(encoding="utf-8", errors="replace")
        except OSError:
            tilt = ""
        for ref in _TILT_BUILD.findall(tilt):
            names.add(ref)
            last = ref.rsplit("/", 1)[-1]
            if ":" in last:  # Tilt matches 'repo:tag' by repository
                names.add(ref[: len(ref) - len(last)] + last.split(":", 1)[0])
    model.extra["k8s.container.built_images"] = names
    return names


UNQUALIFIED = "<any image without registry or namespace>"
_SKAFFOLD_RUN = re.compile(r"\bskaffold\s+(run|build|deploy|dev|render)\b")


@query("k8s.built_at_deploy_matches")
def built_at_deploy_matches(model: RepoModel, repo: str) -> bool:
    names = built_at_deploy(model)
    return repo in names or (UNQUALIFIED in names and "/" not in repo)


_TILT_BUILD = re.compile(r"\b(?:docker_build|docker_build_with_restart|custom_build)\(\s*['\"]([^'\"]+)['\"]")
_SET_IMAGE = re.compile(r"\bset\s+image\b[^\n]*?\b(?:deployments?|deploy|statefulsets?|sts|daemonsets?|ds)(?:\.apps)?[/\s]+([A-Za-z0-9.${}_-]+)")


@query("k8s.image_set_by_tool")
def image_set_by_tool(model: RepoModel, obj: K8sObject) -> str | None:
    """How a deploy tool sets this workload's images, when the repository shows it: a
    paused Deployment (`spec.paused: true`: nothing rolls out until a script sets the images
    and resumes it), or a workflow step running `kubectl set image` on it."""
    if obj.kind == "Deployment" and get_path(obj.root, "spec", "paused") is True:
        return "the Deployment is paused (spec.paused: true) until a deploy script sets its images"
    targets = model.extra.get("k8s.set_image_targets")
    if targets is None:
        targets = set()
        for step in model.steps():
            run = step.node.get("run")
            if isinstance(run, str) and "set image" in run:
                targets.update(_SET_IMAGE.findall(run))
        model.extra["k8s.set_image_targets"] = targets
    name = obj.name
    if name and any(t == name or ("$" in t and re.fullmatch(re.sub(r"\\\$\\\{[^}]*\\\}|\\\$\w+", ".+", re.escape(t)), name)) for t in targets):
        return "a workflow sets its images with `kubectl set image`"
    return None
