"""What `host-path-sensitive` and `host-path-volume` report (a pod mounts the container runtime
socket or a sensitive node directory through hostPath; a pod uses a hostPath volume): exact
rule, path, line and column."""
from __future__ import annotations

import pytest

from k8s_containers_util import workload
from _host_path_sensitive import SPEC
from _workloads import KINDS, workload as workload_host_path_sensitive
from helpers import lint, triples, write_files


def test_host_paths_normalised(tmp_path):
    spec = """
    containers: [{name: a, image: "nginx:1.27"}]
    volumes:
      - {name: a, hostPath: {path: /run/containerd/containerd.sock}}
      - {name: b, hostPath: {path: "/etc//"}}
      - {name: c, hostPath: {path: /var/log/pods}}
    """
    text = workload("Deployment", spec)  # not a DaemonSet: node agents are exempt
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["host-path-sensitive", "host-path-volume"])
    assert [r for r, _ in triples(res)] == ["host-path-sensitive", "host-path-sensitive", "host-path-volume"]


@pytest.mark.parametrize("kind", KINDS)
def test_reported_on_every_kind_but_daemonsets(tmp_path, kind):
    write_files(tmp_path, {"w.yaml": workload_host_path_sensitive(kind, SPEC)})
    got = sorted(f.rule for f in lint(tmp_path, select=["host-path-sensitive", "host-path-volume"]).findings)
    assert got == ([] if kind == "DaemonSet" else ["host-path-sensitive", "host-path-sensitive", "host-path-volume"])
