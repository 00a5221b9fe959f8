"""What `expr-context-unavailable` reports (a context or special function is used where GitHub
does not provide it): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import WF, run, triples


def test_availability_per_key(tmp_path):
    res = run(tmp_path, {
            WF: """\
on:
  workflow_call:
    outputs:
      image: {value: "${{ jobs.build.outputs.image }}"}
run-name: ${{ github.actor }} ${{ secrets.X }}
concurrency: ${{ github.ref }}-${{ env.X }}
jobs:
  build:
    runs-on: ${{ matrix.os }}
    strategy:
      fail-fast: ${{ matrix.os == 'x' }}
      matrix:
        os: [ubuntu-latest]
    outputs:
      image: ${{ steps.b.outputs.image }}
    env:
      A: ${{ secrets.A }}
    steps:
      - id: b
        run: echo "${{ jobs.x }}"
        env:
          B: ${{ env.A }}
""",
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-context-unavailable", f"{WF}:11:22"),
        ("expr-context-unavailable", f"{WF}:20:24"),
        ("expr-context-unavailable", f"{WF}:5:35"),
        ("expr-context-unavailable", f"{WF}:6:36"),
    ]


def test_special_functions(tmp_path):
    res = run(tmp_path, {
            WF: """\
on: push
jobs:
  build:
    if: always() && hashFiles('x') != ''
    runs-on: ubuntu-latest
    timeout-minutes: ${{ success() && 5 || 10 }}
    steps:
      - if: failure() || cancelled()
        run: echo ${{ hashFiles('**/go.sum') }}
        with:
          key: ${{ always() }}
""",
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-context-unavailable", f"{WF}:11:20"),
        ("expr-context-unavailable", f"{WF}:4:21"),
        ("expr-context-unavailable", f"{WF}:6:26"),
    ]
