"""docs/coverage.md is generated from the catalogue's `equivalents` and the anchors' check
lists in docs/anchors/; claims must name real checks, and every uncovered check says why."""
from __future__ import annotations

from pathlib import Path

import pytest

from okla_lint.core.catalogue import load_catalogue
from okla_lint.coverage import CoverageError, compute, coverage_markdown, split_claims

ROOT = Path(__file__).resolve().parents[2]


def test_coverage_doc_is_generated_from_the_catalogue():
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == coverage_markdown(ROOT), (
        "run `python -m okla_lint.docs` to refresh docs/coverage.md"
    )


def test_claims_split_on_commas_and_slashes_outside_notes():
    assert split_claims("a, b (x, y / z), c / d") == [("a", ""), ("b", "x, y / z"), ("c", ""), ("d", "")]
    assert split_claims("none (the schema lists them)") == [("none", "the schema lists them")]


def test_a_claim_of_a_check_the_anchor_does_not_have_is_an_error():
    cat = dict(load_catalogue())
    doc = cat["image-mutable-tag"]
    cat["image-mutable-tag"] = type(doc)(**{**doc.__dict__, "equivalents": {"kube-linter": "latest-tags"}})
    with pytest.raises(CoverageError, match="latest-tags"):
        compute(ROOT, cat)


def test_partly_claims_are_listed_but_not_counted():
    anchors = compute(ROOT)
    cron = anchors["actionlint"]["check-cron-syntax-and-timezone"]
    assert cron.full == ["schedule-cron-invalid", "schedule-too-frequent"] and cron.covered and not cron.partial
    # a check claimed only in part is not covered; one a rule covers fully stays covered
    partly_only = [c for checks in anchors.values() for c in checks.values() if c.partial and not c.full]
    # (once every check is fully claimed there is none left to look at)
    assert all(not c.covered for c in partly_only)
    assert anchors["kube-score"]["pod-probes"].partial == ["liveness-probe-missing"]
    assert anchors["kube-score"]["pod-probes"].covered


def test_checks_out_of_scope_say_why_and_the_rest_are_marked_not_covered_yet():
    anchors = compute(ROOT)
    for check in anchors["zizmor"].values():
        if not check.offline:
            assert check.none, f"zizmor {check.id} needs the network: say so under none"
    for check in anchors["actionlint"].values():
        if check.external and not check.covered:  # covered: `shellcheck` runs it when installed
            assert check.none
    doc = coverage_markdown(ROOT)
    for tool, checks in anchors.items():
        for check in checks.values():
            if not check.covered:
                row = next(line for line in doc.splitlines() if line.startswith(f"| `{check.id}` | none |"))
                assert (check.none or "not covered yet") in row


@pytest.mark.parametrize("scope", ["kube-linter (default checks)", "kube-linter (all checks)", "kube-score"])
def test_kubernetes_coverage_meets_the_targets(scope):
    from okla_lint.coverage import TARGETS, summary

    covered, total = summary(compute(ROOT))[scope]
    assert covered / total >= TARGETS[scope], f"{scope}: {covered}/{total}"
