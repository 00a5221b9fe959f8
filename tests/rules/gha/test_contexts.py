"""What `expr-unknown-context` and `expr-undefined-job` and `expr-undefined-matrix-key` and
`expr-undefined-input` and `expr-syntax` and `if-always-true` and `expr-unknown-function`
and `expr-undefined-step` and `expr-event-name-typo` and `expr-context-unavailable` report
(an expression reads a named value that is not a GitHub Actions context; `needs.<job>` not
listed in the job's `needs`, or a job output that the job does not declare; `matrix.<key>`
that the job's matrix does not define; `inputs.<name>` that the workflow (or composite
action) does not declare; a `${{ }}` expression (or an `if:` condition) that GitHub cannot
parse; an `if:` condition with text around its `${{ }}`, which is always true; an expression
calls a function that does not exist or with the wrong number of arguments; `steps.<id>`
names no step of the job, a later step, or the current step; `github.event_name` compared
with a misspelled event name (`'pull-request'`), which never matches; a context or special
function is used where GitHub does not provide it): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import WF, run, triples


def test_positions_inside_a_literal_block_on_later_lines(tmp_path):
    res = run(tmp_path, {
            WF: (
                "on: push\n"
                "jobs:\n"
                "  build:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: |\n"
                "          echo one\n"
                "            echo ${{ steps.nope.outputs.x }} ${{ foo }}\n"
            )
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-undefined-step", f"{WF}:8:28"),
        ("expr-unknown-context", f"{WF}:8:50"),
    ]


def test_folded_and_quoted_scalars(tmp_path):
    res = run(tmp_path, {
            WF: (
                "on: push\n"
                "jobs:\n"
                "  build:\n"
                "    runs-on: ubuntu-latest\n"
                "    steps:\n"
                "      - run: >-\n"
                "          echo a\n"
                "          ${{ lower(github.ref) }}\n"
                "      - run: \"echo ${{ matrix.os }}\"\n"
                "      - run: 'echo ${{ secret.X }}'\n"
            )
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-undefined-matrix-key", f"{WF}:9:31"),
        ("expr-unknown-context", f"{WF}:10:24"),
        ("expr-unknown-function", f"{WF}:8:15"),
    ]


def test_flow_style_job(tmp_path):
    res = run(tmp_path, {WF: "on: push\njobs:\n  a: {runs-on: ubuntu-latest, env: {X: '${{ env.Y }}'}, steps: [{run: 'echo ${{ needs.b.result }}'}]}\n"}, EXPR_RULES)
    assert triples(res) == [
        ("expr-context-unavailable", f"{WF}:3:45"),
        ("expr-undefined-job", f"{WF}:3:87"),
    ]


def test_composite_action(tmp_path):
    res = run(tmp_path, {
            ".github/actions/build/action.yml": """\
name: build
inputs:
  target: {required: true}
outputs:
  digest:
    value: ${{ steps.push.outputs.digest }}
runs:
  using: composite
  steps:
    - if: ${{ inputs.targets != '' && success() }}
      run: echo ${{ steps.push.outputs.digest }} ${{ hashFiles('x') }} ${{ github.action_path }}
      shell: bash
    - id: push
      run: echo "digest=1" >> "$GITHUB_OUTPUT"
      shell: bash
""",
        }, EXPR_RULES)
    p = ".github/actions/build/action.yml"
    assert triples(res) == [
        ("expr-undefined-input", f"{p}:10:22"),
        ("expr-undefined-step", f"{p}:11:27"),
    ]


def test_keys_that_are_not_evaluated_are_skipped(tmp_path):
    res = run(tmp_path, {
            WF: """\
on:
  push:
    branches: ['${{ not evaluated']
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        id: checkout
""",
        }, EXPR_RULES)
    assert triples(res) == []


def test_anchors_report_each_place_once(tmp_path):
    res = run(tmp_path, {
            WF: """\
on: push
jobs:
  a:
    runs-on: ubuntu-latest
    env: &env
      X: ${{ env.Y }}
    steps: &steps
      - run: echo ${{ steps.nope.outputs.x }}
  b:
    runs-on: ubuntu-latest
    env: *env
    steps: *steps
""",
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-context-unavailable", f"{WF}:6:14"),
        ("expr-undefined-step", f"{WF}:8:29"),
    ]
