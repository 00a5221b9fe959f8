"""What `init-container-probe` reports (an init container that is not a sidecar has a
probe or lifecycle hook, which the API server rejects): exact rule, path, line and column
of each offending key; sidecars (restartPolicy: Always) and app containers are left alone."""
from __future__ import annotations

import pytest

from _workloads import workload
from helpers import found

RULE = "init-container-probe"
SPEC = ("initContainers:\n  - name: migrate\n    image: x:1\n    readinessProbe: {exec: {command: [cat, /done]}}\n"
        "containers: [{name: a, image: x:1}]\n")


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 8, 7), ("Deployment", 12, 11), ("StatefulSet", 12, 11), ("DaemonSet", 12, 11),
    ("ReplicaSet", 12, 11), ("ReplicationController", 11, 11), ("Job", 11, 11), ("CronJob", 14, 15),
])
def test_every_workload_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_every_probe_and_lifecycle_block_style_crlf_second_document(tmp_path):
    text = (
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n"
        "    - name: i\n      image: x:1\n      livenessProbe:\n        tcpSocket: {port: 80}\n"
        "      startupProbe: {tcpSocket: {port: 80}}\n      lifecycle:\n        postStart: {exec: {command: [true]}}\n"
        "  containers:\n    - {name: a, image: x:1, readinessProbe: {tcpSocket: {port: 80}}}\n"
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:12:7", "p.yaml:14:7", "p.yaml:15:7"]


def test_sidecars_and_null_values_are_quiet(tmp_path):
    spec = ("initContainers:\n"
            "  - {name: proxy, image: x:1, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 9901}}}\n"
            "  - {name: i, image: x:1, livenessProbe: null}\n"
            "containers: [{name: a, image: x:1, livenessProbe: {tcpSocket: {port: 80}}}]\n")
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []
