"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

import pytest

from helpers import lint, write_files


WORKLOADS = {
    "Deployment": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  selector: {matchLabels: {app: w}}\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n      dnsPolicy: ClusterFirst\n",
    "StatefulSet": "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: w}\nspec:\n  serviceName: w\n  selector: {matchLabels: {app: w}}\n  template:\n    metadata: {labels: {app: w}}\n    spec:\n      dnsPolicy: ClusterFirst\n",
    "Job": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n",
    "CronJob": "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: w}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n",
}


def _indent(head: str) -> str:
    return " " * (len(head.rstrip("\n").splitlines()[-1]) - len(head.rstrip("\n").splitlines()[-1].lstrip()))


@pytest.mark.parametrize("kind", sorted(WORKLOADS))
def test_each_rule_in_every_workload_kind(tmp_path, kind):
    head = WORKLOADS[kind]
    ind = _indent(head)
    body = head + (
        f"{ind}securityContext:\n{ind}  sysctls: [{{name: vm.max_map_count, value: '262144'}}]\n"
        f"{ind}containers:\n{ind}  - name: c\n{ind}    image: busybox:1.36\n"
        f"{ind}    ports: [{{containerPort: 80, hostPort: 80}}]\n"
        f"{ind}    securityContext: {{procMount: Unmasked}}\n"
    )
    write_files(tmp_path, {"w.yaml": body})
    rules = ["host-port", "proc-mount-unmasked", "sysctl-unsafe"]
    found = sorted(f.rule for f in lint(tmp_path, select=rules).findings)
    assert found == sorted(rules)
