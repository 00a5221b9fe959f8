"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import run, triples


WF = ".github/workflows/ci.yml"


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
    assert triples(res) == [
        ("duplicate-step-id", f"{WF}:9:13"),
        ("job-needs-unknown", f"{WF}:4:12"),
    ]
    dup = [f for f in res.findings if f.rule == "duplicate-step-id"][0]
    assert dup.related and dup.related[0].line == 7
