"""Partial objects (issue 10, family 5): strategic-merge fragments of an object defined whole
elsewhere (with or without a kustomization naming them), kubeadm/kind patch files and Go-
embedded operator skeletons get no k8s-schema, bare-pod or duplicate-object-in-folder."""
from __future__ import annotations

import pytest

from _workloads import workload
from helpers import lint, write_files

RULES = ["k8s-schema", "bare-pod", "duplicate-object-in-folder", "duplicate-object"]
WHOLE = workload("Deployment", 'containers: [{name: web, image: "nginx:1.27"}]\n', "web").replace("{name: web}", "{name: web, namespace: shop}", 1)
FRAGMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          resources: {limits: {memory: 512Mi}}
"""
APPLY = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n"


def found(tmp_path) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path) for f in lint(tmp_path, select=RULES).findings)


def test_fragment_beside_the_whole_object_in_an_applied_folder(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": WHOLE, "k8s/web-patch.yaml": FRAGMENT, ".github/workflows/d.yml": APPLY})
    assert found(tmp_path) == []


def test_fragment_in_an_overlay_folder_without_kustomization(tmp_path):
    write_files(tmp_path, {"base/web.yaml": WHOLE, "prod/web.yaml": FRAGMENT})
    assert found(tmp_path) == []


def test_fragment_alone_is_an_incomplete_object(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": FRAGMENT})
    assert [r for r, _ in found(tmp_path)] == ["k8s-schema", "k8s-schema"]


def test_fragment_in_another_namespace_is_not_a_fragment_of_it(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": WHOLE, "k8s/other.yaml": FRAGMENT.replace("namespace: shop", "namespace: other")})
    assert {r for r, _ in found(tmp_path)} == {"k8s-schema"}


def test_two_whole_objects_are_still_duplicates(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": WHOLE, "k8s/web2.yaml": WHOLE.replace("1.27", "1.28"), ".github/workflows/d.yml": APPLY})
    assert [r for r, _ in found(tmp_path)] == ["duplicate-object"]  # the workflow applies k8s/ as a whole


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
    assert found(tmp_path) == []


def test_a_file_named_like_a_kubeadm_target_but_holding_something_else(tmp_path):
    write_files(tmp_path, {"etcd-controller.yaml": KUBEADM % ("etcd-0", "etcd")})
    assert {r for r, _ in found(tmp_path)} == {"k8s-schema", "bare-pod"}


def test_go_embedded_skeleton(tmp_path):
    skel = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nameserver}\nspec:\n  selector: {matchLabels: {app: ns}}\n  template:\n    metadata: {labels: {app: ns}}\n    spec:\n      containers: [{name: ns}]\n"
    write_files(tmp_path, {"reconciler/nameserver/manifests/deploy.yaml": skel})
    assert [r for r, _ in found(tmp_path)] == ["k8s-schema"]
    write_files(tmp_path, {"reconciler/nameserver/nameserver.go": 'package ns\n\nimport _ "embed"\n\n//go:embed manifests/deploy.yaml\nvar deployYaml []byte\n'})
    assert found(tmp_path) == []
