"""action-version-comment-mismatch (zizmor ref-version-mismatch, offline)."""
from __future__ import annotations

import pytest

from helpers import locs, run

RULE = "action-version-comment-mismatch"
WF = ".github/workflows/w.yml"
V411 = "b4ffde65f46336ab88eb53be808477a3936bae11"  # actions/checkout v4.1.1
V422 = "11bd71901bbe5b1630ceea73d27597364c9af683"  # actions/checkout v4.2.2


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


@pytest.mark.parametrize(
    "comment, col",
    [("# v4.2.2", 75), ("#v4.2.2", 74), ("# 4.2.2", 75), ("# tag=v4.2.2", 79), ("# pin@v4.2.2 (Oct 2024)", 79),
     ("# tag = v4.2.2", 81), ("# version: 4.2.2", 84), ("# ratchet:actions/checkout@v4.2.2", 100)],
)
def test_comment_forms(tmp_path, comment, col):
    res = run(tmp_path, {WF: wf(f"      - uses: actions/checkout@{V411} {comment}\n")}, [RULE])
    assert locs(res) == [f"{WF}:6:{col}"]
    f = res.findings[0]
    assert "that commit is v4.1.1, not v4.2.2" in f.message and f.fix is not None


def test_quoted_scalar_and_sub_path_action(tmp_path):
    res = run(tmp_path, {WF: wf(f"      - uses: 'actions/checkout/sub@{V411}'  # v4.2.2\n")}, [RULE])
    assert locs(res) == [f"{WF}:6:82"]


def test_composite_action_and_crlf(tmp_path):
    action = (
        "name: x\r\ndescription: x\r\nruns:\r\n  using: composite\r\n  steps:\r\n"
        f"    - uses: actions/checkout@{V422} # v4.1.1\r\n"
    )
    res = run(tmp_path, {"action.yml": action}, [RULE])
    assert locs(res) == ["action.yml:6:73"]
    assert "that commit is v4.2.2, not v4.1.1" in res.findings[0].message


def test_unknown_commit_has_no_fix(tmp_path):
    res = run(tmp_path, {WF: wf("      - uses: actions/checkout@" + "0" * 40 + " # v4.2.2\n")}, [RULE])
    assert len(res.findings) == 1 and res.findings[0].fix is None
    assert "no release okla-lint knows" in res.findings[0].message


@pytest.mark.parametrize(
    "line",
    [
        f"actions/checkout@{V411} # v4.1.1",
        f"actions/checkout@{V411} # v4",  # floating: not compared
        f"actions/checkout@{V411} # v4.1",  # floating minor
        f"actions/checkout@{V411} # v9.9.9",  # unknown release
        f"actions/checkout@{V411} # release notes: see v4.2.2",  # not a version comment
        f"actions/checkout@{V411} # zizmor: ignore[unpinned-uses] v4.2.2",  # opens with no version
        f"actions/checkout@{V411} # v4.2.2-rc.1",  # a pre-release: not a release to compare
        f"actions/checkout@{V411}",
        "actions/checkout@v4 # v4.2.2",  # not a commit pin
        f"someone/fork@{V411} # v4.2.2",  # not in the table
    ],
)
def test_quiet(tmp_path, line):
    assert run(tmp_path, {WF: wf(f"      - uses: {line}\n")}, [RULE]).findings == []


def test_block_scalar_uses_is_not_judged(tmp_path):
    assert run(tmp_path, {WF: wf(f"      - uses: >-\n          actions/checkout@{V411}\n        # v4.2.2\n")}, [RULE]).findings == []


def test_upper_case_sha_pin(tmp_path):
    res = run(tmp_path, {WF: wf(f"      - uses: actions/checkout@{V411.upper()} # v4.2.2\n")}, [RULE])
    assert locs(res) == [f"{WF}:6:75"]
