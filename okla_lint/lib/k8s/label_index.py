"""Indexes that answer "which objects may this label selector match" and "which selectors
may match these labels" in O(labels + candidates) instead of trying every pair (issue 11:
a rule that tried every NetworkPolicy for every pod was quadratic in the repository).

``pods_for_selector`` and ``pods_with_pairs`` ask one ``LabelIndex`` of the project's pod
templates by their built labels (``pod_labels``), kept once per model.

Both indexes return a superset, in the order the items were given: the caller still decides with
``label_selector_matches``. An item is left out only where that function would certainly
answer False (a pair of ``matchLabels``, or the first expression when it is a plain ``In`` or
``Exists`` the API server accepts, is missing from the labels); everything else (empty, malformed or unusual
selectors) is always a candidate.
"""
from __future__ import annotations

from typing import Any, Generic, Iterable, TypeVar

from ...core.model import PodSpec, RepoModel
from .selectors import label_value, labels_of, pod_labels, pod_specs

T = TypeVar("T")


def required(sel: Any) -> tuple[list[tuple[str, str]], str | None] | None:
    """What a metav1.LabelSelector certainly requires of the labels it matches: (pairs of
    which one must be present, key that must be present); None when nothing can be said
    (every set of labels is a candidate). ``label_selector_matches`` is False for labels
    that hold none of the pairs (when pairs are given) or lack the key (when a key is given).
    """
    if not isinstance(sel, dict):
        return None
    ml = sel.get("matchLabels")
    if ml is not None and not isinstance(ml, dict):
        return None  # malformed: the match function answers None, not False
    pairs = labels_of(ml)
    if pairs:
        k, v = next(iter(pairs.items()))  # every pair is required: one suffices to index
        return [(k, v)], None
    exprs = sel.get("matchExpressions")
    if not isinstance(exprs, list) or not exprs or not isinstance(exprs[0], dict):
        return None
    e = exprs[0]  # the first expression is decided before any other one is read
    key, op = e.get("key"), e.get("operator")
    if not isinstance(key, str):
        return None
    raw = e.get("values") or []
    if not isinstance(raw, list):
        return None  # malformed values: None whatever the operator
    if op == "Exists" and not raw:
        return [], key
    if op == "In" and raw:
        values = [label_value(v) for v in raw]
        if None in values:
            return None  # a non-scalar value: a missing label compares equal to it
        return [(key, v) for v in values], None
    return None


class LabelIndex(Generic[T]):
    """Items (pod templates, Services) by the labels they carry: ``for_selector(sel)`` gives
    the items a selector may match."""

    def __init__(self, items: Iterable[tuple[T, dict[str, str]]]) -> None:
        self.items: list[T] = []
        self.by_pair: dict[tuple[str, str], list[int]] = {}
        self.by_key: dict[str, list[int]] = {}
        for i, (item, labels) in enumerate(items):
            self.items.append(item)
            for k, v in labels.items():
                self.by_pair.setdefault((k, v), []).append(i)
                self.by_key.setdefault(k, []).append(i)

    def with_pairs(self, pairs: dict[str, str]) -> list[T]:
        """Items that may carry every pair: those with the rarest pair (all when empty)."""
        if not pairs:
            return self.items
        best = min((self.by_pair.get(p, []) for p in pairs.items()), key=len)
        return [self.items[i] for i in best]

    def for_selector(self, sel: Any) -> list[T]:
        req = required(sel)
        if req is None:
            return self.items
        pairs, key = req
        if key is not None:
            return [self.items[i] for i in self.by_key.get(key, [])]
        if len(pairs) == 1:
            return [self.items[i] for i in self.by_pair.get(pairs[0], [])]
        hits = sorted({i for p in pairs for i in self.by_pair.get(p, [])})
        return [self.items[i] for i in hits]


class SelectorIndex(Generic[T]):
    """Items that carry a label selector (NetworkPolicies, PodDisruptionBudgets) by what
    their selector requires: ``for_labels(labels)`` gives the items whose selector may
    match these labels."""

    def __init__(self, items: Iterable[tuple[T, Any]]) -> None:
        self.items: list[T] = []
        self.always: list[int] = []
        self.by_pair: dict[tuple[str, str], list[int]] = {}
        self.by_key: dict[str, list[int]] = {}
        for i, (item, sel) in enumerate(items):
            self.items.append(item)
            req = required(sel)
            if req is None:
                self.always.append(i)
                continue
            pairs, key = req
            if key is not None:
                self.by_key.setdefault(key, []).append(i)
            for p in dict.fromkeys(pairs):
                self.by_pair.setdefault(p, []).append(i)

    def for_labels(self, labels: dict[str, str]) -> list[T]:
        hits = set(self.always)
        by_pair, by_key = self.by_pair, self.by_key
        for k, v in labels.items():
            got = by_pair.get((k, v))
            if got:
                hits.update(got)
            if by_key:
                got = by_key.get(k)
                if got:
                    hits.update(got)
        items = self.items
        return [items[i] for i in sorted(hits)]


def pod_index(model: RepoModel) -> LabelIndex[PodSpec]:
    """The pod templates of the project (``pod_specs`` order) by their built labels
    (``pod_labels``: as written plus what kustomize adds), once per model."""
    return model.index(
        "k8s.label_index.pods", lambda: LabelIndex((p, pod_labels(model, p)) for p in pod_specs(model))
    )


def pods_for_selector(model: RepoModel, sel: Any) -> list[PodSpec]:
    """Pod specs (in ``pod_specs`` order) for which ``label_selector_matches(sel,
    pod_labels(model, p))`` may be other than False; every other pod gives False."""
    return pod_index(model).for_selector(sel)


def pods_with_pairs(model: RepoModel, pairs: dict[str, str]) -> list[PodSpec]:
    """Pod specs (in ``pod_specs`` order) that may carry every pair of ``pairs`` once built:
    those with the rarest pair (all of them when ``pairs`` is empty); a superset to filter."""
    return pod_index(model).with_pairs(pairs)
