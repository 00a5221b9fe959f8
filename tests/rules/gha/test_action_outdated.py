"""action-version-retired and action-runtime-outdated (actionlint detect-outdated-popular-actions)."""
from __future__ import annotations

import pytest

from helpers import run, triples
from okla_lint.lib.gha.popular import outdated_runtime, resolve

RULES = ["action-version-retired", "action-runtime-outdated"]
WF = ".github/workflows/w.yml"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


@pytest.mark.parametrize(
    "uses, rule, col",
    [
        ("actions/checkout@v2", "action-runtime-outdated", 32),
        ("actions/checkout@v3.6.0", "action-runtime-outdated", 32),
        ("'actions/setup-node@v2'", "action-runtime-outdated", 35),
        ("Docker/Build-Push-Action@v2", "action-runtime-outdated", 40),
        ("actions/upload-artifact@v3", "action-version-retired", 39),
        ("actions/upload-artifact@v3.1.3", "action-version-retired", 39),
        ("actions/download-artifact@v1", "action-version-retired", 41),
        ("actions/cache@v2", "action-version-retired", 29),
        ("actions/cache@v3", "action-runtime-outdated", 29),  # the floating v3 moved to v3.4+: it runs
        ("actions/cache@v4.1.2", "action-version-retired", 29),
        ("actions/cache/restore@v3.3.0", "action-version-retired", 37),
        # composite actions whose step uses a retired version
        ("actions/upload-pages-artifact@v2", "action-version-retired", 45),
        ("actions/upload-pages-artifact@v1.0.8", "action-version-retired", 45),
        ("SonarSource/sonarqube-scan-action@v4.1.0", "action-version-retired", 49),
        # v4.0.2 of actions/cache, pinned by SHA
        ("actions/cache@0c45773b623bea8c8e75f6c82b208c3cf94ea4f9 # v4.0.2", "action-version-retired", 29),
    ],
)
def test_reported_at_the_ref(tmp_path, uses, rule, col):
    res = run(tmp_path, {WF: wf(f"      - uses: {uses}\n")}, RULES)
    assert triples(res) == [(rule, f"{WF}:6:{col}")]


@pytest.mark.parametrize(
    "uses",
    [
        "actions/checkout@v4",
        "actions/checkout@v1",  # a runner plugin, not a Node.js action
        "actions/cache@v4.2.0",
        "actions/upload-artifact@v4",
        "actions/upload-pages-artifact@v1.0.7",  # its step used upload-artifact@main
        "actions/upload-pages-artifact@v3",
        "SonarSource/sonarqube-scan-action@v4",  # the floating v4 uses actions/cache@v4
        "actions/checkout@main",
        "actions/checkout@v99",
        "aquasecurity/trivy-action@0.28.0",  # composite
        "some/action@v1",
    ],
)
def test_quiet(tmp_path, uses):
    assert run(tmp_path, {WF: wf(f"      - uses: {uses}\n")}, RULES).findings == []


def test_retired_is_not_also_outdated(tmp_path):
    res = run(tmp_path, {WF: wf("      - uses: actions/upload-artifact@v3\n        with: {path: x}\n")}, RULES)
    assert [f.rule for f in res.findings] == ["action-version-retired"]


def test_composite_block_scalar_and_alias(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n"
        "    - &co\n      uses: >-\n        actions/checkout@v2\n"
        "    - *co\n"
    )
    assert triples(run(tmp_path, {"action.yml": action}, RULES)) == [("action-runtime-outdated", "action.yml:8:26")]


def test_crlf(tmp_path):
    text = wf("      - uses: actions/setup-go@v3\n").replace("\n", "\r\n")
    assert triples(run(tmp_path, {WF: text}, RULES)) == [("action-runtime-outdated", f"{WF}:6:32")]


def test_runtime_of_the_release_in_use(tmp_path):
    # docker/login-action v1 moved from node12 to node16 within v1: both are outdated; an
    # action whose newer releases moved to node20 inside a major is judged by the release
    res = run(tmp_path, {WF: wf("      - uses: docker/login-action@v1\n")}, RULES)
    assert "`node16`" in res.findings[0].message or "`node12`" in res.findings[0].message


def test_archived_actions_are_left_to_action_archived(tmp_path):
    steps = "      - uses: actions-rs/toolchain@v1\n      - uses: actions/create-release@v1\n"
    assert run(tmp_path, {WF: wf(steps)}, RULES).findings == []


def test_every_outdated_newest_major_is_archived():
    from okla_lint.lib.gha.popular import archived, latest_major, table

    for key, entry in table()["actions"].items():
        res = resolve(f"{key}@{latest_major(key)}")
        if res is not None and outdated_runtime(res):
            assert archived(entry["repo"]) is not None, key
