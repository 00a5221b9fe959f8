"""Shared helpers for the cross-file Kubernetes rules (selectors, references, pull
secrets): label selector semantics, namespace compatibility and cached indexes over the
repository model. The rules themselves live in selectors.py, refs.py, pullsecrets.py and
duplicates.py."""
from __future__ import annotations

import re
from typing import Any, Iterable

from ...core.located import LMap, LSeq
from ...core.model import K8sObject, PodSpec, RepoModel
from .kustomize import is_cluster_object, template_labels


def label_value(v: Any) -> str | None:
    """A label value as the API server would see it; None for values that are not
    scalars."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (str, int, float)):
        return str(v)
    if v is None:
        return ""
    return None


def labels_of(node: Any) -> dict[str, str]:
    if not isinstance(node, dict):
        return {}
    out = {}
    for k, v in node.items():
        lv = label_value(v)
        if lv is not None:
            out[str(k)] = lv
    return out


def map_selector_matches(selector: dict[str, str], labels: dict[str, str]) -> bool:
    """A Service / ReplicationController selector: every pair must be present."""
    return all(labels.get(k) == v for k, v in selector.items())


def label_selector_matches(sel: LMap, labels: dict[str, str]) -> bool | None:
    """A metav1.LabelSelector (matchLabels + matchExpressions). None when the selector
    cannot be evaluated (unknown operator, malformed)."""
    ml = sel.get("matchLabels")
    if ml is not None and not isinstance(ml, dict):
        return None
    if not map_selector_matches(labels_of(ml), labels):
        return False
    exprs = sel.get("matchExpressions")
    if exprs is None:
        return True
    if not isinstance(exprs, list):
        return None
    for e in exprs:
        if not isinstance(e, dict) or not isinstance(e.get("key"), str):
            return None
        op, key = e.get("operator"), e["key"]
        values = [label_value(v) for v in e.get("values") or []] if isinstance(e.get("values") or [], list) else None
        if values is None:
            return None
        if op == "In":
            if labels.get(key) not in values:
                return False
        elif op == "NotIn":
            if key in labels and labels[key] in values:
                return False
        elif op == "Exists":
            if key not in labels:
                return False
        elif op == "DoesNotExist":
            if key in labels:
                return False
        else:
            return None
    return True


def selector_is_empty(sel: Any) -> bool:
    if not isinstance(sel, dict):
        return True
    return not sel.get("matchLabels") and not sel.get("matchExpressions")


def ns_compatible(a: str | None, b: str | None) -> bool:
    """Objects without a namespace land in the namespace chosen at apply time."""
    return a is None or b is None or a == b


def pod_specs(model: RepoModel) -> list[PodSpec]:
    """Every pod template of the project, including partial ones from patches (they show
    labels an overlay adds)."""
    cached = model.extra.get("k8s.wiring.pods")
    if cached is None:
        cached = model.extra["k8s.wiring.pods"] = list(model.pod_specs())
    return cached


def pod_labels(model: RepoModel, p: PodSpec) -> dict[str, str]:
    """The labels a pod template carries once built: as written, plus those kustomize adds."""
    extra = template_labels(model, p.obj.file)
    labels = labels_of(p.labels)
    return {**extra, **labels} if extra else labels


def objects(model: RepoModel, *kinds: str) -> list[K8sObject]:
    """Full objects of these kinds (patches and kustomize configuration left out)."""
    return [o for k in kinds for o in model.by_kind.get(k, ()) if is_cluster_object(model, o)]


def all_named(model: RepoModel, kind: str, name: str, ns: str | None) -> list[K8sObject]:
    """Objects of ``kind`` named ``name``, patches included (a patch proves the object
    exists in a base)."""
    return [o for o in model.find(kind, name, ns) if not o.api_version.startswith("kustomize.config")]


def container_port_entries(p: PodSpec) -> Iterable[tuple[LMap, str]]:
    """(port entry, container name) for every port a pod exposes to Services: regular
    containers and restartable init containers (sidecars)."""
    for c in p.containers():
        if c.list_name == "ephemeralContainers":
            continue
        if c.list_name == "initContainers" and c.node.get("restartPolicy") != "Always":
            continue
        ports = c.node.get("ports")
        if isinstance(ports, LSeq):
            for item in ports:
                if isinstance(item, LMap):
                    yield item, c.name


def proto(node: LMap) -> str:
    p = node.get("protocol")
    return p if isinstance(p, str) else "TCP"


_PLACEHOLDER = re.compile(r"\{\{|\$\{|\$\(|\$[A-Z_]|<[^>]*>|%[A-Za-z_]+%|__[A-Z_]+__")


def is_placeholder(value: str) -> bool:
    """A name that a template tool fills in (``{{SA_NAME}}``, ``${NAME}``, ``<name>``)."""
    return bool(_PLACEHOLDER.search(value))


def is_source(model: RepoModel, obj: K8sObject) -> bool:
    """An object whose references the wiring rules judge: a full object (not a patch or
    kustomize configuration) with a name (objects without one are templates that an
    operator or script fills in)."""
    if not is_cluster_object(model, obj):
        return False
    md = obj.metadata
    return isinstance(md.get("name"), str) and not is_placeholder(md["name"]) or isinstance(md.get("generateName"), str)


def self_contained(model: RepoModel) -> bool:
    """Nothing in the repository could create objects we cannot see: no Helm templates
    (skipped) and no custom resources (HelmRelease, Argo CD Application, operator CRs). A
    reference to a kind of which such a repository defines no object at all points at
    nothing."""
    cached = model.extra.get("k8s.wiring.self_contained")
    if cached is not None:
        return cached
    from ...core.files import HELM

    out = not any(u.kind == HELM for u in model.files)
    if out:
        for o in model.objects:
            group = o.api_version.rpartition("/")[0] if "/" in o.api_version else ""
            if "." in group and not group.endswith(".k8s.io"):
                out = False
                break
    model.extra["k8s.wiring.self_contained"] = out
    return out


def same_ns(a: str | None, b: str | None) -> bool:
    """Strict: both unset or both equal (used to decide that a namespace's objects of a
    kind are kept in the repository)."""
    return a == b
