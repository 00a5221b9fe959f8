"""What `expr-undefined-input` reports (`inputs.<name>` that the workflow (or composite action)
does not declare): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import lint, locs, run, triples, write_files


def test_inputs_variants(tmp_path):
    res = run(tmp_path, {
            ".github/workflows/a.yml": """\
on:
  workflow_dispatch:
    inputs:
      env: {type: string}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ inputs.env }} ${{ github.event.inputs.envs }} ${{ github.event.inputs.env }}
""",
            ".github/workflows/b.yml": """\
on: [push, workflow_dispatch]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ inputs.anything }}
""",
            ".github/workflows/c.yml": """\
on:
  workflow_call:
    inputs:
      env: {type: string}
  workflow_dispatch:
    inputs:
      region: {type: string}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ inputs.env }} ${{ inputs.region }} ${{ github.event.inputs.other }}
""",
        }, EXPR_RULES)
    # b.yml declares no inputs at all, so `inputs.anything` is always null (actionlint
    # reports it too)
    assert triples(res) == [
        ("expr-undefined-input", ".github/workflows/a.yml:9:61"),
        ("expr-undefined-input", ".github/workflows/b.yml:6:30"),
    ]


def test_inputs_of_a_workflow_or_action_that_declares_none(tmp_path):
    wf = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.x }}\n"
    action = "name: a\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.y }}\n      shell: bash\n"
    write_files(tmp_path, {".github/workflows/w.yml": wf, "action.yml": action})
    r = lint(tmp_path, select=["expr-undefined-input"])
    assert sorted(locs(r, "expr-undefined-input")) == [".github/workflows/w.yml:6:30", "action.yml:5:28"]
