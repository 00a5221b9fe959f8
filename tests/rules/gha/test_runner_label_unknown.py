"""What `runner-label-unknown` reports (a `runs-on` label no runner has: a retired GitHub-
hosted image (`ubuntu-20.04`, `windows-2019`, `macos-13`) or a typo of a hosted label
(`ubuntu-lastest`)): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import WF, found


@pytest.mark.parametrize("label, bad", [
    ("ubuntu-lastest", True), ("Ubuntu-Latest", False), ("ubuntu-20.04", True), ("windows-2016", True),
    ("macos-13-xlarge", True), ("macos-14", False), ("ubuntu-latest-64-cores", False),
    ("ubuntu-22.04-arm64", False), ("gpu-runner", False), ("linux", False), ("windws-latest", True),
])
def test_runner_labels(tmp_path, label, bad):
    text = f"on: push\njobs:\n  a:\n    runs-on: {label}\n    steps: [{{run: echo}}]\n"
    assert found(tmp_path, {WF: text}, "runner-label-unknown") == ([f"{WF}:4:14"] if bad else [])


def test_runner_label_in_block_list_with_crlf_and_a_configured_label(tmp_path):
    text = "on: push\r\njobs:\r\n  a:\r\n    runs-on:\r\n      - linux\r\n      - ubuntu-lates\r\n    steps: [{run: echo}]\r\n"
    assert found(tmp_path, {WF: text}, "runner-label-unknown") == [f"{WF}:6:9"]
    params = {"runner-label-unknown": {"labels": ["ubuntu-lates"]}}
    assert found(tmp_path, {WF: text}, "runner-label-unknown", params=params) == []
