"""Who decides a workload's replica count when it is not its own spec.replicas: a
HorizontalPodAutoscaler, a KEDA ScaledObject or a kustomization's `replicas:` entry."""
from __future__ import annotations

from collections import defaultdict

from ...core.located import LMap, get_path
from ...core.model import K8sObject, RepoModel
from .kustomize import kustomizations
from .selectors import ns_compatible


def _scalers(model: RepoModel) -> dict[str, list[tuple[str | None, str | None, bool]]]:
    """name -> [(target kind or None for any, scaler namespace, namespaced?)], built once
    per model."""
    cached = model.extra.get("k8s.scalers")
    if cached is not None:
        return cached
    index: dict[str, list[tuple[str | None, str | None, bool]]] = defaultdict(list)
    for kind, match_kind in (("HorizontalPodAutoscaler", True), ("ScaledObject", False)):
        for scaler in model.by_kind.get(kind, ()):
            ref = get_path(scaler.root, "spec", "scaleTargetRef")
            if isinstance(ref, LMap) and isinstance(ref.get("name"), str):
                index[ref["name"]].append((ref.get("kind") if match_kind else None, scaler.namespace, True))
    for k in kustomizations(model).values():
        entries = k.root.get("replicas")
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                index[entry["name"]].append((None, None, False))
    model.extra["k8s.scalers"] = index
    return index


def replicas_decided_elsewhere(model: RepoModel, obj: K8sObject) -> bool:
    """An autoscaler targeting ``obj`` (same kind for an HPA, compatible namespace), or a
    kustomization `replicas:` entry naming it, decides its replica count."""
    for kind, ns, namespaced in _scalers(model).get(obj.name or "", ()):
        if (kind is None or kind == obj.kind) and (not namespaced or ns_compatible(ns, obj.namespace)):
            return True
    return False
