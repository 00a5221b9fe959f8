"""Issue 15 (GitHub Actions side): runner-label-unknown, matrix-exclude-no-match,
secrets-all-exposed, secret-json-unredacted, secrets-inherit, bot-condition-spoofable,
container-image-unpinned. Variants: flow and block style, anchors, CRLF, block scalars."""
from __future__ import annotations

import pytest

from helpers import lint, write_files

WF = ".github/workflows/ci.yml"


def found(tmp_path, files, rule, **settings):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=[rule], **settings)
    assert not res.internal_errors
    return [(f.path, f.line, f.col) for f in res.findings if f.rule == rule]


@pytest.mark.parametrize("label, bad", [
    ("ubuntu-lastest", True), ("Ubuntu-Latest", False), ("ubuntu-20.04", True), ("windows-2016", True),
    ("macos-13-xlarge", True), ("macos-14", False), ("ubuntu-latest-64-cores", False),
    ("ubuntu-22.04-arm64", False), ("gpu-runner", False), ("linux", False), ("windws-latest", True),
])
def test_runner_labels(tmp_path, label, bad):
    text = f"on: push\njobs:\n  a:\n    runs-on: {label}\n    steps: [{{run: echo}}]\n"
    assert found(tmp_path, {WF: text}, "runner-label-unknown") == ([(WF, 4, 14)] if bad else [])


def test_runner_label_in_block_list_with_crlf_and_a_configured_label(tmp_path):
    text = "on: push\r\njobs:\r\n  a:\r\n    runs-on:\r\n      - linux\r\n      - ubuntu-lates\r\n    steps: [{run: echo}]\r\n"
    assert found(tmp_path, {WF: text}, "runner-label-unknown") == [(WF, 6, 9)]
    params = {"runner-label-unknown": {"labels": ["ubuntu-lates"]}}
    assert found(tmp_path, {WF: text}, "runner-label-unknown", params=params) == []


def test_matrix_exclude_through_anchor_and_numbers(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
            "        py: &py ['3.11', 3.12]\n        exclude:\n          - py: 3.11\n          - py: '3.13'\n"
            "    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "matrix-exclude-no-match") == [(WF, 10, 17)]


def test_matrix_from_expression_and_include_expression_are_not_judged(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
            "        os: [a]\n        include: ${{ fromJSON(inputs.extra) }}\n        exclude: [{os: b}]\n"
            "    steps: [{run: echo}]\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n"
            "      matrix: ${{ fromJSON(inputs.m) }}\n    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "matrix-exclude-no-match") == []


def test_secrets_in_job_if_and_with(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: org/act@v1\n"
            "        with:\n          all: \"${{ toJson(SECRETS) }}\"\n          one: ${{ secrets.A }}\n")
    assert found(tmp_path, {WF: text}, "secrets-all-exposed") == [(WF, 8, 21)]


def test_unredacted_secret_in_run_block(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
            "          echo start\n          login -p ${{ fromJSON(secrets.CREDS).pw }}\n")
    assert found(tmp_path, {WF: text}, "secret-json-unredacted") == [(WF, 8, 24)]


def test_secrets_inherit_flow_style(tmp_path):
    text = "on: push\njobs:\n  a: {uses: o/r/.github/workflows/w.yml@v1, secrets: inherit}\n"
    assert found(tmp_path, {WF: text}, "secrets-inherit") == [(WF, 3, 54)]


@pytest.mark.parametrize("on, bad", [
    ("pull_request_target", True), ("[push, pull_request]", True), ("{workflow_run: {workflows: [CI]}}", True),
    ("push", False), ("schedule", False),
])
def test_bot_condition_depends_on_trigger(tmp_path, on, bad):
    text = (f"on: {on}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    if: ${{{{ github.ACTOR == 'dependabot[bot]' }}}}\n"
            "    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "bot-condition-spoofable") == ([(WF, 5, 13)] if bad else [])


def test_bot_condition_under_not_or_function_is_not_reported(tmp_path):
    text = ("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
            "    if: \"!(github.actor == 'dependabot[bot]') && contains(github.actor, '[bot]')\"\n"
            "    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "bot-condition-spoofable") == []


@pytest.mark.parametrize("image, bad", [
    ("alpine", True), ("alpine:3.20", False), ("alpine:LATEST", True), ("localhost:5000/x", True),
    ("localhost:5000/x:1", False), ("x@sha256:abc", False), ("'${{ matrix.image }}'", False),
])
def test_images(tmp_path, image, bad):
    text = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: {image}\n    steps: [{{run: echo}}]\n"
    assert found(tmp_path, {WF: text}, "container-image-unpinned") == ([(WF, 6, 14)] if bad else [])


def test_forbidden_patterns_match_the_ref_and_ignore_case(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: Org/Act@main\n"
            "      - uses: org/act@v1\n")
    got = found(tmp_path, {WF: text}, "action-forbidden", params={"action-forbidden": {"forbidden": ["*@main"]}})
    assert got == [(WF, 6, 15)]


def test_forbidden_from_the_configuration_file(tmp_path):
    import subprocess
    import sys

    write_files(tmp_path, {
        ".okla-lint.yaml": "params:\n  action-forbidden:\n    forbidden: [tj-actions/*]\n",
        WF: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: tj-actions/x@v1\n",
    })
    out = subprocess.run([sys.executable, "-m", "okla_lint.cli", "check", "--select", "action-forbidden", "--exit-zero", "."],
                         cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"{WF}:6:15:" in out.stdout
