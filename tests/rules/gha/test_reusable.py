"""Review: every missing required input and secret of a reusable-workflow call is reported,
even when several of them point at the same `uses:`."""
from __future__ import annotations

from helpers import lint, write_files

CALLED = (
    "on:\n"
    "  workflow_call:\n"
    "    inputs:\n"
    "      env: {type: string, required: true}\n"
    "      tag: {type: string, required: true, default: latest}\n"
    "    secrets:\n"
    "      registry-password: {required: true}\n"
    "jobs:\n"
    "  j:\n"
    "    runs-on: ubuntu-latest\n"
    "    steps: [{run: echo}]\n"
)


def test_missing_input_and_secret_at_the_same_uses(tmp_path):
    caller = (
        "on: push\n"
        "jobs:\n"
        "  deploy:\n"
        "    uses: ./.github/workflows/reusable.yml\n"
        "  inherit:\n"
        "    uses: ./.github/workflows/reusable.yml\n"
        "    with: {ENV: prod}\n"
        "    secrets: inherit\n"
    )
    write_files(tmp_path, {".github/workflows/reusable.yml": CALLED, ".github/workflows/ci.yml": caller})
    r = lint(tmp_path, select=["reusable-workflow-missing-arg", "reusable-workflow-undeclared-arg"])
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}", "`env`" in f.message) for f in r.findings)
    assert got == [
        ("reusable-workflow-missing-arg", ".github/workflows/ci.yml:4:11", False),
        ("reusable-workflow-missing-arg", ".github/workflows/ci.yml:4:11", True),
    ]
