"""What `port-invalid` reports (a container or Service port that the API server rejects (number
out of range, invalid or duplicate name, unnamed port of a multi-port Service)): exact rule,
path, line and column."""
from __future__ import annotations

from helpers import lint, locs, write_files


def test_aliases_and_merge_keys_report_where_the_value_is_written(tmp_path):
    write_files(
        tmp_path,
        {
            "m.yaml": (
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
                "    - &base\n      name: ui\n      image: nginx:1.27\n      ports:\n        - {name: web_ui, containerPort: 3000}\n"
                "    - <<: *base\n      name: sidecar\n"
            )
        },
    )
    result = lint(tmp_path, select=["port-invalid"])
    assert set(locs(result)) == {"m.yaml:10:18"}
    assert {f.message.split(" of ")[1] for f in result.findings} == {"container 'ui'", "container 'sidecar'"}


def test_block_style_service_ports_and_node_port_range(tmp_path):
    write_files(
        tmp_path,
        {
            "svc.yaml": (
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n"
                "  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n      nodePort: 0\n"
                "    - name: HTTPS\n      port: 443\n      nodePort: 70000\n"
            )
        },
    )
    assert locs(lint(tmp_path, select=["port-invalid"])) == ["svc.yaml:13:13", "svc.yaml:15:17"]
