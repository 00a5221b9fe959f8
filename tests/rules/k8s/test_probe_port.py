"""What the probe port family reports (`probe-port-unknown`: a named port the container
does not declare, a quoted number, a number outside 1-65535; `probe-port-not-declared`,
advice: a number the container's complete ports list does not hold): exact rule, path,
line and column of the probe's port."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found, run, triples

RULES = ["probe-port-unknown", "probe-port-not-declared"]
SPEC = ("containers:\n  - name: a\n    image: x:1\n    ports: [{name: http, containerPort: 8080}]\n"
        "    readinessProbe: {httpGet: {path: /, port: web}}\n")


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 9, 49), ("Deployment", 13, 53), ("StatefulSet", 13, 53), ("DaemonSet", 13, 53),
    ("ReplicaSet", 13, 53), ("ReplicationController", 12, 53), ("Job", 12, 53), ("CronJob", 15, 57),
])
def test_unknown_named_port_in_every_kind(tmp_path, kind, line, col):
    assert triples(run(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULES)) == [("probe-port-unknown", f"w.yaml:{line}:{col}")]


def test_quoted_number_out_of_range_and_undeclared_number(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: x:1\n"
        "      ports:\n        - containerPort: 8080\n"
        "      livenessProbe:\n        tcpSocket:\n          port: \"8080\"\n"
        "      startupProbe: {tcpSocket: {port: 70000}}\n"
        "      readinessProbe: {httpGet: {path: /ready, port: 9090}}\n"
    )
    assert triples(run(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULES)) == [
        ("probe-port-not-declared", "p.yaml:14:54"),
        ("probe-port-unknown", "p.yaml:12:17"),
        ("probe-port-unknown", "p.yaml:13:40"),
    ]


def test_named_port_declared_by_an_anchor_and_numbers_without_a_ports_list_are_quiet(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - name: a\n      image: x:1\n      ports: &ports [{name: web, containerPort: 80}]\n"
        "      readinessProbe: {httpGet: {path: /, port: web}}\n"
        "    - name: b\n      image: x:1\n      ports: *ports\n      livenessProbe: {tcpSocket: {port: web}}\n"
        "    - name: c\n      image: x:1\n      livenessProbe: {tcpSocket: {port: 5432}}\n"
    )
    assert triples(run(tmp_path, {"p.yaml": text}, RULES)) == []


def test_a_grpc_port_name_is_left_to_k8s_schema_when_it_runs(tmp_path):
    spec = "containers:\n  - name: a\n    image: x:1\n    readinessProbe: {grpc: {port: grpc}}\n"
    files = {"p.yaml": workload("Pod", spec)}
    assert triples(run(tmp_path, files, RULES)) == [("probe-port-unknown", "p.yaml:8:37")]
    assert [r for r, _ in triples(run(tmp_path, files, RULES + ["k8s-schema"]))] == ["k8s-schema"]


def test_probe_port_unknown_in_liveness_probe_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `livenessProbe` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('livenessProbe', '{httpGet: {path: /, port: http}}')
    assert found(tmp_path, {"d.yaml": text}, 'probe-port-unknown') == ['d.yaml:12:60']


@pytest.mark.parametrize("kind", ["Deployment", "CronJob"])
def test_token_placeholder_ports_are_quiet(tmp_path, kind):
    # a probe port, or a container port name, that a deploy step writes (`##X##`, envsubst,
    # replacetokens `__X__`) cannot be checked; a misspelt real name still is
    spec = (
        "containers:\n  - name: a\n    image: nginx:1.27\n    ports: [{name: http, containerPort: 8080}]\n"
        "    readinessProbe: {httpGet: {path: /, port: \"##PORT_NAME##\"}}\n"
        "    livenessProbe:\n      tcpSocket: {port: '${PORT}'}\n"
        "    startupProbe: {httpGet: {path: /, port: htp}}\n"
        "  - name: b\n    image: nginx:1.27\n    ports: [{name: \"__PORT_NAME__\", containerPort: 8080}]\n"
        "    readinessProbe: {httpGet: {path: /, port: metrics}}\n"
    )
    text = workload(kind, spec)
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines, 1) if "port: htp" in line)
    assert found(tmp_path, {"k8s/w.yaml": text}, "probe-port-unknown") == [f"k8s/w.yaml:{n}:{lines[n - 1].index('htp') + 1}"]
