"""Every example in the rule catalogue runs: failing examples produce exactly the listed
findings of their rule, passing examples produce none. Documentation cannot drift."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files
from okla_lint.core import render
from okla_lint.core.catalogue import load_catalogue
from okla_lint.core.registry import all_checks
from okla_lint.lib.gha import shellcheck

CATALOGUE = load_catalogue()
CASES = [
    pytest.param(doc, i, ex, id=f"{doc.id}[{i}]{'-fails' if ex.fails else '-passes'}")
    for doc in CATALOGUE.values()
    for i, ex in enumerate(doc.examples)
]


@pytest.mark.parametrize("doc, index, example", CASES)
def test_example(tmp_path, doc, index, example):
    if "kustomize" in doc.tags and render.find_tool() is None:
        pytest.skip("neither kubectl nor kustomize is on PATH: this rule's examples render overlays")
    if "shellcheck" in doc.tags and example.fails and shellcheck.find_program() is None:
        pytest.skip("shellcheck is not on PATH: this rule's failing examples are what it reports")
    write_files(tmp_path, example.files)
    params = {doc.id: example.config["params"]} if "params" in example.config else {}
    result = lint(tmp_path, select=[doc.id], params=params)
    assert not result.internal_errors
    assert locs(result, doc.id) == sorted(example.expect), [f.message for f in result.findings]
    assert all(f.message for f in result.findings)


def test_every_rule_has_a_failing_and_a_passing_example():
    for doc in CATALOGUE.values():
        assert any(e.fails for e in doc.examples), doc.id
        assert any(not e.fails for e in doc.examples), doc.id


def test_every_rule_has_a_check_and_every_check_a_rule():
    checked = {r for c in all_checks() for r in c.rules}
    parse_level = {"parse-error"}
    assert set(CATALOGUE) - parse_level <= checked
    assert checked <= set(CATALOGUE)
