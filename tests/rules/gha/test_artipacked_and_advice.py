"""Issue 15 (GitHub Actions side): artifact-includes-git-credentials and the advice rules
(off by default): checkout-persist-credentials, workflow-name-missing, concurrency-missing,
secrets-outside-environment, self-hosted-runner-public-trigger."""
from __future__ import annotations

import pytest

from helpers import lint, write_files

WF = ".github/workflows/ci.yml"


def found(tmp_path, files, rule):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=[rule])
    assert not res.internal_errors
    return [(f.path, f.line, f.col) for f in res.findings if f.rule == rule]


def _job(checkout: str, upload: str, path: str, extra: str = "") -> str:
    return ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - uses: actions/checkout@{checkout}\n"
            f"      - uses: actions/upload-artifact@{upload}\n        with:\n          path: {path}\n{extra}")


@pytest.mark.parametrize("checkout, upload, path, extra, bad", [
    ("v4", "v3", ".", "", True),
    ("v6", "v3", ".", "", False),  # v6 keeps the token under $RUNNER_TEMP
    ("0123456789abcdef0123456789abcdef01234567", "v2", "./", "", True),
    ("v4", "v4", ".", "", False),
    ("v4", "v4", ".", "          include-hidden-files: 'true'\n", True),
    ("v4", "v3", "dist", "", False),
    ("v4", "v3", "|\n            dist\n            .git", "", True),
    ("v4", "v3", "|\n            .\n            !.git", "", False),  # the folder is left out
])
def test_upload_after_checkout(tmp_path, checkout, upload, path, extra, bad):
    got = found(tmp_path, {WF: _job(checkout, upload, path, extra)}, "artifact-includes-git-credentials")
    assert got == ([(WF, 9, 17)] if bad else [])


def test_upload_before_the_checkout_is_not_reported(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - {uses: actions/upload-artifact@v3, with: {path: .}}\n      - uses: actions/checkout@v4\n")
    assert found(tmp_path, {WF: text}, "artifact-includes-git-credentials") == []


def test_advice_rules_are_off_by_default(tmp_path):
    write_files(tmp_path, {WF: "on: pull_request\njobs:\n  a:\n    runs-on: self-hosted\n    steps:\n"
                               "      - uses: actions/checkout@v4\n      - run: echo ${{ secrets.X }}\n"})
    rules = {f.rule for f in lint(tmp_path).findings}
    assert not rules & {"checkout-persist-credentials", "workflow-name-missing", "concurrency-missing",
                        "secrets-outside-environment", "self-hosted-runner-public-trigger"}


def test_secrets_in_a_run_block_and_job_if(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    if: secrets.ENABLED != ''\n    steps:\n"
            "      - run: |\n          echo hi\n          curl -H \"${{ secrets.API }}\" x\n")
    assert found(tmp_path, {WF: text}, "secrets-outside-environment") == [(WF, 5, 9), (WF, 9, 24)]


def test_self_hosted_string_with_crlf(tmp_path):
    text = "on:\r\n  issue_comment:\r\njobs:\r\n  a:\r\n    runs-on: Self-Hosted\r\n    steps: [{run: echo}]\r\n"
    assert found(tmp_path, {WF: text}, "self-hosted-runner-public-trigger") == [(WF, 5, 14)]


def test_workflow_name_empty_is_missing(tmp_path):
    text = "name: ''\non: push\njobs:\n  a: {runs-on: ubuntu-latest, steps: [{run: echo}]}\n"
    assert found(tmp_path, {WF: text}, "workflow-name-missing") == [(WF, 2, 1)]
