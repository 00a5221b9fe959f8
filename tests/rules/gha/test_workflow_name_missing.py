"""What `workflow-name-missing` reports (a workflow without `name:`: GitHub shows its file path
instead): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_workflow_name_empty_is_missing(tmp_path):
    text = "name: ''\non: push\njobs:\n  a: {runs-on: ubuntu-latest, steps: [{run: echo}]}\n"
    assert found(tmp_path, {WF: text}, "workflow-name-missing") == [f"{WF}:2:1"]
