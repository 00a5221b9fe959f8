"""The README states the set-up commands CI runs, and its rule table matches the catalogue."""
from __future__ import annotations

import re

from okla_lint.docs import BEGIN, DEMO_BEGIN, DEMO_END, END, FIX_BEGIN, FIX_END, demo_output, fix_demo_output, rules_table
from helpers import ROOT_DIR

ROOT = ROOT_DIR
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


def test_readme_vscode_matcher_is_the_one_the_tool_prints_and_it_matches_real_output():
    import json
    import subprocess
    import sys

    printed = json.loads(
        subprocess.run([sys.executable, "-m", "okla_lint", "problem-matcher"], capture_output=True, text=True, check=True).stdout
    )
    regexp = printed["problemMatcher"][0]["pattern"][0]["regexp"]
    shown = re.search(r'"regexp": (".*?[^\\]")', README).group(1)
    assert json.loads(shown) == regexp
    out = subprocess.run(
        [sys.executable, "-m", "okla_lint", "check", "--select", "startup-probe-budget", "fixtures/incident/broken"],
        capture_output=True, text=True, cwd=ROOT,
    ).stdout
    m = re.match(regexp, out.splitlines()[0])
    assert m and m.group(1) == "fixtures/incident/broken/k8s/chatbotservice.yaml"
    assert (m.group(2), m.group(3), m.group(4), m.group(6)) == ("42", "11", "warning", "startup-probe-budget")
    # with --unsafe-fixes its unsafe fix is available: `message [*] [rule]`, which matches too
    out = subprocess.run(
        [sys.executable, "-m", "okla_lint", "check", "--unsafe-fixes", "--select", "startup-probe-budget", "fixtures/incident/broken"],
        capture_output=True, text=True, cwd=ROOT,
    ).stdout
    assert out.splitlines()[0].endswith(" [*] [startup-probe-budget]")
    m2 = re.match(regexp, out.splitlines()[0])
    assert m2 and m2.groups() == m.groups()


def test_readme_sample_output_is_what_the_demo_prints():
    shown = README[README.index(DEMO_BEGIN) + len(DEMO_BEGIN) : README.index(DEMO_END)].strip()
    assert shown == demo_output(ROOT), "run `python -m okla_lint.docs` to refresh the README sample"


def test_readme_fix_demo_is_what_the_tool_prints():
    shown = README[README.index(FIX_BEGIN) + len(FIX_BEGIN) : README.index(FIX_END)].strip()
    assert shown == fix_demo_output(ROOT), "run `python -m okla_lint.docs` to refresh the README fix demo"
    assert "okla-lint check --fix --unsafe-fixes fixtures/incident/broken" in README
