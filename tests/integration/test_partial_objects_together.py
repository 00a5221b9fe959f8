"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, rule_paths, write_files


RULES = ["k8s-schema", "bare-pod", "duplicate-object-in-folder", "duplicate-object"]


KUBEADM = "apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: kube-system}\nspec:\n  containers:\n    - name: %s\n      resources: {requests: {cpu: 100m}}\n"


def test_a_file_named_like_a_kubeadm_target_but_holding_something_else(tmp_path):
    write_files(tmp_path, {"etcd-controller.yaml": KUBEADM % ("etcd-0", "etcd")})
    assert {r for r, _ in rule_paths(lint(tmp_path, select=RULES))} == {"k8s-schema", "bare-pod"}
