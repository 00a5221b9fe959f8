"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, triples, write_files


def test_startup_budget_in_sidecars_not_in_plain_init_containers(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: sidecar
      image: envoy:1.30
      restartPolicy: Always
      startupProbe: {tcpSocket: {port: 9901}}
    - name: init
      image: busybox:1.36
      startupProbe: {tcpSocket: {port: 1}}
  containers:
    - name: app
      image: nginx:1.27
      startupProbe: {httpGet: {path: /, port: 80}, failureThreshold: 30}
"""
    write_files(tmp_path, {"p.yaml": pod})
    res = lint(tmp_path, select=["startup-probe-budget", "init-container-probe"],
               params={"startup-probe-budget": {"require-evidence": False}})
    assert triples(res) == [
        ("init-container-probe", "p.yaml:12:7"),
        ("startup-probe-budget", "p.yaml:9:7"),
    ]
    assert "0 + 3 x 10 = 30 s" in next(f.message for f in res.findings if f.rule == "startup-probe-budget")
