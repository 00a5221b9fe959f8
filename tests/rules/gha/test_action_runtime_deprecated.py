"""action-runtime-deprecated: flow style, CRLF, case, action.yaml."""
from __future__ import annotations

from helpers import lint, locs, write_files

RULE = "action-runtime-deprecated"


def test_flow_crlf_case_and_action_yaml(tmp_path):
    write_files(
        tmp_path,
        {
            "a/action.yml": "name: a\nruns: {using: Node12, main: i.js}\n",
            "b/action.yaml": "name: b\r\nruns:\r\n  using: node16\r\n  main: i.js\r\n",
            "c/action.yml": "name: c\nruns: {using: node20, main: i.js}\n",
            "a/i.js": "",
            "b/i.js": "",
            "c/i.js": "",
        },
    )
    assert locs(lint(tmp_path, select=[RULE]), RULE) == ["a/action.yml:2:15", "b/action.yaml:3:10"]
