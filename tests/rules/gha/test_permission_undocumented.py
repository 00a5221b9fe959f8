"""permission-undocumented (zizmor undocumented-permissions): a permission other than
`contents: read` and `none` without a comment on its line or right above it."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "permission-undocumented"
JOB = "jobs:\n  b:\n    runs-on: ubuntu-latest\n    steps: [{run: make}]\n"


@pytest.mark.parametrize(
    "perms, expected",
    [
        ("permissions:\n  contents: write\n  issues: write  # to label the PR\n", ["2:3"]),
        ("permissions:\n  # to push the image\n  packages: write\n  contents: read\n", []),
        ("permissions:\n  contents: read\n  pull-requests: none\n", []),
        ("permissions:\n  statuses: write # '#' quoted\n  checks: 'write'\n", ["3:3"]),
        ("permissions: {contents: write, checks: write}\n", ["1:15", "1:32"]),
        ("permissions: {contents: write, checks: write}  # release and check runs\n", []),
        ("permissions: read-all\n", []),
        ("permissions:\n  contents: \"a#b\"\n", ["2:3"]),
    ],
    ids=["block", "comment-above", "read-and-none", "quoted", "flow", "flow-commented", "shorthand", "hash-in-quotes"],
)
def test_workflow_permissions(tmp_path, perms, expected):
    write_files(tmp_path, {".github/workflows/w.yml": "on: push\n" + perms.replace("\n", "\n", ) + JOB})
    shift = 1  # the `on:` line
    want = sorted(f".github/workflows/w.yml:{int(e.split(':')[0]) + shift}:{e.split(':')[1]}" for e in expected)
    assert locs(lint(tmp_path, select=[RULE])) == want


def test_job_permissions_and_crlf(tmp_path):
    text = (
        "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n"
        "      attestations: write # actions/attest-build-provenance\n    steps: [{run: make}]\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text.replace("\n", "\r\n")})
    res = lint(tmp_path, select=[RULE])
    assert locs(res) == [".github/workflows/w.yml:6:7"]
    assert "`id-token` is granted `write` (job `b`)" in res.findings[0].message


def test_anchor_reported_once(tmp_path):
    text = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: &p\n      issues: write\n"
        "    steps: [{run: make}]\n  b:\n    runs-on: ubuntu-latest\n    permissions: *p\n    steps: [{run: make}]\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:6:7"]


def test_off_by_default(tmp_path):
    write_files(tmp_path, {".github/workflows/w.yml": "on: push\npermissions:\n  issues: write\n" + JOB})
    assert [f for f in lint(tmp_path).findings if f.rule == RULE] == []
