"""action-typosquat (zizmor typosquat-uses)."""
from __future__ import annotations

import pytest

from helpers import locs, run
from okla_lint.rules.gha.action_typosquat import look_alike, one_edit

RULE = "action-typosquat"
WF = ".github/workflows/w.yml"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


@pytest.mark.parametrize(
    "name, meant",
    [
        ("action/checkout", "actions/checkout"),
        ("actions/chekout", "actions/checkout"),
        ("actiosn/checkout", "actions/checkout"),
        ("actions/checkout2", "actions/checkout"),
        ("docker/login_action", "docker/login-action"),
        ("aws-action/configure-aws-credentials", "aws-actions/configure-aws-credentials"),
        ("actions/upload-artifacts", "actions/upload-artifact"),
        ("azure/logins", "Azure/login"),
    ],
)
def test_look_alikes(name, meant):
    assert look_alike(name) == meant


@pytest.mark.parametrize(
    "name",
    [
        "actions/checkout", "actions/setup-go", "actions/setup-node", "actions/cache", "actions/stale",
        "my-org/checkout", "actions/create-release", "gradle/actions", "ruby/setup-ruby", "azure/login",
        "peter-evans/create-or-update-comment", "docker/setup-qemu-action",
    ],
)
def test_known_and_distant_names_are_quiet(name):
    assert look_alike(name.lower()) is None


def test_one_edit():
    assert one_edit("abcd", "abdc") and one_edit("abcd", "abd") and one_edit("abcd", "abxd") and one_edit("abc", "abcd")
    assert not one_edit("abcd", "abcd") and not one_edit("abcd", "badc") and not one_edit("abcd", "ab")


def test_steps_composite_and_reusable_jobs(tmp_path):
    files = {
        WF: wf("      - uses: 'actoins/checkout@v4'\n")
        + "  call:\n    uses: actions/chekout/.github/workflows/x.yml@v1\n",
        "action.yml": "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: dockr/login-action@v3\n",
    }
    res = run(tmp_path, files, [RULE])
    assert locs(res) == [f"{WF}:6:16", f"{WF}:8:11", "action.yml:6:13"]
    assert "anyone can register" in [f for f in res.findings if f.path == "action.yml"][0].message
