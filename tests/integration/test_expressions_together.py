"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import ROOT_DIR, lint


ROOT = ROOT_DIR / "fixtures" / "gha-expr"


RULES = [
    "if-always-true",
    "expr-syntax",
    "expr-unknown-context",
    "expr-context-unavailable",
    "expr-unknown-function",
    "expr-undefined-step",
    "expr-undefined-job",
    "expr-undefined-matrix-key",
    "expr-undefined-input",
    "job-needs-unknown",
    "job-needs-cycle",
    "duplicate-step-id",
    "step-id-invalid",
    "duplicate-job-id",
    "reusable-workflow-undeclared-arg",
    "reusable-workflow-missing-arg",
    "deprecated-workflow-command",
    "local-action-input",
    "shell-invalid",
    "schedule-cron-invalid",
    "expr-event-name-typo",
]


W = ".github/workflows/release.yml"


def test_broken_release_pipeline():
    res = lint(ROOT / "broken", select=RULES)
    assert not res.internal_errors
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings)
    assert got == sorted(
        [
            ("expr-context-unavailable", ".github/actions/deploy/action.yml:10:22"),
            ("expr-context-unavailable", f"{W}:22:18"),
            ("deprecated-workflow-command", f"{W}:30:17"),
            ("duplicate-step-id", f"{W}:31:13"),
            ("expr-undefined-matrix-key", f"{W}:32:40"),
            ("if-always-true", f"{W}:33:13"),
            ("job-needs-unknown", f"{W}:36:20"),
            ("expr-context-unavailable", f"{W}:37:9"),
            ("reusable-workflow-missing-arg", f"{W}:38:11"),
            ("reusable-workflow-missing-arg", f"{W}:39:5"),
            ("reusable-workflow-undeclared-arg", f"{W}:40:7"),
            ("expr-undefined-job", f"{W}:41:36"),
            ("local-action-input", f"{W}:47:9"),
            ("local-action-input", f"{W}:48:11"),
            ("expr-undefined-job", f"{W}:48:40"),
            ("expr-undefined-input", f"{W}:48:75"),
        ]
    )


def test_fixed_release_pipeline_is_clean():
    res = lint(ROOT / "fixed", select=RULES)
    assert not res.internal_errors
    assert [f"{f.rule} {f.path}:{f.line}:{f.col}" for f in res.findings] == []
