"""What `liveness-before-readiness` reports (without a startupProbe, the liveness probe
gives up on the container before the readiness probe starts checking): exact rule, path,
line and column of the livenessProbe key, with the probe defaults applied."""
from __future__ import annotations

import pytest

from _workloads import workload
from helpers import found

RULE = "liveness-before-readiness"
# liveness gives up after 0 + 3 x 10 = 30 s (the defaults); readiness starts at 30 s
SPEC = ("containers:\n  - name: a\n    image: x:1\n    livenessProbe: {tcpSocket: {port: 80}}\n"
        "    readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 30}\n")


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 8, 7), ("Deployment", 12, 11), ("StatefulSet", 12, 11), ("DaemonSet", 12, 11),
    ("ReplicaSet", 12, 11), ("ReplicationController", 11, 11), ("Job", 11, 11), ("CronJob", 14, 15),
])
def test_every_workload_kind_with_the_defaults(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_block_style_crlf_second_document(tmp_path):
    text = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n"
        "      livenessProbe:\n        httpGet: {path: /live, port: 8080}\n        initialDelaySeconds: 5\n"
        "        periodSeconds: 5\n        failureThreshold: 4\n"
        "      readinessProbe:\n        httpGet: {path: /ready, port: 8080}\n        initialDelaySeconds: 45\n"
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:13:7"]


def test_a_longer_liveness_window_a_startup_probe_or_unknown_timing_is_quiet(tmp_path):
    spec = ("containers:\n"
            "  - {name: a, image: x:1, livenessProbe: {tcpSocket: {port: 80}, failureThreshold: 7}, readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}}\n"
            "  - name: b\n    image: x:1\n    startupProbe: {tcpSocket: {port: 80}, failureThreshold: 30}\n"
            "    livenessProbe: {tcpSocket: {port: 80}}\n    readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 60}\n"
            "  - {name: c, image: x:1, livenessProbe: {tcpSocket: {port: 80}}, readinessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: '${DELAY}'}}\n")
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []
