"""What `probe-same-endpoint` reports (liveness and readiness probes check the same endpoint
and liveness gives up no later than readiness): exact rule, path, line and column."""
from __future__ import annotations

from k8s_containers_util import line_of, workload
from helpers import lint, locs, triples, write_files


def test_probe_rules_resolve_named_ports(tmp_path):
    spec = """
    containers:
      - name: app
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]
        livenessProbe: {httpGet: {port: http}}
        readinessProbe: {httpGet: {port: 8080, path: /}}
      - name: b
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]
        livenessProbe: {httpGet: {path: /h, port: admin}}
        readinessProbe: {httpGet: {path: /h, port: http}}
      - name: c
        image: nginx:1.27
        livenessProbe: {exec: {command: [cat, /ok]}}
        readinessProbe: {exec: {command: [cat, /ok]}, periodSeconds: 30}
      - name: d
        image: nginx:1.27
        livenessProbe: {grpc: {port: 9090}}
        readinessProbe: {grpc: {port: 9090, service: other}}
      - name: e
        image: nginx:1.27
        livenessProbe: {tcpSocket: {port: 80}}
        readinessProbe: {tcpSocket: {port: 80}}
    """
    text = workload("Deployment", spec)
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["probe-same-endpoint"])
    assert locs(res) == [
        "w.yaml:%d:%d" % line_of(text, "livenessProbe: {httpGet: {port: http"),
        "w.yaml:%d:%d" % line_of(text, "livenessProbe: {exec"),
    ]


def test_probe_same_endpoint_named_port_and_empty_host(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      ports: [{name: http, containerPort: 8080}]
      livenessProbe:
        httpGet: {path: /health, port: http}
      readinessProbe:
        httpGet: {path: /health, port: 8080, host: ""}
    - name: b
      image: nginx:1.27
      ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]
      livenessProbe:
        httpGet: {path: /health, port: admin}
      readinessProbe:
        httpGet: {path: /health, port: http}
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=["probe-same-endpoint"])) == [("probe-same-endpoint", "p.yaml:9:7")]
