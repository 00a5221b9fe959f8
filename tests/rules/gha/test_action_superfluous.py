"""action-superfluous (zizmor superfluous-actions): an action that wraps gh, docker or jq."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "action-superfluous"


def wf(uses: str) -> str:
    return f"on: push\njobs:\n  r:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: {uses}\n"


@pytest.mark.parametrize(
    "uses, col",
    [
        ("ncipollo/release-action@v1", 15),
        ("Softprops/Action-GH-Release@c062e08bd532815e2082a85e87e3ef29c3e6d191 # v2", 15),
        ("'elgohr/Github-Release-Action@v5'", 16),
        ("svenstaro/upload-release-action@2.9.0", 15),
        ("dacbd/create-issue-action@main", 15),
        ("actions-ecosystem/action-add-labels@v1", 15),
        ("actions-ecosystem/action-remove-labels@v1", 15),
        ("addnab/docker-run-action@v3", 15),
        ("sergeysova/jq-action@v2", 15),
    ],
)
def test_reported_at_the_action_name(tmp_path, uses, col):
    write_files(tmp_path, {".github/workflows/w.yml": wf(uses)})
    res = lint(tmp_path, select=[RULE])
    assert locs(res) == [f".github/workflows/w.yml:6:{col}"]
    assert res.findings[0].message.startswith("`" + uses.strip("'").split("@")[0] + "`")


@pytest.mark.parametrize(
    "uses",
    ["actions/checkout@v4", "softprops/action-gh-release-fork@v1", "ncipollo/release-action/sub@v1", "./softprops/action-gh-release",
     "docker://sergeysova/jq-action:v2"],
)
def test_quiet(tmp_path, uses):
    write_files(tmp_path, {".github/workflows/w.yml": wf(uses)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_composite_action_and_block_list(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    -\n      uses: >-\n"
        "        ncipollo/release-action@v1\n"
    )
    write_files(tmp_path, {"action.yml": action})
    assert locs(lint(tmp_path, select=[RULE])) == ["action.yml:8:9"]
