"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, write_files


WF = ".github/workflows/ci.yml"


def test_advice_rules_are_off_by_default(tmp_path):
    write_files(tmp_path, {WF: "on: pull_request\njobs:\n  a:\n    runs-on: self-hosted\n    steps:\n"
                               "      - uses: actions/checkout@v4\n      - run: echo ${{ secrets.X }}\n"})
    rules = {f.rule for f in lint(tmp_path).findings}
    assert not rules & {"checkout-persist-credentials", "workflow-name-missing", "concurrency-missing",
                        "secrets-outside-environment", "self-hosted-runner-public-trigger"}
