"""host-path-sensitive: node agents (DaemonSets) are exempt; the runtime-socket message
no longer tells a monitoring agent to use kaniko (issue 10, family 10)."""
from __future__ import annotations

import pytest

from _workloads import KINDS, workload
from helpers import lint, write_files

SPEC = """\
containers:
  - {name: a, image: busybox:1.36}
volumes:
  - {name: sock, hostPath: {path: /var/run/docker.sock}}
  - {name: proc, hostPath: {path: /proc, type: Directory}}
  - {name: logs, hostPath: {path: /var/log/app}}
"""


@pytest.mark.parametrize("kind", KINDS)
def test_reported_on_every_kind_but_daemonsets(tmp_path, kind):
    write_files(tmp_path, {"w.yaml": workload(kind, SPEC)})
    got = sorted(f.rule for f in lint(tmp_path, select=["host-path-sensitive", "host-path-volume"]).findings)
    assert got == ([] if kind == "DaemonSet" else ["host-path-sensitive", "host-path-sensitive", "host-path-volume"])


def test_socket_message_names_builders_and_daemonsets(tmp_path):
    write_files(tmp_path, {"w.yaml": workload("Deployment", SPEC)})
    msg = next(f.message for f in lint(tmp_path, select=["host-path-sensitive"]).findings if "socket" in f.message)
    assert "kaniko" in msg and "DaemonSet" in msg
