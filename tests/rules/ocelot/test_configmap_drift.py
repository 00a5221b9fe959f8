"""configmap-drift compares YAML as data (issue 10, family 4): copies that differ only in
blank lines, comments, quoting or flow/block style are the same; a changed value is
reported at the first difference."""
from __future__ import annotations

import pytest

from helpers import lint, write_files

RULE = "configmap-drift"
FILE = "# application settings\nserver:\n  port: 8080\n\n  hosts: [a, b]\nfeatures:\n  beta: true\n"
WF = ("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
      "      - run: kubectl create configmap app-config --from-file=config.yaml=app/config.yaml\n")


def cm(body: str) -> str:
    ind = "\n".join("    " + line if line else "" for line in body.splitlines())
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: app-config}}\ndata:\n  config.yaml: |\n{ind}\n"


@pytest.mark.parametrize("copy", [
    FILE,
    "server:\n  port: 8080\n  hosts:\n    - a\n    - b\nfeatures: {beta: true}\n",
    "server: {port: 8080, hosts: ['a', \"b\"]}   # no comment in the file\nfeatures:\n  beta: true\n",
    "features:\n  beta: true\nserver:\n  hosts: [a, b]\n  port: 8080\n",
])
def test_same_data_other_formatting(tmp_path, copy):
    write_files(tmp_path, {"app/config.yaml": FILE, "k8s/cm.yaml": cm(copy), ".github/workflows/d.yml": WF})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_a_changed_value_is_reported_at_the_first_difference(tmp_path):
    write_files(tmp_path, {"app/config.yaml": FILE, "k8s/cm.yaml": cm(FILE.replace("8080", "9090")), ".github/workflows/d.yml": WF})
    res = lint(tmp_path, select=[RULE])
    assert [(f.rule, f.path, f.line) for f in res.findings] == [(RULE, "k8s/cm.yaml", 8)]
    assert "first difference at server.port" in res.findings[0].message
