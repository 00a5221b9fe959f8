"""action-archived (zizmor archived-uses)."""
from __future__ import annotations

import pytest

from helpers import locs, run

RULE = "action-archived"
WF = ".github/workflows/w.yml"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


@pytest.mark.parametrize(
    "uses, col",
    [
        ("actions/create-release@v1", 15),
        ("Actions/Upload-Release-Asset@v1", 15),
        ("'actions-rs/cargo@v1'", 16),
        ("gradle/gradle-build-action@ac2d340dc04d9e1113182899e983b5400c17cda1 # v3.5.0", 15),
        ("sonarsource/sonarcloud-github-action@master", 15),
        ("actions-rs/toolchain/sub@v1", 15),
    ],
)
def test_reported_at_owner_and_repo(tmp_path, uses, col):
    res = run(tmp_path, {WF: wf(f"      - uses: {uses}\n")}, [RULE])
    assert locs(res) == [f"{WF}:6:{col}"]
    assert res.findings[0].end_col - res.findings[0].col == len(uses.strip("'").split("@")[0].split("/sub")[0])


def test_successor_and_last_commit_in_message(tmp_path):
    res = run(tmp_path, {WF: wf("      - uses: actions/setup-ruby@v1\n")}, [RULE])
    assert "`ruby/setup-ruby`" in res.findings[0].message and "last commit 2021-02-09" in res.findings[0].message


def test_reusable_workflow_job_and_composite(tmp_path):
    files = {
        WF: "on: push\njobs:\n  call:\n    uses: repo-sync/repo-sync/.github/workflows/x.yml@v1\n",
        "action.yml": "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: 8398a7/action-slack@v3\n",
    }
    assert locs(run(tmp_path, files, [RULE])) == [f"{WF}:4:11", "action.yml:6:13"]


@pytest.mark.parametrize("uses", ["actions/checkout@v4", "ruby/setup-ruby@v1", "gradle/actions/setup-gradle@v4", "./actions-rs/cargo", "docker://actions-rs/cargo"])
def test_quiet(tmp_path, uses):
    assert run(tmp_path, {WF: wf(f"      - uses: {uses}\n")}, [RULE]).findings == []
