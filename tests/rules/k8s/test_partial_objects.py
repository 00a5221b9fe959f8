"""Partial objects (issue 10, family 5): strategic-merge fragments of an object defined whole
elsewhere (with or without a kustomization naming them), kubeadm/kind patch files and Go-
embedded operator skeletons get no k8s-schema, bare-pod or duplicate-object-in-folder."""
from __future__ import annotations

import pytest

from _partial_objects import APPLY, FRAGMENT, RULES, WHOLE
from helpers import lint, rule_paths, write_files


def test_fragment_beside_the_whole_object_in_an_applied_folder(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": WHOLE, "k8s/web-patch.yaml": FRAGMENT, ".github/workflows/d.yml": APPLY})
    assert rule_paths(lint(tmp_path, select=RULES)) == []


def test_fragment_in_an_overlay_folder_without_kustomization(tmp_path):
    write_files(tmp_path, {"base/web.yaml": WHOLE, "prod/web.yaml": FRAGMENT})
    assert rule_paths(lint(tmp_path, select=RULES)) == []


KUBEADM = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: kube-system}\nspec:\n  containers:\n    - name: %s\n      resources: {requests: {cpu: 100m}}\n"


@pytest.mark.parametrize("fname, target", [
    ("kube-controller-manager.yaml", "kube-controller-manager"),
    ("kube-apiserver0+strategic.yaml", "kube-apiserver"),
    ("etcd+merge.json", "etcd"),
])
def test_kubeadm_patch_files(tmp_path, fname, target):
    body = KUBEADM % (target, target)
    if fname.endswith(".json"):
        import json

        import yaml

        body = json.dumps(yaml.safe_load(body))
    write_files(tmp_path, {f"tests/e2e-kind/patches/{fname}": body})
    assert rule_paths(lint(tmp_path, select=RULES)) == []
