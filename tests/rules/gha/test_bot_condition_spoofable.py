"""What `bot-condition-spoofable` reports (an `if:` that trusts `github.actor == '...[bot]'` in
a workflow pull requests trigger: the author of the pull request can satisfy it): exact
rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import WF, found


@pytest.mark.parametrize("on, bad", [
    ("pull_request_target", True), ("[push, pull_request]", True), ("{workflow_run: {workflows: [CI]}}", True),
    ("push", False), ("schedule", False),
])
def test_bot_condition_depends_on_trigger(tmp_path, on, bad):
    text = (f"on: {on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    if: ${{{{ github.ACTOR == 'dependabot[bot]' }}}}\n"
            "    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "bot-condition-spoofable") == ([f"{WF}:5:13"] if bad else [])


def test_bot_condition_under_not_or_function_is_not_reported(tmp_path):
    text = ("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
            "    if: \"!(github.actor == 'dependabot[bot]') && contains(github.actor, '[bot]')\"\n"
            "    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "bot-condition-spoofable") == []
