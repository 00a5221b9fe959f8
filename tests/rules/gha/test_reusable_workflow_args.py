"""What `reusable-workflow-undeclared-arg` and `reusable-workflow-missing-arg` report (a call
of a local reusable workflow passes an input or secret it does not declare (or calls a
workflow that is not reusable); a call of a local reusable workflow does not pass a required
input or secret): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, lint, run, triples, write_files


def test_reusable_workflow_without_declarations(tmp_path):
    res = run(tmp_path, {
            ".github/workflows/called.yml": "on: workflow_call\njobs:\n  a: {runs-on: x, steps: [{run: a}]}\n",
            ".github/workflows/list.yml": "on: [workflow_call, push]\njobs:\n  a: {runs-on: x, steps: [{run: a}]}\n",
            WF: """\
on: push
jobs:
  one:
    uses: ./.github/workflows/called.yml
    with: {x: 1}
    secrets: {s: "${{ secrets.S }}"}
  two:
    uses: ./.github/workflows/list.yml
  three:
    uses: ./.github/workflows/missing.yml
    with: {x: 1}
  four:
    uses: ./.github/workflows/called.yml
    with: ${{ fromJSON(vars.ARGS) }}
""",
        }, ["reusable-workflow-undeclared-arg", "reusable-workflow-missing-arg"])
    assert triples(res) == [
        ("reusable-workflow-undeclared-arg", f"{WF}:5:12"),
        ("reusable-workflow-undeclared-arg", f"{WF}:6:15"),
    ]


def test_reusable_workflow_in_a_subproject(tmp_path):
    # the project root is the folder holding .github; the called path is relative to it
    res = run(tmp_path, {
            "svc/.github/workflows/called.yaml": """\
on:
  workflow_call:
    inputs:
      name: {type: string, required: true}
jobs:
  a: {runs-on: x, steps: [{run: a}]}
""",
            "svc/.github/workflows/ci.yaml": """\
on: push
jobs:
  call:
    uses: ./.github/workflows/called.yaml
    with:
      nam: x
""",
        }, ["reusable-workflow-undeclared-arg", "reusable-workflow-missing-arg"])
    assert triples(res) == [
        ("reusable-workflow-missing-arg", "svc/.github/workflows/ci.yaml:5:5"),
        ("reusable-workflow-undeclared-arg", "svc/.github/workflows/ci.yaml:6:7"),
    ]
    undeclared = [f for f in res.findings if f.rule == "reusable-workflow-undeclared-arg"][0]
    assert "did you mean `name`" in undeclared.message


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
