"""host-path-sensitive: node agents (DaemonSets) are exempt; the runtime-socket message
no longer tells a monitoring agent to use kaniko (issue 10, family 10)."""
from __future__ import annotations

from _host_path_sensitive import SPEC
from _workloads import workload
from helpers import lint, write_files


def test_socket_message_names_builders_and_daemonsets(tmp_path):
    write_files(tmp_path, {"w.yaml": workload("Deployment", SPEC)})
    msg = next(f.message for f in lint(tmp_path, select=["host-path-sensitive"]).findings if "socket" in f.message)
    assert "kaniko" in msg and "DaemonSet" in msg
