"""What `action-not-pinned-to-sha` and `action-pinned-to-branch` report (a third-party action
or reusable workflow is referenced by a tag rather than a full commit SHA; a third-party
action or reusable workflow is used at a branch (@main, @master)): exact rule, path, line
and column."""
from __future__ import annotations

from helpers import lint, locs, run, write_files


def test_branch_and_sha_pins_in_composite_actions(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - uses: owner/tool@master\n"
        "    - uses: owner/tool/sub/dir@v2.1\n"
        "    - uses: owner/tool@0123456789abcdef0123456789abcdef01234567\n"
        "    - uses: docker://alpine:3.20\n"
        "    - uses: github/codeql-action/init@main\n"
    )
    r = run(tmp_path, {"action.yml": action}, ["action-pinned-to-branch", "action-not-pinned-to-sha"])
    assert sorted((f.rule, f"{f.line}:{f.col}") for f in r.findings) == [
        ("action-not-pinned-to-sha", "6:32"),
        ("action-pinned-to-branch", "5:24"),
    ]


def test_sha_pin_rule_is_off_by_default(tmp_path):
    text = "on: push\npermissions: {}\njobs:\n  j:\n    runs-on: x\n    steps:\n      - uses: owner/tool@v1\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path)) == []
