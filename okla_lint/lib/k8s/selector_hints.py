"""Why a label selector selects nothing, said the way the selector rules say it: the first
label that differs, pods with similar labels, the same key nearby with another value, and
the span of a selector's labels."""
from __future__ import annotations

from ...core.located import LMap, Span
from ...core.model import K8sObject, PodSpec, RepoModel
from ...core.suggest import similar
from .kustomize import SAME_GROUP, sees_remote, tier
from .selectors import (
    label_selector_matches,
    labels_of,
    nearby_pods,
    ns_compatible,
    operator_may_create,
    pod_labels,
)
from .label_index import pods_for_selector


def format_selector(sel: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sel.items())


def first_mismatch(selector: LMap, sel: dict[str, str], labels: dict[str, str]) -> tuple[Span, str]:
    """Span of the first selector pair that ``labels`` do not satisfy, and a description."""
    for k, v in sel.items():
        if k not in labels:
            return selector.key_span(k), f"{k}={v} (the template has no label {k!r})"
        if labels[k] != v:
            return selector.value_span(k), f"{k}={v} (the template has {k}={labels[k]})"
    return selector.span, format_selector(sel)


def names_similar(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return a in b or b in a or similar(a, b)


def match_evidence(model: RepoModel, p: PodSpec, sel: dict[str, str], owner_name: str | None) -> int:
    """How clearly a pod template is the one a selector was meant for: 0 = no sign (the
    pods may come from outside the repository), higher is closer."""
    labels = pod_labels(model, p)
    score = 0
    for k, v in sel.items():
        if labels.get(k) == v:
            score += 3
        elif k in labels and names_similar(v, labels[k]):
            score += 2
    if score == 0 and owner_name and p.obj.name == owner_name:
        score = 1
    return score


def intended_pod(model: RepoModel, pods: list[PodSpec], sel: dict[str, str], owner_name: str | None = None) -> PodSpec | None:
    """The pod template the selector was most likely meant for, or None when nothing
    looks like it."""
    best, score = None, 0
    for p in pods:
        s = match_evidence(model, p, sel, owner_name)
        if s > score:
            best, score = p, s
    return best


def same_key_nearby(model: RepoModel, owner: K8sObject, near: list[PodSpec], sel: dict[str, str]) -> PodSpec | None:
    """A pod template applied with ``owner`` (same file, folder or kustomize build) that
    uses one of the selector's label keys with another value: `app: web` against
    `app: nginx` is a wrong selector, not pods that come from elsewhere."""
    for p in near:
        if tier(model, owner.file, p.obj.file) <= SAME_GROUP and any(k in pod_labels(model, p) for k in sel):
            return p
    return None


def labels_span(p: PodSpec) -> Span:
    holder = p.template if p.template is not None else p.obj.root
    md = holder.get("metadata")
    if isinstance(md, LMap) and "labels" in md:
        return md.key_span("labels")
    return p.labels.span if p.labels.span.line > 1 else holder.span


def selects_no_pod(model: RepoModel, owner: K8sObject, sel: LMap, key_span: Span) -> tuple[Span, PodSpec | None] | None:
    """For the pod selector ``sel`` of ``owner`` (a NetworkPolicy's podSelector, a
    PodDisruptionBudget's selector; written at ``key_span``) that matches no pod template
    of the repository in its namespace: where a finding points (the first label that
    differs from the pod template it was probably written for, else ``key_span``) and that
    pod template (None when nothing nearby looks like it). None when it matches one, or may
    select pods from elsewhere (a remote kustomize base, an operator's pods)."""
    ns = owner.namespace
    cands = pods_for_selector(model, sel)  # every other pod gives False
    if any(label_selector_matches(sel, pod_labels(model, p)) is not False for p in cands if ns_compatible(ns, p.obj.namespace)):
        return None
    if sees_remote(model, owner.file):
        return None
    ml = sel.get("matchLabels")
    near = nearby_pods(model, owner.file, ns)
    pairs = labels_of(ml) if isinstance(ml, LMap) else {}
    if operator_may_create(model, pairs, ns):
        return None  # the pods of a custom resource (Prometheus podMetadata, ...)
    best = intended_pod(model, near, pairs, owner.name) or same_key_nearby(model, owner, near, pairs)
    if isinstance(ml, LMap) and ml:
        span, _ = first_mismatch(ml, pairs, pod_labels(model, best) if best else {})
    else:
        span = key_span
    return span, best
