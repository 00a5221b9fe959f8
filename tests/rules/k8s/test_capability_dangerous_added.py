"""What `capability-dangerous-added` reports (a container adds SYS_ADMIN, ALL or another
capability that amounts to node access): exact rule, path, line and column of the list
item, however the capability is spelled."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found

RULE = "capability-dangerous-added"
SPEC = "containers:\n  - name: a\n    image: x:1\n    securityContext:\n      capabilities:\n        add: [NET_BIND_SERVICE, SYS_ADMIN]\n"


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 10, 35), ("Deployment", 14, 39), ("StatefulSet", 14, 39), ("DaemonSet", 14, 39),
    ("ReplicaSet", 14, 39), ("ReplicationController", 13, 39), ("Job", 13, 39), ("CronJob", 16, 43),
])
def test_every_workload_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_spellings_block_list_crlf_and_init_containers(tmp_path):
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        "  initContainers:\n    - name: i\n      image: x:1\n      securityContext:\n        capabilities:\n"
        "          add:\n            - cap_sys_ptrace\n            - \"ALL\"\n"
        "  containers:\n    - {name: a, image: x:1, securityContext: {capabilities: {add: [CAP_BPF, NET_ADMIN]}}}\n"
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:11:15", "p.yaml:12:15", "p.yaml:14:68"]


def test_narrow_capabilities_drop_lists_and_windows_pods_are_quiet(tmp_path):
    quiet = workload("Pod", "containers:\n  - {name: a, image: x:1, securityContext: {capabilities: {add: [NET_ADMIN, CHOWN], drop: [ALL, SYS_ADMIN]}}}\n")
    windows = workload("Pod", "os: {name: windows}\ncontainers:\n  - {name: a, image: x:1, securityContext: {capabilities: {add: [SYS_ADMIN]}}}\n", "w")
    assert found(tmp_path, {"p.yaml": quiet, "w.yaml": windows}, RULE) == []


def test_capability_dangerous_added_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{capabilities: {add: [SYS_ADMIN]}}')
    assert found(tmp_path, {"d.yaml": text}, 'capability-dangerous-added') == ['d.yaml:12:58']
