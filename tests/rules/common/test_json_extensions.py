"""What `json-comments` and `json-trailing-comma` report (a JSON configuration file contains //
or /* */ comments; a JSON configuration file has a comma before a closing } or ]): exact
rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files


CSPROJ = '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><PackageReference Include="Ocelot" Version="18.0.0" /></ItemGroup></Project>'


OCELOT = '{\n  // orders\n  "Routes": [],\n}\n'


K8S = '{\n  // a comment\n  "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}\n}\n'


SHIP = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: {cmd}\n"


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"gw/Gw.csproj": CSPROJ, "gw/ocelot.json": OCELOT}, []),
        ({"gw/Gw.csproj": CSPROJ, "gw/config/ocelot.Local.json": OCELOT}, []),
        ({"gw/ocelot.json": OCELOT}, ["gw/ocelot.json:2:3", "gw/ocelot.json:3:15"]),
        ({"gw/Gw.csproj": CSPROJ, "gw/ocelot.json": OCELOT,
          ".github/workflows/d.yml": SHIP.format(cmd="kubectl create configmap gw --from-file=gw/ocelot.json")},
         ["gw/ocelot.json:2:3", "gw/ocelot.json:3:15"]),
        ({"gw/Gw.csproj": CSPROJ, "gw/ocelot.json": OCELOT,
          ".github/workflows/d.yml": SHIP.format(cmd="jq . ocelot.json")},
         ["gw/ocelot.json:2:3", "gw/ocelot.json:3:15"]),
        ({"gw/Gw.csproj": CSPROJ, "gw/k8s/cm.json": K8S}, ["gw/k8s/cm.json:2:3"]),
    ],
    ids=["gateway-only", "gateway-subfolder", "no-project", "shipped-to-configmap", "jq-by-name", "k8s-json"],
)
def test_json_extensions_in_the_gateway_project(tmp_path, files, expected):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["json-comments", "json-trailing-comma"])
    assert sorted(locs(res, "json-comments") + locs(res, "json-trailing-comma")) == expected
    for f in res.findings:
        if ".github" in "".join(files):
            assert "reads or ships it" in f.message


CM_HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n"


@pytest.mark.parametrize(
    "data, expected",
    [
        # `kubectl create configmap --from-file ... -o yaml` writes a file whose lines end in
        # spaces as one double-quoted line with \n escapes
        ('  ocelot.json: "{\\n  // c\\n  \\"Routes\\": [],\\n}"\n',
         [("json-comments", "cm.yaml:5:22"), ("json-trailing-comma", "cm.yaml:5:44")]),
        ('  ocelot.json: "{\\t\\"Routes\\": [] /* x */}"\r\n'.replace("\n", ""),
         [("json-comments", "cm.yaml:5:35")]),
        # a line comment swallows the closing brace: not JSON once read, left alone
        ("  ocelot.json: '{\"Routes\": [] // it''s}'\n", []),
        ("  ocelot.json: '{\"Routes\": [] /* it''s */}'\n", [("json-comments", "cm.yaml:5:31")]),
        # over several lines, folded with \ continuations as go-yaml writes it: each line
        # is decoded and aligned, so the positions stay exact
        ('  ocelot.json: "{\\n  // c\\n  \\"Routes\\": [],\\\n    \\n}"\n',
         [("json-comments", "cm.yaml:5:22"), ("json-trailing-comma", "cm.yaml:5:44")]),
        ('  ocelot.json: "{\\n  \\"Routes\\": [{\\"Dwn\\"\\\n    : 1}],\\n\\t\\"GlobalConfiguration\\": {} /* x */\\n}"\n',
         [("json-comments", "cm.yaml:6:43")]),
        ('  ocelot.json: "{\\"Routes\\": []}"\n', []),
    ],
)
def test_json_comments_in_a_one_line_quoted_configmap_value(tmp_path, data, expected):
    write_files(tmp_path, {"cm.yaml": CM_HEAD + data})
    res = lint(tmp_path, select=["json-comments", "json-trailing-comma"])
    assert sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings) == expected


def test_json_comments_in_the_ocelot_string_of_a_json_configmap(tmp_path):
    cm = ('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "gw"},\n'
          ' "data": {"ocelot.json": "{\\n\\"Routes\\": [] // c\\n}"}}\n')
    write_files(tmp_path, {"cm.json": cm})
    assert locs(lint(tmp_path, select=["json-comments"])) == ["cm.json:2:45"]
