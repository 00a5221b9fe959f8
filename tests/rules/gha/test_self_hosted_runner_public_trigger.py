"""What `self-hosted-runner-public-trigger` reports (a job on a self-hosted runner in a
workflow that pull requests, comments or issues trigger): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_self_hosted_string_with_crlf(tmp_path):
    text = "on:\r\n  issue_comment:\r\njobs:\r\n  a:\r\n    runs-on: Self-Hosted\r\n    steps: [{run: echo}]\r\n"
    assert found(tmp_path, {WF: text}, "self-hosted-runner-public-trigger") == [f"{WF}:5:14"]
