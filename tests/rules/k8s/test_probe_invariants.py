"""What the probe invariants family reports (`probe-handler-count`: a probe with no handler
or more than one; `probe-success-threshold`: successThreshold other than 1 on a liveness or
startup probe; `probe-timeout-exceeds-period`, advice: a timeout not shorter than the
period): exact rule, path, line and column, in block and flow style."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found, run, triples

RULES = ["probe-handler-count", "probe-success-threshold", "probe-timeout-exceeds-period"]


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 8, 7), ("Deployment", 12, 11), ("StatefulSet", 12, 11), ("DaemonSet", 12, 11), ("ReplicaSet", 12, 11),
    ("ReplicationController", 11, 11), ("Job", 11, 11), ("CronJob", 14, 15),
])
def test_no_handler_points_at_the_probe_key_in_every_kind(tmp_path, kind, line, col):
    spec = "containers:\n  - name: a\n    image: x:1\n    livenessProbe: {periodSeconds: 10}\n"
    assert triples(run(tmp_path, {"w.yaml": workload(kind, spec)}, RULES)) == [("probe-handler-count", f"w.yaml:{line}:{col}")]


def test_every_extra_handler_is_reported_in_written_order(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x:1\n"
        "      readinessProbe:\n        tcpSocket: {port: 80}\n        httpGet: {path: /, port: 80}\n"
        "        exec: {command: [true]}\n"
    )
    assert triples(run(tmp_path, {"p.yaml": text}, RULES)) == [("probe-handler-count", "p.yaml:10:9"), ("probe-handler-count", "p.yaml:11:9")]


def test_success_threshold_on_liveness_and_startup_not_readiness(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x:1\n"
        "      livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}\n"
        "      startupProbe:\n        tcpSocket: {port: 80}\n        successThreshold: 3\n"
        "      readinessProbe: {tcpSocket: {port: 80}, successThreshold: 3}\n"
    )
    assert triples(run(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULES)) == [
        ("probe-success-threshold", "p.yaml:11:27"), ("probe-success-threshold", "p.yaml:8:64")]


def test_timeout_not_shorter_than_the_period(tmp_path):
    text = workload("Pod", "containers:\n  - name: a\n    image: x:1\n"
                           "    readinessProbe: {tcpSocket: {port: 80}, timeoutSeconds: 10}\n"
                           "    livenessProbe: {tcpSocket: {port: 80}, timeoutSeconds: 5, periodSeconds: 5}\n")
    # the default period is 10 seconds
    assert triples(run(tmp_path, {"p.yaml": text}, RULES)) == [
        ("probe-timeout-exceeds-period", "p.yaml:8:63"), ("probe-timeout-exceeds-period", "p.yaml:9:62")]


def test_valid_probes_are_quiet(tmp_path):
    text = workload("Pod", "containers:\n  - name: a\n    image: x:1\n"
                           "    livenessProbe: {httpGet: {path: /healthz, port: 8080}, timeoutSeconds: 3, successThreshold: 1}\n"
                           "    readinessProbe: {grpc: {port: 9090}, successThreshold: 2}\n")
    assert triples(run(tmp_path, {"p.yaml": text}, RULES)) == []


def test_probe_handler_count_in_liveness_probe_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `livenessProbe` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('livenessProbe', '{httpGet: {path: /, port: 80}, tcpSocket: {port: 80}}')
    assert found(tmp_path, {"d.yaml": text}, 'probe-handler-count') == ['d.yaml:12:65']


def test_probe_timeout_exceeds_period_in_liveness_probe_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `livenessProbe` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('livenessProbe', '{tcpSocket: {port: 80}, periodSeconds: 1, timeoutSeconds: 5}')
    assert found(tmp_path, {"d.yaml": text}, 'probe-timeout-exceeds-period') == ['d.yaml:12:92']
