"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import ROOT_DIR, lint, triples


FIXTURES = ROOT_DIR / "fixtures" / "gha-security"


RULES = [
    "script-injection",
    "ephemeral-registry-token",
    "registry-username-actor",
    "hardcoded-credential",
    "action-pinned-to-branch",
    "action-not-pinned-to-sha",
    "untrusted-checkout",
    "missing-permissions",
    "permissions-write-all",
    "workflow-missing-path",
    "configmap-json-comments",
]


def test_insecure_repository():
    result = lint(FIXTURES / "insecure", select=RULES)
    assert not result.internal_errors
    assert triples(result) == [
        ("action-pinned-to-branch", ".github/workflows/deploy.yml:12:38"),
        ("configmap-json-comments", ".github/workflows/deploy.yml:23:37"),
        ("ephemeral-registry-token", ".github/workflows/deploy.yml:18:32"),
        ("ephemeral-registry-token", ".github/workflows/deploy.yml:27:26"),
        ("hardcoded-credential", "k8s/gateway.yaml:9:17"),
        ("missing-permissions", ".github/workflows/deploy.yml:7:1"),
        ("permissions-write-all", ".github/workflows/preview.yml:3:14"),
        ("registry-username-actor", ".github/workflows/deploy.yml:17:31"),
        ("script-injection", ".github/workflows/preview.yml:13:30"),
        ("untrusted-checkout", ".github/workflows/preview.yml:10:16"),
        ("workflow-missing-path", ".github/workflows/deploy.yml:25:48"),
    ]
    for f in result.findings:
        assert "OhbVrpoiVgRV5IfLBcbfnoGMbJmTPSIAoCLr" not in f.message


def test_safe_twin():
    result = lint(FIXTURES / "safe", select=[r for r in RULES if r != "action-not-pinned-to-sha"])
    assert not result.internal_errors
    assert triples(result) == []
