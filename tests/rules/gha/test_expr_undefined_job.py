"""What `expr-undefined-job` reports (`needs.<job>` not listed in the job's `needs`, or a job
output that the job does not declare): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import WF, lint, locs, run, triples, write_files


def test_needs_outputs_of_local_reusable_workflow(tmp_path):
    res = run(tmp_path, {
            ".github/workflows/build.yml": """\
on:
  workflow_call:
    outputs:
      image: {value: "${{ jobs.b.outputs.image }}"}
jobs:
  b:
    runs-on: ubuntu-latest
    outputs: {image: x}
    steps: [{run: echo}]
""",
            WF: """\
on: push
jobs:
  build:
    uses: ./.github/workflows/build.yml
  remote:
    uses: octo/repo/.github/workflows/x.yml@v1
  deploy:
    needs: [build, remote]
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ needs.build.outputs.image }} ${{ needs.build.outputs.tag }} ${{ needs.remote.outputs.any }}
""",
        }, EXPR_RULES)
    assert triples(res) == [("expr-undefined-job", f"{WF}:11:76")]


def test_workflow_call_outputs_job_refs(tmp_path):
    res = run(tmp_path, {
            WF: """\
on:
  workflow_call:
    outputs:
      a: {value: "${{ jobs.biuld.outputs.x }}"}
      b: {value: "${{ jobs.build.outputs.y }}"}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs: {x: "1"}
    steps: [{run: echo}]
""",
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-undefined-job", f"{WF}:4:28"),
        ("expr-undefined-job", f"{WF}:5:42"),
    ]


def test_needs_of_an_indirect_dependency_is_null_in_job_if_and_steps(tmp_path):
    text = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    outputs: {v: '1'}\n    steps: [{run: 'true'}]\n"
        "  b:\n    needs: a\n    runs-on: ubuntu-latest\n    steps: [{run: 'true'}]\n"
        "  c:\n    needs: b\n    if: needs.a.outputs.v == '1'\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ needs.a.outputs.v }} ${{ needs.b.result }}\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    res = lint(tmp_path, select=["expr-undefined-job"])
    assert locs(res, "expr-undefined-job") == [".github/workflows/w.yml:13:15", ".github/workflows/w.yml:16:29"]
    assert all("indirect dependency" in f.message for f in res.findings)
