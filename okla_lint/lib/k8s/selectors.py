"""Shared helpers for the cross-file Kubernetes rules (selectors, references, pull
secrets): label selector semantics, namespace compatibility and cached indexes over the
repository model. The rules that use them live in okla_lint/rules/k8s/."""
from __future__ import annotations

import bisect
import posixpath
from typing import Any, Iterable

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.model import K8sObject, PodSpec, RepoModel, ns_compatible  # ns_compatible: re-exported
from ..common.placeholders import is_placeholder
from .kustomize import NEARBY, kustomize_group, template_labels, tier
from .partial import is_cluster_object
from ...core.files import HELM


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


def selects(selector: Any, labels: Any) -> bool:
    """A Service's equality selector (a plain map) matches these labels. An empty or
    missing selector selects nothing (the Service has manual Endpoints)."""
    if not isinstance(selector, LMap) or not selector or not all(isinstance(k, str) for k in selector):
        return False
    return map_selector_matches(selector, labels)


def label_selector_matches(sel: LMap, labels: dict[str, str]) -> bool | None:
    """A metav1.LabelSelector (matchLabels + matchExpressions). None when the selector
    cannot be evaluated: an unknown operator or a malformed one, including every expression
    the API server rejects (``values`` that is not a list: "cannot unmarshal ... into
    []string"; ``In``/``NotIn`` without values: "must be specified when `operator` is 'In'
    or 'NotIn'"; ``Exists``/``DoesNotExist`` with values: "may not be specified when
    `operator` is 'Exists' or 'DoesNotExist'"). No such object is ever created, so the
    rules that ask what it selects say nothing of it."""
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
        if (not values) != (op in ("Exists", "DoesNotExist")):
            return None  # rejected by the API server's validation (see above)
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


def pod_specs(model: RepoModel) -> list[PodSpec]:
    """Every pod template of the project, including partial ones from patches (they show
    labels an overlay adds)."""
    return model.pod_specs()


def pod_labels(model: RepoModel, p: PodSpec) -> dict[str, str]:
    """The labels a pod template carries once built: as written, plus those kustomize adds."""
    extra = template_labels(model, p.obj.file)
    labels = labels_of(p.labels)
    return {**extra, **labels} if extra else labels


def objects(model: RepoModel, *kinds: str) -> list[K8sObject]:
    """Full objects of these kinds (patches and kustomize configuration left out); computed
    once per model and kinds (do not change the list)."""
    return model.index(
        ("k8s.selectors.objects", kinds),
        lambda: [o for k in kinds for o in model.by_kind.get(k, ()) if is_cluster_object(model, o)],
    )


def nearby_objects(model: RepoModel, unit: FileUnit, kind: str, ns: str | None) -> list[K8sObject]:
    """``[o for o in objects(model, kind) if o.namespace == ns and tier(model, unit, o.file)
    <= NEARBY]``, from an index (see ``_nearby``)."""
    return _nearby(model, ("objects", kind), lambda: objects(model, kind), lambda o: o, unit, ns)


def nearby_pods(model: RepoModel, unit: FileUnit, ns: str | None) -> list[PodSpec]:
    """``[p for p in pod_specs(model) if is_cluster_object(model, p.obj) and p.obj.namespace
    == ns and tier(model, unit, p.obj.file) <= NEARBY]``, from an index (see ``_nearby``)."""
    return _nearby(
        model, ("pods",), lambda: [p for p in pod_specs(model) if is_cluster_object(model, p.obj)],
        lambda p: p.obj, unit, ns,
    )


def _nearby(model: RepoModel, key: tuple, items, obj_of, unit: FileUnit, ns: str | None) -> list:
    """The items (in their order) whose object is in namespace ``ns`` (strictly) and applied
    near ``unit`` (``tier <= NEARBY``). The items of each namespace are indexed by folder
    once per model; a question looks at the unit's folder, the folders above it, the range
    of folders below it (sorted names) and its kustomize group, not at every item."""

    def build() -> dict:
        by_ns: dict[str | None, list[tuple[str, int, Any]]] = {}
        for i, it in enumerate(items()):
            o = obj_of(it)
            by_ns.setdefault(o.namespace, []).append((posixpath.dirname(o.file.rel), i, it))
        out = {}
        for n, rows in by_ns.items():
            rows.sort(key=lambda r: (r[0], r[1]))
            by_rel: dict[str, list] = {}
            for r in rows:
                by_rel.setdefault(obj_of(r[2]).file.rel, []).append(r)
            out[n] = ([r[0] for r in rows], rows, by_rel)
        return out

    index = model.index(("k8s.selectors.nearby",) + key, build)
    if ns not in index:
        return []
    dirs, rows, by_rel = index[ns]
    d = posixpath.dirname(unit.rel)
    if not d:
        cands = rows  # a file at the top is near everything
    else:
        picked: dict[int, tuple[str, int, Any]] = {}

        def take(lo: int, hi: int) -> None:
            for r in rows[lo:hi]:
                picked[r[1]] = r

        parts = d.split("/")
        for p in [""] + ["/".join(parts[:k]) for k in range(1, len(parts) + 1)]:
            take(bisect.bisect_left(dirs, p), bisect.bisect_right(dirs, p))  # it and above
        take(bisect.bisect_left(dirs, d + "/"), bisect.bisect_left(dirs, d + "0"))  # below ('0' follows '/')
        for rel in kustomize_group(model, unit):  # applied with it by a kustomization
            for r in by_rel.get(rel, ()):
                picked[r[1]] = r
        cands = list(picked.values())
    out = [r for r in cands if tier(model, unit, obj_of(r[2]).file) <= NEARBY]
    out.sort(key=lambda r: r[1])
    return [r[2] for r in out]


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
    cached = model.extra.get("k8s.selectors.self_contained")
    if cached is not None:
        return cached

    out = not any(u.kind == HELM for u in model.files)
    if out:
        for o in model.objects:
            group = o.api_version.rpartition("/")[0] if "/" in o.api_version else ""
            if "." in group and not group.endswith(".k8s.io"):
                out = False
                break
    model.extra["k8s.selectors.self_contained"] = out
    return out


def same_ns(a: str | None, b: str | None) -> bool:
    """Strict: both unset or both equal (used to decide that a namespace's objects of a
    kind are kept in the repository)."""
    return a == b


# -- pods that operators create from custom resources --------------------------------------
# keys under a custom resource's spec that describe the pods its operator creates:
# Prometheus/Alertmanager/ThanosRuler `podMetadata`, `podTemplate`, `template` (Argo
# Rollouts, OpenShift DeploymentConfig, many operators), `podLabels`; Argo Rollouts' ephemeral
# metadata, whose labels the controller merges into the pods of the canary, stable, active or
# preview ReplicaSet (`strategy.canary.canaryMetadata.labels`...)
_POD_TEMPLATE_KEYS = (
    "podMetadata", "podTemplate", "podTemplateSpec", "template", "podLabels", "podTemplateLabels",
    "canaryMetadata", "stableMetadata", "activeMetadata", "previewMetadata",
)
# a list of pod descriptions each with its own `metadata.labels`: the templates of an Argo
# Rollouts experiment step (`strategy.canary.steps[].experiment.templates[]`), whose pods get
# these labels instead of the Rollout's
_POD_TEMPLATE_LISTS = ("templates",)


def is_custom_resource(obj: K8sObject) -> bool:
    """A kind from an API group outside Kubernetes itself (a CRD's group has a dot and does
    not end in .k8s.io)."""
    group = obj.api_version.rpartition("/")[0] if "/" in obj.api_version else ""
    return "." in group and not group.endswith(".k8s.io")


def _template_labels_in(node: Any, depth: int = 0) -> Iterable[dict[str, str]]:
    if not isinstance(node, LMap) or depth > 4:
        return
    for k, v in node.items():
        if k in _POD_TEMPLATE_KEYS and isinstance(v, LMap):
            md = v.get("metadata")
            for labels in (v.get("labels"), md.get("labels") if isinstance(md, LMap) else None, v if k.endswith("Labels") else None):
                found = labels_of(labels) if isinstance(labels, LMap) else {}
                if found:
                    yield found
        if k in _POD_TEMPLATE_LISTS and isinstance(v, LSeq):
            for item in v:
                md = item.get("metadata") if isinstance(item, LMap) else None
                found = labels_of(md.get("labels")) if isinstance(md, LMap) and isinstance(md.get("labels"), LMap) else {}
                if found:
                    yield found
        if isinstance(v, LMap):
            yield from _template_labels_in(v, depth + 1)
        elif isinstance(v, LSeq):
            for item in v:
                yield from _template_labels_in(item, depth + 1)


def operator_pod_labels(model: RepoModel) -> list[tuple[K8sObject, dict[str, str]]]:
    """(custom resource, labels) for every pod description in a custom resource: the pods
    its operator creates carry these labels, and more that the operator adds itself."""
    def build():
        out = []
        for obj in model.objects:
            if is_custom_resource(obj):
                out.extend((obj, labels) for labels in _template_labels_in(obj.root.get("spec")))
        return out

    return model.index("k8s.selectors.operator_pod_labels", build)


def operator_may_create(model: RepoModel, pairs: dict[str, str], ns: str | None) -> K8sObject | None:
    """A custom resource whose operator may create pods with these selector labels: its pod
    labels share at least one pair with the selector and contradict none (the operator adds
    labels the resource does not show, so a missing key is no proof)."""
    if not pairs:
        return None
    for obj, labels in operator_pod_labels(model):
        if not ns_compatible(ns, obj.namespace):
            continue
        if any(k in labels and labels[k] != v for k, v in pairs.items()):
            continue
        if any(labels.get(k) == v for k, v in pairs.items()):
            return obj
    return None
