"""lib/k8s/label_index.py: the indexes leave out only what label_selector_matches answers
False for (issue 11: networkpolicy-missing, pdb-missing and servicemonitor-selector-no-match
no longer try every selector for every pod)."""
from __future__ import annotations

import itertools
import random

from helpers import chdir, locs, run, write_files
from okla_lint.core.discover import discover
from okla_lint.core.engine import Engine
from okla_lint.core.located import LMap, LSeq
from okla_lint.core.model import RepoModel
from okla_lint.lib.k8s.label_index import LabelIndex, SelectorIndex, pods_for_selector, pods_with_pairs
from okla_lint.lib.k8s.selectors import label_selector_matches, labels_of, pod_labels, pod_specs, selects

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


def _expr(**e) -> LMap:
    return _lmap({"matchExpressions": _lseq([_lmap(e)])})


# expressions the API server rejects: `values` not a list fails decoding ("cannot unmarshal
# string into ... []string"); validation forbids values with Exists/DoesNotExist and requires
# them with In/NotIn. No such object exists, so the matcher says None (cannot be evaluated)
# and every rule that asks what the selector matches stays quiet on it.
REJECTED = [
    _expr(key="tier", operator="Exists", values="web"),
    _expr(key="tier", operator="Exists", values=_lseq(["web"])),
    _expr(key="tier", operator="DoesNotExist", values=_lseq(["web"])),
    _expr(key="tier", operator="In", values=_lseq([])),
    _expr(key="tier", operator="In"),
    _expr(key="tier", operator="NotIn", values="web"),
]


def test_expressions_the_api_server_rejects_cannot_be_evaluated():
    for sel in REJECTED:
        for labels in ({}, {"tier": "web"}, {"app": "a"}):
            assert label_selector_matches(sel, labels) is None, (sel, labels)
    assert label_selector_matches(_expr(key="tier", operator="Exists"), {"app": "a"}) is False
    assert label_selector_matches(_expr(key="tier", operator="Exists", values=_lseq([])), {"tier": "x"}) is True


def test_rejected_expressions_are_never_narrowed():
    labelled = [{"app": "a"}, {"tier": "web"}, {}]
    index = LabelIndex((i, labels) for i, labels in enumerate(labelled))
    policies = SelectorIndex((i, s) for i, s in enumerate(REJECTED))
    for sel in REJECTED:
        assert index.for_selector(sel) == [0, 1, 2]
    assert policies.for_labels({}) == list(range(len(REJECTED)))


def _deployment(name: str, labels: dict[str, str]) -> str:
    lab = "\n".join(f"        {k}: {v}" for k, v in labels.items())
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
{lab}
    spec:
      containers:
        - name: app
          image: nginx:1.27
"""


def test_pods_for_selector_is_the_label_index(tmp_path):
    """pods_for_selector asks lib/k8s/label_index (one index, one matcher): it keeps every
    pod template the matcher does not answer False for, the malformed Exists included."""
    sets = [{"tier": "a"}, {"tier": "b", "team": "c"}, {"team": "a"}, {}]
    write_files(tmp_path, {f"d{i}.yaml": _deployment(f"d{i}", labels) for i, labels in enumerate(sets)})
    with chdir(tmp_path):
        eng = Engine()
        model = RepoModel.build([u for _, u in eng.parse(discover(["."]))])
    pods = pod_specs(model)
    assert len(pods) == 4
    assert [p.obj.name for p in pods_for_selector(model, _expr(key="tier", operator="Exists", values="web"))] == ["d0", "d1", "d2", "d3"]
    assert [p.obj.name for p in pods_for_selector(model, _expr(key="tier", operator="Exists"))] == ["d0", "d1"]
    assert [p.obj.name for p in pods_with_pairs(model, {"team": "a"})] == ["d2"]
    for sel in REJECTED + _selectors(random.Random(13)):
        got = pods_for_selector(model, sel)
        assert got == [p for p in pods if p in got]  # pod_specs order
        for p in pods:
            if not isinstance(sel, dict) or label_selector_matches(sel, pod_labels(model, p)) is not False:
                assert p in got, (sel, p.obj.name)


MALFORMED_EXISTS = """apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchExpressions:
      - key: tier
        operator: Exists
        values: web
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
spec:
  podSelector:
    matchLabels:
      app: d0
  ingress:
    - from:
        - podSelector:
            matchExpressions:
              - key: tier
                operator: Exists
                values: [web]
    - from:
        - podSelector:
            matchExpressions:
              - key: tier
                operator: Exists
                values: web
"""


def test_rules_say_nothing_of_a_rejected_expression(tmp_path):
    """The selector rules agree with the matcher: a selector the API server rejects selects
    neither something nor nothing. Both peers used to be reported: the list-valued one by the
    matcher (it ignored values with Exists), the string-valued one by pods_for_selector's
    own index (it left out the pods without `tier` while the matcher said None)."""
    files = {"d0.yaml": _deployment("d0", {"team": "a"}), "policy.yaml": MALFORMED_EXISTS}
    result = run(tmp_path, files, ["pdb-selector-no-match", "networkpolicy-peer-no-match", "pdb-blocks-eviction", "pdb-missing", "networkpolicy-missing"])
    assert locs(result) == []


def test_service_selectors_through_the_selector_index():
    """lib/k8s/podutil's Services-by-selector lookup is a SelectorIndex of each Service's
    equality selector as matchLabels: it keeps every Service whose selector ``selects``
    the labels (a null value is left out: ``selects`` lets `team: null` match a pod without
    `team`, the API server reads it as `team=""`, which needs the label; neither index
    ever offered such a Service)."""
    rng = random.Random(14)
    sels = [_lmap({k: rng.choice(VALUES + [1, True, _lseq(["a"])]) for k in rng.sample(KEYS, rng.randint(1, 3))})
            for _ in range(300)]
    index = SelectorIndex((i, {"matchLabels": s}) for i, s in enumerate(sels))
    for labels in _label_sets():
        got = index.for_labels(labels_of(_lmap(labels)))
        for i, s in enumerate(sels):
            if selects(s, labels):
                assert i in got, (s, labels)
