"""lib/k8s/label_index.py: the indexes leave out only what label_selector_matches answers
False for (issue 11: networkpolicy-missing, pdb-missing and servicemonitor-selector-no-match
no longer try every selector for every pod)."""
from __future__ import annotations

import itertools
import random

from okla_lint.core.located import LMap, LSeq
from okla_lint.lib.k8s.label_index import LabelIndex, SelectorIndex
from okla_lint.lib.k8s.selectors import label_selector_matches

KEYS = ["app", "tier", "team"]
VALUES = ["a", "b", "c"]


def _lmap(d: dict) -> LMap:
    m = LMap()
    for k, v in d.items():
        m[k] = v
    return m


def _lseq(items: list) -> LSeq:
    s = LSeq()
    s.extend(items)
    return s


def _selectors(rng: random.Random) -> list:
    """Every shape a selector takes: pairs, expressions of each operator, malformed ones."""
    out: list = [None, "app=a", _lmap({}), _lmap({"matchLabels": "x"}), _lmap({"matchLabels": _lmap({})}),
                 _lmap({"matchExpressions": "x"}), _lmap({"matchExpressions": LSeq()})]
    for _ in range(300):
        sel = {}
        if rng.random() < 0.5:
            sel["matchLabels"] = _lmap({k: rng.choice(VALUES + [1, True, None]) for k in rng.sample(KEYS, rng.randint(0, 2))})
        if rng.random() < 0.6:
            exprs = LSeq()
            for _ in range(rng.randint(0, 2)):
                e = {"key": rng.choice(KEYS + [3]), "operator": rng.choice(["In", "NotIn", "Exists", "DoesNotExist", "Bad"])}
                if rng.random() < 0.8:
                    e["values"] = _lseq(rng.sample(VALUES + [_lseq(["x"])], rng.randint(0, 2))) if rng.random() < 0.9 else "a"
                exprs.append(_lmap(e))
            sel["matchExpressions"] = exprs
        out.append(_lmap(sel))
    return out


def _label_sets() -> list[dict[str, str]]:
    out = []
    for n in range(len(KEYS) + 1):
        for keys in itertools.combinations(KEYS, n):
            for values in itertools.product(VALUES, repeat=n):
                out.append(dict(zip(keys, values)))
    return out


def test_selector_index_keeps_every_possible_match():
    sels = _selectors(random.Random(11))
    index = SelectorIndex((i, s) for i, s in enumerate(sels))
    for labels in _label_sets():
        got = index.for_labels(labels)
        assert got == sorted(got)
        for i, s in enumerate(sels):
            maybe = not isinstance(s, dict) or label_selector_matches(s, labels) is not False
            if maybe:
                assert i in got, (s, labels)


def test_label_index_keeps_every_possible_match():
    labelled = _label_sets()
    index = LabelIndex((i, labels) for i, labels in enumerate(labelled))
    for s in _selectors(random.Random(12)):
        got = index.for_selector(s)
        assert got == sorted(got)
        for i, labels in enumerate(labelled):
            if not isinstance(s, dict) or label_selector_matches(s, labels) is not False:
                assert i in got, (s, labels)


def test_index_narrows():
    index = SelectorIndex([("web", _lmap({"matchLabels": _lmap({"app": "web"})})),
                           ("all", _lmap({})),
                           ("db", _lmap({"matchExpressions": _lseq([_lmap({"key": "app", "operator": "In", "values": _lseq(["db", "pg"])})])})),
                           ("tiered", _lmap({"matchExpressions": _lseq([_lmap({"key": "tier", "operator": "Exists"})])}))])
    assert index.for_labels({"app": "web"}) == ["web", "all"]
    assert index.for_labels({"app": "pg", "tier": "x"}) == ["all", "db", "tiered"]
    services = LabelIndex([("s1", {"app": "web"}), ("s2", {"app": "db"})])
    assert services.for_selector(_lmap({"matchLabels": _lmap({"app": "db"})})) == ["s2"]
