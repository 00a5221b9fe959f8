"""Issue 10 (precision on the user's repository): `github.event.workflow_run.head_branch` is
one of the literal names of `on.workflow_run.branches` when that list has no glob, so pasting
it into a script cannot inject code; everything else about workflow_run stays reported."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files


def workflow(trigger: str, expr: str = "github.event.workflow_run.head_branch", script: bool = False) -> str:
    step = (
        f"      - uses: actions/github-script@v7\n        with:\n          script: console.log('${{{{ {expr} }}}}')\n"
        if script
        else f"      - run: |\n          if [ \"${{{{ {expr} }}}}\" == \"main\" ]; then echo prod; fi\n"
    )
    return f"on:\n{trigger}\n  workflow_dispatch:\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n{step}"


@pytest.mark.parametrize(
    "trigger, n",
    [
        ("  workflow_run:\n    workflows: [CI]\n    types: [completed]\n    branches: [main]", 0),
        ("  workflow_run:\n    workflows: [CI]\n    branches: [main, release/v2]", 0),
        ("  workflow_run:\n    workflows: [CI]\n    branches: main", 0),
        ("  workflow_run:\n    workflows: [CI]\n    branches: ['release/**']", 1),
        ("  workflow_run:\n    workflows: [CI]\n    branches-ignore: [main]", 1),
        ("  workflow_run:\n    workflows: [CI]", 1),
    ],
    ids=["one-branch", "two-branches", "scalar", "glob", "ignore-list", "no-filter"],
)
def test_head_branch_pinned_by_the_branches_filter(tmp_path, trigger, n):
    write_files(tmp_path, {".github/workflows/d.yml": workflow(trigger)})
    assert len(locs(lint(tmp_path, select=["script-injection"]), "script-injection")) == n


def test_the_filter_pins_only_head_branch(tmp_path):
    trigger = "  workflow_run:\n    workflows: [CI]\n    branches: [main]"
    write_files(tmp_path, {".github/workflows/d.yml": workflow(trigger, "github.event.workflow_run.head_commit.message")})
    assert locs(lint(tmp_path, select=["script-injection"]), "script-injection") == [".github/workflows/d.yml:11:21"]


def test_github_script_too(tmp_path):
    write_files(tmp_path, {".github/workflows/a.yml": workflow("  workflow_run:\n    workflows: [CI]\n    branches: [main]", script=True),
                           ".github/workflows/b.yml": workflow("  workflow_run:\n    workflows: [CI]", script=True)})
    assert [x.split(":")[0] for x in locs(lint(tmp_path, select=["script-injection"]), "script-injection")] == [".github/workflows/b.yml"]
