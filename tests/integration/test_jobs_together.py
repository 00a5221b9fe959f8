"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, write_files


WF = ".github/workflows/ci.yml"


def run(tmp_path, files, rules):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=rules)
    assert not res.internal_errors, res.internal_errors
    return res


def found(res):
    return sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings)


def test_crlf_needs_and_duplicate_step_ids(tmp_path):
    text = (
        "on: push\n"
        "jobs:\n"
        "  a:\n"
        "    needs: nope\n"
        "    runs-on: x\n"
        "    steps:\n"
        "      - id: s\n"
        "        run: a\n"
        "      - id: S\n"
        "        run: b\n"
    ).replace("\n", "\r\n")
    res = run(tmp_path, {WF: text}, ["job-needs-unknown", "duplicate-step-id"])
    assert found(res) == [
        ("duplicate-step-id", f"{WF}:9:13"),
        ("job-needs-unknown", f"{WF}:4:12"),
    ]
    dup = [f for f in res.findings if f.rule == "duplicate-step-id"][0]
    assert dup.related and dup.related[0].line == 7
