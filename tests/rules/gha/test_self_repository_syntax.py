"""self-repository-syntax (zizmor self-repository): `uses: ./path` in workflow steps and
reusable-workflow jobs, where `uses: $/path` names this repository at the workflow's commit;
and the `$/` form accepted by the rules that read `uses:`."""
from __future__ import annotations

import pytest

from helpers import lint, locs, triples, write_files

RULE = "self-repository-syntax"
W = ".github/workflows/w.yml"


def wf(body: str) -> str:
    return "on: push\njobs:\n" + body


@pytest.mark.parametrize(
    "body, loc",
    [
        ("  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./act\n", "6:15"),
        ("  b:\n    runs-on: ubuntu-latest\n    steps:\n      - {name: x, uses: './act'}\n", "6:26"),
        ("  b:\n    runs-on: ubuntu-latest\n    steps: [{uses: \"./a/b\"}]\n", "5:21"),
        ("  c:\n    uses: ./.github/workflows/r.yml\n", "4:11"),
        ("  c: {uses: ./.github/workflows/r.yml, secrets: inherit}\n", "3:13"),
    ],
    ids=["block-step", "flow-single-quoted", "flow-double-quoted", "job", "flow-job"],
)
def test_reported(tmp_path, body, loc):
    write_files(tmp_path, {W: wf(body)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:{loc}"]


def test_anchor_reported_once_where_written(tmp_path):
    body = (
        "  a:\n    runs-on: ubuntu-latest\n    steps:\n      - &s {uses: ./act}\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *s\n"
    )
    write_files(tmp_path, {W: wf(body)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:19"]


def test_crlf(tmp_path):
    body = "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./act\n"
    write_files(tmp_path, {W: wf(body).replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:15"]


@pytest.mark.parametrize(
    "body",
    [
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: $/act\n",
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n",
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker://alpine:3\n",
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${{ matrix.a }}\n",
        "  c:\n    uses: $/.github/workflows/r.yml\n",
        "  c:\n    uses: o/r/.github/workflows/r.yml@v1\n",
    ],
    ids=["self-step", "remote", "docker", "expression", "self-job", "remote-job"],
)
def test_quiet(tmp_path, body):
    write_files(tmp_path, {W: wf(body)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_composite_action_left_alone(tmp_path):
    action = "name: a\ndescription: a\nruns:\n  using: composite\n  steps:\n    - uses: ./other\n"
    write_files(tmp_path, {"action.yml": action})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_self_repository_form_is_valid_everywhere(tmp_path):
    """`$/path` is neither an invalid reference nor a forbidden or unpinned action, and a
    `$/` reusable workflow is read like a `./` one (its required inputs checked)."""
    write_files(
        tmp_path,
        {
            W: wf(
                "  b:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - uses: $/act\n"
                "  c:\n    uses: $/.github/workflows/r.yml\n    secrets: inherit\n"
            ),
            ".github/workflows/r.yml": "on:\n  workflow_call:\n    inputs:\n      x: {required: true, type: string}\n"
            "permissions: {}\njobs:\n  r: {runs-on: ubuntu-latest, steps: [{run: 'true'}]}\n",
            "act/action.yml": "name: a\ndescription: a\nruns: {using: composite, steps: [{run: 'true', shell: bash}]}\n",
        },
    )
    found = triples(lint(tmp_path, select=["ALL"]))
    rules = {r for r, _ in found}
    assert "uses-invalid" not in rules and "secrets-inherit" not in rules
    assert "action-not-pinned-to-sha" not in rules and "action-pinned-to-branch" not in rules
    assert ("reusable-workflow-missing-arg", f"{W}:9:11") in found, found


def test_fix_rewrites_the_dot(tmp_path):
    from okla_lint.core.fix import apply_edits  # noqa: PLC0415 (test helper)

    text = wf("  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./act\n  c: {uses: './.github/workflows/r.yml'}\n")
    write_files(tmp_path, {W: text})
    res = lint(tmp_path, select=[RULE])
    edits = [e for f in res.findings for e in f.fix.edits]
    assert apply_edits(text, edits) == text.replace("./act", "$/act").replace("'./.github", "'$/.github")


def test_broken_references_left_to_other_rules(tmp_path):
    body = (
        "  a:\n    uses: ./.github/actions/a\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/workflows/w.yml\n"
    )
    write_files(tmp_path, {W: wf(body)})
    assert lint(tmp_path, select=[RULE]).findings == []
