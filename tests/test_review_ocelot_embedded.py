"""Review: an ocelot.json embedded in a ConfigMap is the mounted file; its comments and
trailing commas are reported inside the manifest, at their exact positions."""
from __future__ import annotations

from helpers import lint, write_files

CM = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: gw
data:
  ocelot.json: |
    {
      // routes
      "Routes": [
        { "UpstreamPathTemplate": "/o", "DownstreamPathTemplate": "/x", /* inline
             block */ "DownstreamScheme": "http",
          "DownstreamHostAndPorts": [{"Host": "a", "Port": 1},] }
      ]
    }
"""


def test_comments_and_trailing_commas_inside_a_configmap(tmp_path):
    write_files(tmp_path, {"k8s/cm.yaml": CM})
    res = lint(tmp_path, select=["json-comments", "json-trailing-comma"])
    assert not res.internal_errors
    got = sorted((f.rule, f.line, f.col, f.end_line, f.end_col) for f in res.findings)
    lines = CM.splitlines()
    trailing_col = lines[11].index("},]") + 2  # 0-based index of the comma, + 1 -> 1-based
    assert got == [
        ("json-comments", 8, 7, 8, 16),
        ("json-comments", 10, 73, 11, 22),
        ("json-trailing-comma", 12, trailing_col, 12, trailing_col + 1),
    ]
    assert all("ConfigMap 'gw'" in f.message for f in res.findings)


def test_a_clean_embedded_file_and_other_keys_are_not_reported(tmp_path):
    clean = CM.replace("      // routes\n", "").replace("/* inline\n             block */ ", "").replace("},]", "}]")
    write_files(tmp_path, {"k8s/cm.yaml": clean + '  settings.json: |\n    {"a": 1, // x\n    }\n'})
    res = lint(tmp_path, select=["json-comments", "json-trailing-comma"])
    assert res.findings == []  # settings.json is not an Ocelot file: no embedded checks
