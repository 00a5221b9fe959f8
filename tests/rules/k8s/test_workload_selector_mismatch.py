"""What `workload-selector-mismatch` reports (a workload's spec.selector does not match the
labels of its own pod template): exact rule, path, line and column."""
from __future__ import annotations

import json

from helpers import lint, write_files


def _objs(*names: str) -> list[dict]:
    return [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": n}, "data": {"k": "v"}} for n in names]


def test_a_stream_of_kubernetes_json_objects_is_read_like_kubectl(tmp_path):
    bad = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "b"},
           "spec": {"selector": {"matchLabels": {"app": "b"}}, "template": {"metadata": {"labels": {"app": "c"}},
                    "spec": {"containers": [{"name": "b", "image": "nginx:1.25"}]}}}}
    text = "\n".join(json.dumps(o) for o in _objs("a") + [bad]) + "\n"
    write_files(tmp_path, {"k8s/all.json": text})
    res = lint(tmp_path)
    assert [(f.rule, f.line) for f in res.findings] == [("workload-selector-mismatch", 2)]


def test_crlf_positions(tmp_path):
    text = (
        "apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata: {name: api}\r\nspec:\r\n"
        "  selector:\r\n    matchLabels: {app: api, tier: web}\r\n  template:\r\n"
        "    metadata: {labels: {app: api}}\r\n    spec: {containers: [{name: c, image: \"busybox:1.36\"}]}\r\n"
    )
    write_files(tmp_path, {"d.yaml": text.encode()})
    res = lint(tmp_path, select=["workload-selector-mismatch"])
    assert [(f.line, f.col) for f in res.findings] == [(6, 29)]
