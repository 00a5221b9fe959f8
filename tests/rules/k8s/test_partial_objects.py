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


CRD_WHOLE = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: jaegers.example.io}
spec:
  group: example.io
  names: {kind: Jaeger, listKind: JaegerList, plural: jaegers, singular: jaeger}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
"""

CRD_FRAGMENT = """\
# The following patch enables a conversion webhook for the CRD
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: jaegers.example.io
spec:
  conversion:
    strategy: Webhook
    webhook:
      clientConfig:
        service: {namespace: system, name: webhook-service, path: /convert}
      conversionReviewVersions:
      - v1
"""


@pytest.mark.parametrize("kustomization", [
    # kubebuilder's scaffold: the webhook patch is listed commented out
    "resources:\n- bases/jaegers.yaml\npatchesStrategicMerge:\n#- patches/webhook_in_jaegers.yaml\n",
    None,
])
def test_crd_fragment_beside_the_whole_crd(tmp_path, kustomization):
    files = {"config/crd/bases/jaegers.yaml": CRD_WHOLE, "config/crd/patches/webhook_in_jaegers.yaml": CRD_FRAGMENT}
    if kustomization:
        files["config/crd/kustomization.yaml"] = kustomization
    write_files(tmp_path, files)
    assert rule_paths(lint(tmp_path, select=RULES)) == []


def test_crd_without_the_whole_one_is_still_judged(tmp_path):
    # no whole CRD of that name in the repository: the required fields are reported, each at
    # `spec:` (line 6, column 1); a whole CRD of another name does not make it a fragment
    other = CRD_WHOLE.replace("jaegers.example.io", "kafkas.example.io")
    write_files(tmp_path, {"crd/other.yaml": other, "crd/webhook.yaml": CRD_FRAGMENT})
    res = lint(tmp_path, select=["k8s-schema"])
    got = sorted((f.rule, f.path, f.line, f.col) for f in res.findings)
    assert [g[2:] for g in got] == [(6, 1)] * 4
    assert {g[1] for g in got} == {"crd/webhook.yaml"}
    msgs = sorted(f.message.split("has no ")[1].split(",")[0] for f in res.findings)
    assert msgs == ["'group'", "'names'", "'scope'", "'versions'"]
