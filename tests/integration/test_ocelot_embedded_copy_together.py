"""Issue 10, family 2: an Ocelot finding that appears again in the ConfigMap copy of the same
file is one finding, at the file, with the copy as a related location."""
from __future__ import annotations

import json

from ocelot_util import ROUTE, configmap_embedded_copy, run_embedded_copy


def test_same_finding_in_the_copy_is_folded_into_the_file(tmp_path):
    text = json.dumps({"Routes": [ROUTE]}, indent=2)
    res = run_embedded_copy(tmp_path, {"gw/ocelot.prod.json": text, "k8s/gw.yaml": configmap_embedded_copy("gateway", "ocelot.prod.json", text)})
    got = sorted((f.rule, f.path, f.line) for f in res.findings)
    assert got == [("ocelot-missing-downstream-scheme", "gw/ocelot.prod.json", 3), ("ocelot-unknown-key", "gw/ocelot.prod.json", 12)]
    unknown = next(f for f in res.findings if f.rule == "ocelot-unknown-key")
    assert [(r.path, r.line, r.col) for r in unknown.related] == [("k8s/gw.yaml", 17, 11)]
    assert unknown.message.endswith("(also in the copy in ConfigMap 'gateway': k8s/gw.yaml:17)")


def test_copy_named_by_a_workflow_from_file_mapping(tmp_path):
    text = json.dumps({"Routes": [ROUTE]}, indent=2)
    wf = (
        "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: kubectl create configmap gateway --from-file=ocelot.json=gw/ocelot.prod.json\n"
    )
    res = run_embedded_copy(tmp_path, {"gw/ocelot.prod.json": text, "gw/ocelot.dev.json": text, ".github/workflows/d.yml": wf,
                         "k8s/gw.yaml": configmap_embedded_copy("gateway", "ocelot.json", text)}, select=("ocelot-unknown-key",))
    assert sorted((f.path, len(f.related)) for f in res.findings) == [("gw/ocelot.dev.json", 0), ("gw/ocelot.prod.json", 1)]


def test_what_only_the_drifted_copy_has_stays_on_the_copy(tmp_path):
    text = json.dumps({"Routes": [ROUTE]}, indent=2)
    stale = json.dumps({"Routes": [dict(ROUTE, UpstreamPathTemplate="/b"), dict(ROUTE, Foo=1)]}, indent=2)
    res = run_embedded_copy(tmp_path, {"gw/ocelot.json": text, "k8s/gw.yaml": configmap_embedded_copy("gateway", "ocelot.json", stale)}, select=("ocelot-unknown-key",))
    got = sorted((f.path, f.line, "Foo" in f.message, len(f.related)) for f in res.findings)
    # PreserveHostHeader: in both (the copy's first route, another index): folded; Foo: only in the copy
    assert got == [("gw/ocelot.json", 12, False, 1), ("k8s/gw.yaml", 28, False, 0), ("k8s/gw.yaml", 29, True, 0)]


def test_unrelated_configmap_is_not_folded(tmp_path):
    text = json.dumps({"Routes": [ROUTE]}, indent=2)
    res = run_embedded_copy(tmp_path, {"a/ocelot.json": text, "b/ocelot.json": text, "k8s/gw.yaml": configmap_embedded_copy("gateway", "ocelot.json", text)}, select=("ocelot-unknown-key",))
    # two files named ocelot.json: the copy cannot be paired, every finding stays
    assert sorted(f.path for f in res.findings) == ["a/ocelot.json", "b/ocelot.json", "k8s/gw.yaml"]
