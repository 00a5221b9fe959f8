"""What `privilege-escalation-allowed` reports (a container explicitly sets
allowPrivilegeEscalation to true): exact rule, path, line and column, in every workload
kind and place, and the cases left to other rules."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found

RULE = "privilege-escalation-allowed"
SPEC = "containers:\n  - name: a\n    image: busybox:1.36\n    securityContext: {allowPrivilegeEscalation: true}\n"


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 8, 51), ("Deployment", 12, 55), ("StatefulSet", 12, 55), ("DaemonSet", 12, 55),
    ("ReplicaSet", 12, 55), ("ReplicationController", 11, 55), ("Job", 11, 55), ("CronJob", 14, 59),
])
def test_every_workload_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_init_container_block_style_crlf_second_document(tmp_path):
    text = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        "  initContainers:\n    - name: i\n      image: busybox:1.36\n      securityContext:\n"
        "        allowPrivilegeEscalation: true\n"
        "  containers: [{name: a, image: nginx:1.27}]\n"
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:14:35"]


def test_privileged_container_is_left_to_privileged_container(tmp_path):
    spec = "containers:\n  - {name: a, image: x:1, securityContext: {privileged: true, allowPrivilegeEscalation: true}}\n"
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []


def test_false_absent_and_the_string_true_are_quiet(tmp_path):
    # "true" in quotes is a string: the API server rejects it (k8s-schema), it grants nothing
    spec = ("containers:\n  - {name: a, image: x:1, securityContext: {allowPrivilegeEscalation: false}}\n"
            "  - {name: b, image: x:1}\n  - {name: c, image: x:1, securityContext: {allowPrivilegeEscalation: 'true'}}\n")
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []


def test_privilege_escalation_allowed_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{allowPrivilegeEscalation: true}')
    assert found(tmp_path, {"d.yaml": text}, 'privilege-escalation-allowed') == ['d.yaml:12:63']
