"""What several workflow rule test files of this folder share (they came from
test_expressions.py): ``EXPR_RULES``, ``run``, ``found``, ``WF``."""
from __future__ import annotations

from helpers import lint, write_files


EXPR_RULES = [
    "expr-syntax",
    "expr-unknown-context",
    "expr-context-unavailable",
    "expr-unknown-function",
    "expr-undefined-step",
    "expr-undefined-job",
    "expr-undefined-matrix-key",
    "expr-undefined-input",
]


def run(tmp_path, files, rules=None):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=rules or EXPR_RULES)
    assert not res.internal_errors, res.internal_errors
    return res


def found(res):
    return sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings)


WF = ".github/workflows/ci.yml"
