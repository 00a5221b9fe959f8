"""What `run-as-root` reports (a container is explicitly configured to run as root,
runAsUser 0): exact rule, path, line and column of the 0, at container level and once for a
pod-level setting; what the container overrides and what security-context-conflict
reports are left alone."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found

RULE = "run-as-root"
POD_LEVEL = "securityContext: {runAsUser: 0}\ncontainers:\n  - {name: a, image: x:1}\n  - {name: b, image: x:1}\n"
CONTAINER_LEVEL = "containers:\n  - name: a\n    image: x:1\n    securityContext:\n      runAsUser: 0\n"


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 5, 32), ("Deployment", 9, 36), ("StatefulSet", 9, 36), ("DaemonSet", 9, 36),
    ("ReplicaSet", 9, 36), ("ReplicationController", 8, 36), ("Job", 8, 36), ("CronJob", 11, 40),
])
def test_pod_level_root_is_reported_once_for_all_containers(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, POD_LEVEL)}, RULE) == [f"w.yaml:{line}:{col}"]


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 9, 20), ("Deployment", 13, 24), ("StatefulSet", 13, 24), ("DaemonSet", 13, 24),
    ("ReplicaSet", 13, 24), ("ReplicationController", 12, 24), ("Job", 12, 24), ("CronJob", 15, 28),
])
def test_container_level_root(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, CONTAINER_LEVEL)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_crlf_second_document_and_init_container(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
        + workload("Pod", "initContainers:\n  - {name: i, image: x:1, securityContext: {runAsUser: 0}}\n"
                          "containers:\n  - {name: a, image: x:1, securityContext: {runAsUser: 1000}}\n")
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:10:58"]


def test_pod_level_root_shared_by_an_anchor_is_reported_where_written(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: &root {runAsUser: 0}\n"
        "  containers: [{name: a, image: x:1}]\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  securityContext: *root\n"
        "  containers: [{name: b, image: x:1}]\n"
    )
    assert found(tmp_path, {"p.yaml": text}, RULE) == ["p.yaml:5:38"]


def test_overridden_non_root_conflict_and_windows_are_quiet(tmp_path):
    files = {
        # the container sets its own user
        "a.yaml": workload("Pod", "securityContext: {runAsUser: 0}\ncontainers:\n  - {name: a, image: x:1, securityContext: {runAsUser: 101}}\n", "a"),
        # runAsNonRoot: true with user 0 never starts: security-context-conflict reports it
        "b.yaml": workload("Pod", "securityContext: {runAsUser: 0, runAsNonRoot: true}\ncontainers:\n  - {name: a, image: x:1}\n", "b"),
        "c.yaml": workload("Pod", "os: {name: windows}\nsecurityContext: {runAsUser: 0}\ncontainers:\n  - {name: a, image: x:1}\n", "c"),
        # a string is not a user id
        "d.yaml": workload("Pod", "containers:\n  - {name: a, image: x:1, securityContext: {runAsUser: '0'}}\n", "d"),
    }
    assert found(tmp_path, files, RULE) == []


def test_run_as_root_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{runAsUser: 0}')
    assert found(tmp_path, {"d.yaml": text}, 'run-as-root') == ['d.yaml:12:48']
