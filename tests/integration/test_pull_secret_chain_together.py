"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, write_files
from pull_secret_util import FILES


def test_default_run_folds_the_workloads_into_the_token_finding(tmp_path):
    write_files(tmp_path, FILES)
    res = lint(tmp_path)
    chain = [f for f in res.findings if f.rule in ("ephemeral-registry-token", "pull-secret-from-ephemeral-token")]
    assert [(f.rule, f.path, f.line) for f in chain] == [("ephemeral-registry-token", ".github/workflows/deploy.yml", 8)]
    assert sorted(r.path for r in chain[0].related) == ["k8s/api.yaml", "k8s/db.yaml", "k8s/report.yaml", "k8s/sa.yaml"]
    assert "and 3 more)" in chain[0].message
