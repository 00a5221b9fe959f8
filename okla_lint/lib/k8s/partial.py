"""Partial objects: manifests that are not applied as they are but completed or merged by a
tool first. Rules that need a whole object (required fields, bare pods, duplicates, values
a tool fills in) stay quiet on them.

A manifest is partial when:
- a kustomization lists its file as a patch, or it carries strategic-merge directives
  (``$patch``, ``$retainKeys``, ...);
- it has no ``metadata.name`` (nor ``generateName``): the API server cannot create it, a
  program completes it (an operator's skeleton);
- it is a strategic-merge fragment: another manifest of the repository defines the same
  kind, name and namespace as a whole object, and this one lacks what a whole object needs
  (a container image, the pod template or the selector of a workload; the group, names,
  scope or versions of a CustomResourceDefinition, as in kubebuilder's
  ``config/crd/patches/webhook_in_<kind>.yaml`` next to ``config/crd/bases/``);
- it is a kubeadm (or kind) patch file: ``TARGET[suffix][+patchtype].(yaml|json)`` for the
  targets kubeadm patches (kube-apiserver, kube-controller-manager, kube-scheduler, etcd,
  kubeletconfiguration, corednsdeployment), which kubeadm merges into its own manifests;
- Go code next to it embeds it (``//go:embed``): an operator's skeleton that the operator
  completes (image, name, owner) before creating the object.
"""
from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from ...core.local import query
from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject, RepoModel
from .kustomize import CONFIG_API_PREFIXES, config_files, is_rendered, kustomize_group, patch_files

KUBEADM_PATCH = re.compile(
    r"^(kube-apiserver|kube-controller-manager|kube-scheduler|etcd|kubeletconfiguration|corednsdeployment)"
    r"[^+./]*(\+(strategic|merge|json))?\.(ya?ml|json)$"
)
SMP_DIRECTIVE = re.compile(r"^\$(patch|retainKeys|setElementOrder/|deleteFromPrimitiveList/)")
_GO_EMBED = re.compile(r"^\s*//go:embed\s+(.+)$", re.M)
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob", "Pod")


def _kubeadm_patch(obj: K8sObject) -> bool:
    """The file is named like a kubeadm patch and holds what kubeadm patches with it: the
    static Pod of that control-plane component, the CoreDNS Deployment or the
    KubeletConfiguration."""
    m = KUBEADM_PATCH.match(posixpath.basename(obj.file.rel))
    if m is None:
        return False
    target = m.group(1)
    if target == "kubeletconfiguration":
        return obj.kind == "KubeletConfiguration"
    if target == "corednsdeployment":
        return obj.kind == "Deployment" and obj.name == "coredns"
    return obj.kind == "Pod" and obj.name == target


def has_smp_directive(node: Any, depth: int = 0) -> bool:
    if depth > 40:
        return False
    if isinstance(node, dict):
        for k, v in node.items():
            if isinstance(k, str) and SMP_DIRECTIVE.match(k):
                return True
            if isinstance(v, (dict, list)) and has_smp_directive(v, depth + 1):
                return True
    elif isinstance(node, list):
        return any(isinstance(x, (dict, list)) and has_smp_directive(x, depth + 1) for x in node)
    return False


def _pod_spec(obj: K8sObject) -> Any:
    if obj.kind == "Pod":
        return obj.root.get("spec")
    if obj.kind == "CronJob":
        return get_path(obj.root, "spec", "jobTemplate", "spec", "template", "spec")
    return get_path(obj.root, "spec", "template", "spec")


# what the API server requires of a whole apiextensions.k8s.io/v1 CustomResourceDefinition
CRD_REQUIRED = ("group", "names", "scope", "versions")


def lacks_whole_fields(obj: K8sObject) -> bool:
    """A workload without what the API server requires of a whole one: a pod template with
    containers that all name an image, and (apps/v1) a selector; a CustomResourceDefinition
    without one of spec.group, names, scope, versions."""
    if obj.kind == "CustomResourceDefinition":
        spec = obj.root.get("spec")
        return not isinstance(spec, LMap) or any(k not in spec for k in CRD_REQUIRED)
    if obj.kind not in WORKLOADS:
        return False
    spec = _pod_spec(obj)
    if not isinstance(spec, LMap):
        return True
    containers = spec.get("containers")
    if not isinstance(containers, LSeq) or not containers:
        return True
    if any(isinstance(c, LMap) and "image" not in c for c in containers):
        return True
    return obj.kind in ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet") and get_path(obj.root, "spec", "selector") is None


def _embedded_by_go(obj: K8sObject, model: RepoModel) -> bool:
    """A ``//go:embed`` pattern in a Go file of the manifest's folder or one of its two
    parents matches the manifest (once per file: it depends on the file alone)."""
    memo = obj.file.memo
    if "k8s.partial.go_embedded" not in memo:
        memo["k8s.partial.go_embedded"] = _file_embedded_by_go(obj.file.path, model)
    return memo["k8s.partial.go_embedded"]


def _go_files(folder: Path) -> list[Path]:
    """``sorted(folder.glob("*.go"))[:200]``, without pathlib's glob machinery."""
    names = []
    with os.scandir(folder) as it:
        for entry in it:
            if os.path.normcase(entry.name).endswith(".go"):
                names.append(entry.name)
    return [folder / n for n in sorted(names)[:200]]


def _resolved(path: Any, model: RepoModel) -> Path:
    """``Path(path).resolve()``, resolving each folder once per run (a folder of a monorepo
    holds many manifests; only a file that is itself a link is resolved whole)."""
    if os.path.islink(path):
        return Path(path).resolve()
    folders = model.extra.setdefault("k8s.partial.resolved_folders", {})
    head, name = os.path.split(os.fspath(path))
    folder = folders.get(head)
    if folder is None:
        folder = folders[head] = Path(head).resolve()
    return folder / name


def _file_embedded_by_go(path: Any, model: RepoModel) -> bool:
    cache = model.extra.setdefault("k8s.partial.go_embeds", {})
    try:
        target = _resolved(path, model)
    except OSError:
        return False
    here = target.parent
    whole = str(target)
    for folder in (here, here.parent, here.parent.parent):
        key = str(folder)
        if key not in cache:
            pats: list[str] = []
            try:
                for go in _go_files(folder):
                    try:
                        text = go.read_text(encoding="utf-8", errors="replace")
                    except OSError:
                        continue
                    for m in _GO_EMBED.finditer(text):
                        pats.extend(p.strip('"`') for p in m.group(1).split())
            except OSError:
                pass
            cache[key] = pats
        if not cache[key]:
            continue
        prefix = key if key.endswith(os.sep) else key + os.sep
        if not whole.startswith(prefix):
            continue
        rel = whole[len(prefix):].replace(os.sep, "/")
        for p in cache[key]:
            p = posixpath.normpath(p)
            if fnmatch.fnmatch(rel, p) or rel.startswith(p.rstrip("/") + "/"):
                return True
    return False


@query("k8s.partial_reason")
def partial_reason(model: RepoModel, obj: K8sObject) -> str | None:
    """Why ``obj`` is a partial object (see the module docstring), or None for a whole one."""
    if "k8s.partial" in obj.memo:
        return obj.memo["k8s.partial"]
    why: str | None = None
    md = obj.metadata
    if obj.file.rel in patch_files(model):
        why = "a kustomize patch"
    elif has_smp_directive(obj.root):
        why = "a strategic-merge patch"
    elif not (isinstance(md.get("name"), str) or isinstance(md.get("generateName"), str)):
        why = "a skeleton without a name"
    elif _kubeadm_patch(obj):
        why = "a kubeadm patch file"
    elif lacks_whole_fields(obj) and any(
        o is not obj and not lacks_whole_fields(o) and (not is_rendered(o) or _whole_in_source(model, obj, o))
        for o in model.find(obj.kind, md["name"], obj.namespace)
    ):
        why = "a strategic-merge fragment of a whole object defined elsewhere"
    elif _embedded_by_go(obj, model):
        why = "a skeleton embedded by Go code"
    obj.memo["k8s.partial"] = why
    return why


def _whole_in_source(model: RepoModel, obj: K8sObject, rendered: K8sObject) -> bool:
    """A rendered whole object (its source file is replaced by the render) proves a whole
    source only for a CustomResourceDefinition, whose required fields no kustomize
    transformer writes (``commonLabels`` does write a workload's selector), and only for a
    file that no kustomize build applies (the fragment cannot be part of that build)."""
    return rendered.kind == "CustomResourceDefinition" and not kustomize_group(model, obj.file)


def is_cluster_object(model: RepoModel, obj: K8sObject) -> bool:
    """A full object that would be applied: not a patch or another partial object
    (partial.py), not kustomize's own config."""
    if obj.file.rel in patch_files(model) or obj.file.rel in config_files(model):
        return False
    if obj.api_version.startswith(CONFIG_API_PREFIXES):
        return False
    return partial_reason(model, obj) is None
