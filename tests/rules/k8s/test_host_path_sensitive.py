"""host-path-sensitive: node agents (DaemonSets) are exempt; the runtime-socket message
no longer tells a monitoring agent to use kaniko (issue 10, family 10)."""
from __future__ import annotations

from _aliases import shared_pod
from _host_path_sensitive import SPEC
from _workloads import workload
from helpers import found, lint, write_files


def test_socket_message_names_builders_and_daemonsets(tmp_path):
    write_files(tmp_path, {"w.yaml": workload("Deployment", SPEC)})
    msg = next(f.message for f in lint(tmp_path, select=["host-path-sensitive"]).findings if "socket" in f.message)
    assert "kaniko" in msg and "DaemonSet" in msg


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `volumes` written once on line 12 is one finding
    text = shared_pod('volumes', '[{name: d, hostPath: {path: /var/run/docker.sock}}]')
    assert found(tmp_path, {"l.yaml": text}, 'host-path-sensitive') == ['l.yaml:12:48']
