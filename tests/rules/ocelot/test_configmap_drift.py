"""configmap-drift compares YAML as data (issue 10, family 4): copies that differ only in
blank lines, comments, quoting or flow/block style are the same; a changed value is
reported at the first difference."""
from __future__ import annotations

import json
import shutil

import pytest

from helpers import lint, locs, write_files
from ocelot_util import PROD, REPO, _wf, cm_wiring

RULE = "configmap-drift"
FILE = "# application settings\nserver:\n  port: 8080\n\n  hosts: [a, b]\nfeatures:\n  beta: true\n"
WF = ("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
      "      - run: kubectl create configmap app-config --from-file=config.yaml=app/config.yaml\n")


def cm_configmap_drift(body: str) -> str:
    ind = "\n".join("    " + line if line else "" for line in body.splitlines())
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: app-config}}\ndata:\n  config.yaml: |\n{ind}\n"


@pytest.mark.parametrize("copy", [
    FILE,
    "server:\n  port: 8080\n  hosts:\n    - a\n    - b\nfeatures: {beta: true}\n",
    "server: {port: 8080, hosts: ['a', \"b\"]}   # no comment in the file\nfeatures:\n  beta: true\n",
    "features:\n  beta: true\nserver:\n  hosts: [a, b]\n  port: 8080\n",
])
def test_same_data_other_formatting(tmp_path, copy):
    write_files(tmp_path, {"app/config.yaml": FILE, "k8s/cm.yaml": cm_configmap_drift(copy), ".github/workflows/d.yml": WF})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_a_changed_value_is_reported_at_the_first_difference(tmp_path):
    write_files(tmp_path, {"app/config.yaml": FILE, "k8s/cm.yaml": cm_configmap_drift(FILE.replace("8080", "9090")), ".github/workflows/d.yml": WF})
    res = lint(tmp_path, select=[RULE])
    assert [(f.rule, f.path, f.line) for f in res.findings] == [(RULE, "k8s/cm.yaml", 8)]
    assert "first difference at server.port" in res.findings[0].message


def test_drift_from_file_without_key_uses_the_file_name(tmp_path):
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": _wf("kubectl create cm nginx-conf --from-file conf/nginx.conf --dry-run=client -o yaml | kubectl apply -f -"),
            "k8s/cm.yaml": cm_wiring("nginx-conf", "nginx.conf", "server {\n  listen 80;\n}"),
            "conf/nginx.conf": "server {\n  listen 8080;\n}\n",
        },
    )
    res = lint(tmp_path, select=["configmap-drift"])
    assert locs(res) == ["k8s/cm.yaml:6:3"]
    assert [r.path for r in res.findings[0].related] == ["conf/nginx.conf", ".github/workflows/d.yml"]


def test_drift_text_ignores_trailing_whitespace_and_line_ends(tmp_path):
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": _wf("kubectl create configmap nginx-conf --from-file=nginx.conf=conf/nginx.conf"),
            "k8s/cm.yaml": cm_wiring("nginx-conf", "nginx.conf", "server {\n  listen 80;\n}"),
            "conf/nginx.conf": "server {   \r\n  listen 80;\r\n}\r\n",
        },
    )
    assert lint(tmp_path, select=["configmap-drift"]).findings == []


def test_drift_by_name_needs_a_single_candidate_and_the_same_configmap(tmp_path):
    content = json.dumps({"Routes": []})
    write_files(
        tmp_path,
        {
            "k8s/cm.yaml": cm_wiring("gateway-config", "ocelot.json", content),
            "a/ocelot.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "a"}}),
            "b/ocelot.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "b"}}),
            ".github/workflows/d.yml": _wf("kubectl create configmap other --from-file=ocelot.json=a/ocelot.json"),
        },
    )
    assert lint(tmp_path, select=["configmap-drift"]).findings == []


def test_drift_path_relative_to_working_directory(tmp_path):
    wf = _wf("kubectl create configmap gw --from-file=ocelot.json=./ocelot.prod.json").replace(
        "      - run: |", "      - working-directory: backend/gw\n        run: |"
    )
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": wf,
            "k8s/cm.yaml": cm_wiring("gw", "ocelot.json", json.dumps({"Routes": []})),
            "backend/gw/ocelot.prod.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "x"}}),
        },
    )
    res = lint(tmp_path, select=["configmap-drift"])
    assert len(res.findings) == 1 and "backend/gw/ocelot.prod.json" in res.findings[0].message


def test_configmap_in_sync_gives_no_drift(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    prod = (repo / PROD).read_text()
    body = "\n".join("    " + line for line in prod.splitlines())
    cm = (repo / "k8s" / "gateway-config.yaml").read_text()
    head = cm[: cm.index("  ocelot.json: |") + len("  ocelot.json: |\n")]
    (repo / "k8s" / "gateway-config.yaml").write_text(head + body + "\n")
    result = lint(repo, select=["configmap-drift"])
    assert result.findings == []
