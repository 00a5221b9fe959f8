"""Issue 10, family 14: the default rule set follows the catalogue's severity policy
(docs/CONTRIBUTING.md, "Severity and defaults"), the way ruff chooses its defaults: on by
default only what is high-confidence breakage or real exposure (error, warning); advice
(deprecations that still work, environment differences, missing hygiene) is `info`, off by
default and tagged `advice`, so `--extend-select advice` turns all of it on."""
from __future__ import annotations

from okla_lint.core.catalogue import load_catalogue
from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings


def test_info_is_advice_and_advice_is_off_by_default():
    wrong = []
    for rid, doc in sorted(load_catalogue().items()):
        advice = "advice" in doc.tags
        if doc.severity == "info" and (doc.default or not advice):
            wrong.append(f"{rid}: info must be advice (tag `advice`, default: false)")
        if advice and (doc.severity != "info" or doc.default):
            wrong.append(f"{rid}: advice is info and off by default")
    assert wrong == []


def test_default_rules_are_errors_or_warnings_of_high_or_medium_confidence():
    wrong = [
        rid
        for rid, doc in sorted(load_catalogue().items())
        if doc.default and (doc.severity not in ("error", "warning") or doc.confidence not in ("high", "medium"))
    ]
    assert wrong == []


def test_off_by_default_rules_are_advice():
    """A rule that is off by default is advice; a check too unsure for the default set says
    nothing instead of hiding behind a switch."""
    assert [rid for rid, doc in sorted(load_catalogue().items()) if not doc.default and "advice" not in doc.tags] == []


def test_extend_select_advice_turns_every_advice_rule_on():
    cat = load_catalogue()
    on = Engine(Settings(extend_select=["advice"])).enabled
    assert {rid for rid, d in cat.items() if "advice" in d.tags} <= on
    assert {rid for rid, d in cat.items() if d.default} <= on
