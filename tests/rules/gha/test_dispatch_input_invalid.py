"""What `dispatch-input-invalid` reports (a `workflow_dispatch` input GitHub cannot offer: an
unknown type, a choice without options, a default that is not one of its options or not of
its type): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_dispatch_choice_options_through_anchor_and_numbers(tmp_path):
    text = ("on:\n  workflow_dispatch:\n    inputs:\n      a:\n        type: choice\n        options: &opts [1, 2]\n"
            "        default: 2\n      b:\n        type: choice\n        options: *opts\n        default: 3\n")
    assert found(tmp_path, {WF: text + "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n"}, "dispatch-input-invalid") == [
        f"{WF}:11:18"
    ]


def test_dispatch_empty_options_and_boolean_default(tmp_path):
    text = ("on:\n  workflow_dispatch:\n    inputs:\n      a: {type: choice, options: []}\n"
            "      b: {type: boolean, default: TRUE}\n      c: {type: number, default: 1e3}\n"
            "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "dispatch-input-invalid") == [f"{WF}:4:34"]
