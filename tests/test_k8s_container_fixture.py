"""A small repository with the per-container and per-pod defects, linted with the default
rule set: every finding of these rules sits at its exact place."""
from __future__ import annotations

from pathlib import Path

from helpers import lint

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "k8s-container" / "webshop"
MINE = {
    "image-mutable-tag", "env-plaintext-secret", "env-duplicate-name", "resources-request-exceeds-limit",
    "resources-quantity-suspicious", "resources-quantity-invalid", "resources-missing", "probe-port-unknown",
    "probe-success-threshold", "probe-handler-count", "probe-same-endpoint", "probe-timeout-exceeds-period",
    "liveness-before-readiness", "readiness-probe-missing", "init-container-probe", "bare-pod",
    "job-ttl-missing", "deprecated-api-version", "host-namespace", "privileged-container",
    "privilege-escalation-allowed", "security-context-conflict", "run-as-root", "capability-dangerous-added",
    "host-path-sensitive",
}


def test_default_rules_on_the_webshop_fixture():
    result = lint(FIXTURE)
    assert not result.internal_errors
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}", f.severity) for f in result.findings if f.rule in MINE)
    assert got == sorted(
        [
            ("image-mutable-tag", "k8s/api.yaml:16:18", "warning"),
            ("env-plaintext-secret", "k8s/api.yaml:24:22", "warning"),
            ("env-duplicate-name", "k8s/api.yaml:25:21", "warning"),
            ("resources-request-exceeds-limit", "k8s/api.yaml:28:29", "error"),
            ("probe-port-unknown", "k8s/api.yaml:33:44", "error"),
            ("probe-success-threshold", "k8s/api.yaml:34:31", "error"),
            ("host-namespace", "k8s/debug-pod.yaml:7:16", "warning"),
            ("privileged-container", "k8s/debug-pod.yaml:13:21", "warning"),
            ("deprecated-api-version", "k8s/ingress.yaml:1:13", "error"),
        ]
    )
    secret = next(f for f in result.findings if f.rule == "env-plaintext-secret")
    assert "Sup3rS3cret" not in secret.message  # never echo the credential


def test_advice_on_the_webshop_fixture_is_opt_in():
    """bare-pod and job-ttl-missing are advice (issue 10, family 14): reported with
    `--extend-select advice`, not by default."""
    result = lint(FIXTURE, extend_select=["advice"])
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}", f.severity) for f in result.findings if f.rule in ("bare-pod", "job-ttl-missing"))
    assert got == [("bare-pod", "k8s/debug-pod.yaml:2:7", "info"), ("job-ttl-missing", "k8s/migrate-job.yaml:6:1", "info")]
