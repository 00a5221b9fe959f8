"""What `uses-invalid` reports (a `uses:` that is no action or reusable-workflow reference
GitHub accepts (no `@ref`, no owner, an empty Docker image or tag)): exact rule, path, line
and column."""
from __future__ import annotations

import pytest

from helpers import WF, found


@pytest.mark.parametrize("uses, bad", [
    ("actions/checkout", True),
    ("actions/checkout@v4", False),
    ("actions/checkout@", True),
    ("/checkout@v4", True),
    ("actions/@v4", True),
    ("github/codeql-action/init@v3", False),
    ("docker://alpine", False),
    ("docker://localhost:5000/img:1", False),
    ("'docker://alpine:'", True),
    ("docker://", True),
    ("./local", False),
    ("${{ matrix.a }}", False),
])
def test_step_uses_forms(tmp_path, uses, bad):
    text = f"on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: {uses}\n"
    assert found(tmp_path, {WF: text}, "uses-invalid") == ([f"{WF}:6:15"] if bad else [])


def test_uses_through_an_anchor_is_reported_once_at_its_definition(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - &co\n        uses: actions/checkout\n"
            "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *co\n")
    assert found(tmp_path, {WF: text}, "uses-invalid") == [f"{WF}:7:15"]


def test_crlf_and_reusable_job(tmp_path):
    text = "on: push\r\njobs:\r\n  call:\r\n    uses: org/repo/.github/workflows/x.yml\r\n"
    assert found(tmp_path, {WF: text}, "uses-invalid") == [f"{WF}:4:11"]
