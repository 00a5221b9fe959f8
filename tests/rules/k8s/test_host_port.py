"""What `host-port` reports (a container of a workload that is not a node agent binds a port on
its node (hostPort)): exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared
from helpers import found, lint, locs, write_files


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


def test_host_port_in_ports_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b' and init container 'i' use the `ports` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('ports', '[{containerPort: 8080, hostPort: 8080}]', merge=False)
    assert found(tmp_path, {"d.yaml": text}, 'host-port') == ['d.yaml:12:59']
