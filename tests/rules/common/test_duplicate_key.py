"""What `duplicate-key` reports (a mapping defines the same key twice): exact rule, path,
line and column of the later key, in Kubernetes manifests, workflows and JSON files; a key
that overrides a merge key is not a duplicate."""
from __future__ import annotations

from helpers import found

RULE = "duplicate-key"


def test_block_and_flow_mappings_in_a_manifest(tmp_path):
    text = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
            "      image: nginx:1.27\n      env: [{name: A, value: \"1\"}]\n      env: [{name: B, value: \"2\"}]\n"
            "      resources: {limits: {cpu: 1, cpu: 2}}\n")
    assert found(tmp_path, {"pod.yaml": text}, RULE) == ["pod.yaml:10:7", "pod.yaml:11:36"]


def test_crlf_second_document_and_a_workflow(tmp_path):
    files = {
        "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\n"
                   "metadata: {name: b}\ndata:\n  k: one\n  k: two\n".replace("\n", "\r\n"),
        ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    runs-on: y\n    steps: [{run: make}]\n",
    }
    assert found(tmp_path, files, RULE) == [".github/workflows/ci.yml:5:5", "cm.yaml:10:3"]


def test_json_files(tmp_path):
    assert found(tmp_path, {"ocelot.json": '{\n  "Routes": [],\n  "GlobalConfiguration": {},\n  "Routes": []\n}\n'}, RULE) == ["ocelot.json:4:3"]


def test_a_key_overriding_a_merge_key_is_quiet(tmp_path):
    text = ("apiVersion: v1\nkind: ConfigMap\nmetadata: &meta\n  name: base\n  labels: {app: web}\ndata: {}\n---\n"
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: *meta\n  name: derived\ndata: {}\n")
    assert found(tmp_path, {"cm.yaml": text}, RULE) == []
