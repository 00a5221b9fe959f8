"""What `windows-host-process` reports (a workload that is not a node agent runs Windows
HostProcess containers): exact rule, path, line and column at pod and container level;
node agents (DaemonSets) are left alone."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found

RULE = "windows-host-process"
SPEC = ("securityContext:\n  windowsOptions: {hostProcess: true}\ncontainers:\n  - name: a\n    image: x:1\n"
        "    securityContext:\n      windowsOptions:\n        hostProcess: true\n")


@pytest.mark.parametrize("kind, pod, container", [
    ("Pod", (6, 35), (12, 24)), ("Deployment", (10, 39), (16, 28)), ("StatefulSet", (10, 39), (16, 28)),
    ("ReplicaSet", (10, 39), (16, 28)), ("ReplicationController", (9, 39), (15, 28)),
    ("Job", (9, 39), (15, 28)), ("CronJob", (12, 43), (18, 32)),
])
def test_pod_and_container_level_in_every_kind_but_daemonsets(tmp_path, kind, pod, container):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == sorted(
        [f"w.yaml:{pod[0]}:{pod[1]}", f"w.yaml:{container[0]}:{container[1]}"])


def test_daemonset_is_a_node_agent(tmp_path):
    assert found(tmp_path, {"w.yaml": workload("DaemonSet", SPEC)}, RULE) == []


def test_crlf_second_document_and_false(tmp_path):
    text = (
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n---\n"
        + workload("Pod", "containers:\n  - name: a\n    image: x:1\n    securityContext: {windowsOptions: {hostProcess: true}}\n"
                          "  - name: b\n    image: x:1\n    securityContext: {windowsOptions: {hostProcess: false}}\n")
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:12:55"]


def test_windows_host_process_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{windowsOptions: {hostProcess: true}}')
    assert found(tmp_path, {"d.yaml": text}, 'windows-host-process') == ['d.yaml:12:67']
