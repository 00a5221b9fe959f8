"""What several workflow rule test files of this folder share (they came from
test_expressions.py): ``EXPR_RULES``."""
from __future__ import annotations

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
