"""What `expr-undefined-matrix-key` reports (`matrix.<key>` that the job's matrix does not
define): exact rule, path, line and column."""
from __future__ import annotations

from _expressions import EXPR_RULES
from helpers import WF, run, triples


def test_matrix_variants(tmp_path):
    res = run(tmp_path, {
            WF: """\
on: push
jobs:
  a:
    strategy:
      matrix:
        os: [ubuntu-latest]
        exclude:
          - os: ubuntu-latest
            arch: arm
    runs-on: ${{ matrix.os }}
    steps:
      - run: echo ${{ matrix.arch }}
  b:
    strategy: ${{ fromJSON(vars.STRATEGY) }}
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ matrix.anything }}
  c:
    strategy:
      matrix:
        include: [{os: linux}, {os: mac, extra: 1}]
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ matrix.extra }} ${{ matrix['os'] }} ${{ matrix[format('o{0}', 's')] }}
  d:
    strategy:
      fail-fast: false
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ matrix.os }} ${{ toJSON(matrix) }}
""",
        }, EXPR_RULES)
    assert triples(res) == [
        ("expr-undefined-matrix-key", f"{WF}:12:30"),
        ("expr-undefined-matrix-key", f"{WF}:30:30"),
    ]
