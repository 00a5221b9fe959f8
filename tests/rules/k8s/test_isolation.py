"""host-port, proc-mount-unmasked, sysctl-unsafe, windows-host-process: variants beyond the
catalogue examples (every workload kind, one finding per container, CRLF, flow style)."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

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


def test_one_host_port_finding_per_container_with_the_others_related(tmp_path):
    write_files(
        tmp_path,
        {
            "p.yaml": "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n"
            "    - name: storm\r\n      image: storm:1.2\r\n      ports:\r\n"
            "        - {containerPort: 6700, hostPort: 6700}\r\n        - {containerPort: 6701, hostPort: 6701}\r\n"
        },
    )
    result = lint(tmp_path, select=["host-port"])
    assert locs(result) == ["p.yaml:9:43"]
    (finding,) = result.findings
    assert "6700, 6701" in finding.message
    assert [(r.line, r.col) for r in finding.related] == [(10, 43)]


def test_sysctl_placeholders_and_safe_names_in_every_spelling(tmp_path):
    write_files(
        tmp_path,
        {
            "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n"
            "      - {name: '${SYSCTL}', value: '1'}\n      - {name: net.ipv4.tcp_syncookies, value: '1'}\n"
            "      - {name: net/ipv4/ip_local_port_range, value: '1024 65000'}\n"
            "  containers: [{name: a, image: 'nginx:1.27'}]\n"
        },
    )
    assert locs(lint(tmp_path, select=["sysctl-unsafe"])) == []
