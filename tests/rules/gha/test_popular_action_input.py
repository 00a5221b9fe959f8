"""popular-action-input (actionlint check-popular-action-inputs): inputs a popular action
does not have at its major version, required inputs not passed."""
from __future__ import annotations

import pytest

from helpers import locs, run

RULE = "popular-action-input"
WF = ".github/workflows/w.yml"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


def test_block_flow_and_quoted_keys(tmp_path):
    steps = (
        "      - uses: actions/checkout@v4\n"
        "        with:\n"
        "          fetch_depth: 0\n"  # 8:11
        "          'ref': main\n"
        "      - uses: actions/setup-python@v5\n"
        "        with: {python_version: '3.12', \"cache\": pip}\n"  # 11:16
    )
    res = run(tmp_path, {WF: wf(steps)}, [RULE])
    assert locs(res) == [f"{WF}:11:16", f"{WF}:8:11"]
    assert "did you mean `fetch-depth`?" in res.findings[0].message or "did you mean `fetch-depth`?" in res.findings[1].message


def test_input_names_are_case_insensitive(tmp_path):
    steps = "      - uses: actions/checkout@v4\n        with: {FETCH-DEPTH: 0, Persist-Credentials: false}\n"
    assert run(tmp_path, {WF: wf(steps)}, [RULE]).findings == []


def test_missing_required_at_with_or_uses(tmp_path):
    steps = (
        "      - uses: actions/upload-artifact@v4\n"  # 6: no with -> at the uses value (6:15)
        "      - uses: actions/cache@v4\n"
        "        with: {path: x}\n"  # 8:9 key missing
    )
    res = run(tmp_path, {WF: wf(steps)}, [RULE])
    assert locs(res) == [f"{WF}:6:15", f"{WF}:8:9"]
    assert "required input `key`" in [f for f in res.findings if f.line == 8][0].message


def test_merge_key_inputs_are_read(tmp_path):
    steps = (
        "      - uses: actions/cache@v4\n"
        "        with:\n"
        "          <<: &c {path: x, key: k}\n"
        "          restore-keys: k-\n"
        "      - uses: actions/cache@v4\n"
        "        with:\n"
        "          <<: *c\n"
        "          restore_keys: k-\n"  # 13:11
    )
    assert locs(run(tmp_path, {WF: wf(steps)}, [RULE])) == [f"{WF}:13:11"]


def test_alias_reported_once_where_written(tmp_path):
    steps = (
        "      - &s\n        uses: actions/checkout@v4\n        with: {fetch_depth: 0}\n"
        "      - *s\n"
    )
    assert locs(run(tmp_path, {WF: wf(steps)}, [RULE])) == [f"{WF}:8:16"]


def test_crlf(tmp_path):
    text = wf("      - uses: actions/checkout@v4\n        with:\n          fetch_depth: 0\n").replace("\n", "\r\n")
    assert locs(run(tmp_path, {WF: text}, [RULE])) == [f"{WF}:8:11"]


def test_composite_action_steps(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n"
        "    - uses: docker/login-action@v3\n"
        "      with: {registry: ghcr.io, user: me}\n"  # 7:33
    )
    res = run(tmp_path, {"action.yml": action}, [RULE])
    assert locs(res) == ["action.yml:7:33"]
    assert "its inputs: `ecr`, `logout`, `password`, `registry`" in res.findings[0].message


def test_sha_pin_is_judged_as_its_release(tmp_path):
    # v4.2.2 of actions/checkout
    steps = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n        with: {fetch_depth: 1}\n"
    res = run(tmp_path, {WF: wf(steps)}, [RULE])
    assert locs(res) == [f"{WF}:7:16"]
    assert "(v4.2.2)" in res.findings[0].message


def test_docker_action_accepts_args_and_entrypoint(tmp_path):
    steps = "      - uses: docker/build-push-action@v1\n        with: {repository: r, args: x, entrypoint: y}\n"
    assert run(tmp_path, {WF: wf(steps)}, [RULE]).findings == []


@pytest.mark.parametrize(
    "uses",
    [
        "actions/checkout@main",  # a branch
        "actions/checkout@v99",  # a release newer than the table
        "actions/checkout@0123456789abcdef0123456789abcdef01234567",  # an unknown commit
        "someone/checkout@v4",  # not in the table
        "./.github/actions/checkout",
        "docker://alpine:3",
        "actions/checkout@${{ matrix.ref }}",
    ],
)
def test_unknown_references_are_not_judged(tmp_path, uses):
    steps = f"      - uses: {uses}\n        with: {{fetch_depth: 0}}\n"
    assert run(tmp_path, {WF: wf(steps)}, [RULE]).findings == []


def test_input_of_an_older_release_of_the_major_is_accepted(tmp_path):
    # `show-progress` exists in later v4 releases only; a pin to v4.0.0 is not judged on it
    steps = "      - uses: actions/checkout@v4.0.0\n        with: {show-progress: false}\n"
    assert run(tmp_path, {WF: wf(steps)}, [RULE]).findings == []


def test_with_that_is_not_a_mapping_is_left_to_the_schema(tmp_path):
    steps = "      - uses: actions/checkout@v4\n        with: fetch-depth\n"
    assert run(tmp_path, {WF: wf(steps)}, [RULE]).findings == []


def test_newest_major_floating_reports_only_typos(tmp_path):
    from okla_lint.lib.gha.popular import latest_major

    newest = latest_major("actions/checkout")
    steps = (
        f"      - uses: actions/checkout@{newest}\n        with: {{brand-new-input: 1, fetch_depth: 0}}\n"
        "      - uses: actions/checkout@v4\n        with: {brand-new-input: 1}\n"
    )
    assert locs(run(tmp_path, {WF: wf(steps)}, [RULE])) == [f"{WF}:7:36", f"{WF}:9:16"]
