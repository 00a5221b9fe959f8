"""The README states the set-up commands CI runs, and its rule table matches the catalogue."""
from __future__ import annotations

import re
from pathlib import Path

from okla_lint.docs import BEGIN, END, rules_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv[^\n]*)\n```", README)


def test_readme_has_the_demo_and_test_commands():
    demo, tests = _commands()[:2]
    assert "okla-lint check fixtures/incident/broken" in demo
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    tests = _commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_rule_table_is_generated_from_the_catalogue():
    table = README[README.index(BEGIN) + len(BEGIN) : README.index(END)].strip()
    assert table == rules_table(), "run `python -m okla_lint.docs` to refresh the README table"
