"""What `proc-mount-unmasked` reports (a container sets securityContext.procMount to
Unmasked): exact rule, path, line and column, in every workload kind and place."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found

RULE = "proc-mount-unmasked"
SPEC = "containers:\n  - name: a\n    image: busybox:1.36\n    securityContext: {procMount: Unmasked}\n"


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 8, 36), ("Deployment", 12, 40), ("StatefulSet", 12, 40), ("DaemonSet", 12, 40),
    ("ReplicaSet", 12, 40), ("ReplicationController", 11, 40), ("Job", 11, 40), ("CronJob", 14, 44),
])
def test_every_workload_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_init_and_ephemeral_containers_block_style(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        "  initContainers:\n    - name: i\n      image: busybox:1.36\n      securityContext:\n        procMount: Unmasked\n"
        "  containers: [{name: a, image: nginx:1.27}]\n"
        "  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n"
        "      securityContext:\n        procMount: 'Unmasked'\n"
    )
    assert found(tmp_path, {"p.yaml": text}, RULE) == ["p.yaml:15:20", "p.yaml:9:20"]


def test_crlf_second_document_and_anchor(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        "  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: &sc {procMount: Unmasked}\n"
        "    - name: b\n      image: nginx:1.27\n      securityContext: *sc\n"
    )
    # the alias repeats the node with the spans where it was written: one defect, written
    # once, is one finding (not one per container that uses it)
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:13:40"]


def test_default_and_other_values_are_quiet(tmp_path):
    text = workload("Pod", "containers:\n  - {name: a, image: nginx:1.27, securityContext: {procMount: Default}}\n"
                           "  - {name: b, image: nginx:1.27, securityContext: {procMount: unmasked}}\n"
                           "  - {name: c, image: nginx:1.27}\n")
    assert found(tmp_path, {"p.yaml": text}, RULE) == []


def test_proc_mount_unmasked_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{procMount: Unmasked}')
    assert found(tmp_path, {"d.yaml": text}, 'proc-mount-unmasked') == ['d.yaml:12:48']
