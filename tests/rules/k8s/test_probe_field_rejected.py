"""What `probe-field-rejected` reports (a probe field the API server rejects: a negative
timing, a grace period on a readiness probe or not positive, a lower-case scheme, an exec
without a command, a probe on an ephemeral container): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from _workloads import workload
from helpers import found, locs, run

RULE = "probe-field-rejected"
SPEC = "containers:\n  - name: a\n    image: x:1\n    livenessProbe: {tcpSocket: {port: 80}, periodSeconds: -1}\n"


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 8, 61), ("Deployment", 12, 65), ("StatefulSet", 12, 65), ("DaemonSet", 12, 65),
    ("ReplicaSet", 12, 65), ("ReplicationController", 11, 65), ("Job", 11, 65), ("CronJob", 14, 69),
])
def test_negative_timing_in_every_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_every_field_block_style_crlf_second_document(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n      image: x:1\n"
        "      livenessProbe:\n        httpGet: {path: /healthz, port: 8443, scheme: https}\n"
        "        terminationGracePeriodSeconds: 0\n"
        "      readinessProbe:\n        exec: {}\n        terminationGracePeriodSeconds: 10\n"
        "  ephemeralContainers:\n    - name: debug\n      image: busybox:1.36\n"
        "      startupProbe: {exec: {command: [true]}}\n"
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == [
        "p.yaml:13:55", "p.yaml:14:40", "p.yaml:16:9", "p.yaml:17:9", "p.yaml:21:7"]


def test_a_command_string_is_left_to_k8s_schema_when_it_runs(tmp_path):
    spec = "containers:\n  - name: a\n    image: x:1\n    livenessProbe: {exec: {command: cat /tmp/ok}}\n"
    files = {"p.yaml": workload("Pod", spec)}
    assert found(tmp_path, files, RULE) == ["p.yaml:8:39"]
    assert locs(run(tmp_path, files, (RULE, "k8s-schema")), RULE) == []


def test_valid_probes_are_quiet(tmp_path):
    spec = ("containers:\n  - name: a\n    image: x:1\n"
            "    livenessProbe: {httpGet: {path: /, port: 80, scheme: HTTPS}, terminationGracePeriodSeconds: 30, initialDelaySeconds: 0}\n"
            "    readinessProbe: {exec: {command: [cat, /tmp/ready]}}\n")
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []
