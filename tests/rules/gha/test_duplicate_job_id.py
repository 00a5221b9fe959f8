"""What `duplicate-job-id` reports (two job ids of a workflow that differ only in letter
case, which GitHub rejects): exact rule, path, line and column of the later id."""
from __future__ import annotations

from helpers import found

RULE = "duplicate-job-id"
WF = ".github/workflows/ci.yml"


def test_block_style_every_later_spelling(tmp_path):
    text = ("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n"
            "  Build:\n    runs-on: windows-latest\n    steps: [{run: make}]\n"
            "  BUILD: {runs-on: macos-latest, steps: [{run: make}]}\n")
    assert found(tmp_path, {WF: text}, RULE) == [f"{WF}:6:3", f"{WF}:9:3"]


def test_flow_style_quoted_and_crlf(tmp_path):
    text = 'on: push\njobs: {test: {runs-on: x, steps: [{run: a}]}, "Test": {runs-on: x, steps: [{run: b}]}}\n'
    assert found(tmp_path, {WF: text.replace("\n", "\r\n")}, RULE) == [f"{WF}:2:47"]


def test_distinct_ids_and_composite_actions_are_quiet(tmp_path):
    files = {
        WF: "on: push\njobs:\n  build: {runs-on: x, steps: [{run: a}]}\n  build-windows: {runs-on: x, steps: [{run: b}]}\n",
        ".github/actions/a/action.yml": "runs:\n  using: composite\n  steps: [{run: a, shell: bash}]\n",
    }
    assert found(tmp_path, files, RULE) == []
