"""What `matrix-exclude-no-match` reports (a matrix `exclude` entry with a key or value the
matrix does not have (it excludes nothing), or a value listed twice in a matrix row): exact
rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_matrix_exclude_through_anchor_and_numbers(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
            "        py: &py ['3.11', 3.12]\n        exclude:\n          - py: 3.11\n          - py: '3.13'\n"
            "    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "matrix-exclude-no-match") == [f"{WF}:10:17"]


def test_matrix_from_expression_and_include_expression_are_not_judged(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
            "        os: [a]\n        include: ${{ fromJSON(inputs.extra) }}\n        exclude: [{os: b}]\n"
            "    steps: [{run: echo}]\n  b:\n    runs-on: ubuntu-latest\n    strategy:\n"
            "      matrix: ${{ fromJSON(inputs.m) }}\n    steps: [{run: echo}]\n")
    assert found(tmp_path, {WF: text}, "matrix-exclude-no-match") == []
