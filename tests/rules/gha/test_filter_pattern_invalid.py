"""filter-pattern-invalid: variants beyond the catalogue examples (every filter key, a
single string, flow and block lists, quoting, aliases, CRLF) and the pattern syntax."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

from okla_lint.lib.gha.globs import pattern_problems

RULE = "filter-pattern-invalid"
WF = ".github/workflows/ci.yml"
JOBS = "jobs:\n  t:\n    runs-on: ubuntu-latest\n    steps: [{run: echo}]\n"


@pytest.mark.parametrize(
    "pat,ref,where",
    [
        ("main", True, []),
        ("release/**", True, []),
        ("v[0-9]+.[0-9]+", True, []),
        ("v?.*", True, []),
        ("feature/\\+x", True, []),
        ("!main", True, []),
        ("^main", True, [0]),
        ("main$", True, []),  # `$` is a valid ref character
        ("*+", True, [1]),
        ("**?", True, [2]),
        ("+x", True, [0]),
        ("!?x", True, [1]),
        ("v[9-1]", True, [2]),
        ("v[a-]", True, [2]),
        ("v[]", True, [1]),
        ("v[0-9", True, [1]),
        ("my branch", True, [2]),
        ("/main", True, [0]),
        ("release/", True, [7]),
        ("v1.", True, [2]),
        ("a\\b", True, [1]),
        ("v\\*", True, [1]),
        ("!", True, [0]),
        ("", True, [0]),
        ("src/my dir/**", False, []),
        ("a\\b", False, []),
        ("./src/**", False, [0]),
        ("!../x", False, [1]),
        (".", False, [0]),
        (" src/**", False, [0]),
        ("src/** ", False, [6]),
        ("docs/[", False, [5]),
    ],
)
def test_pattern_syntax(pat, ref, where):
    assert [p.start for p in pattern_problems(pat, ref)] == where


def test_every_filter_key_single_strings_quotes_and_crlf(tmp_path):
    text = (
        "on:\n"
        "  push:\n"
        "    branches-ignore: \"^wip\"\n"
        "    tags-ignore: ['x+*+']\n"
        "    paths-ignore:\n"
        "      - ./docs/**\n"
        "  merge_group:\n"
        "    branches: '!main'\n"
        "  workflow_run:\n"
        "    workflows: [ci]\n"
        "    branches: [\"rel\\\\.x\"]\n"
        "  pull_request_target:\n"
        "    paths: ['!a', '!b']\n" + JOBS
    )
    write_files(tmp_path, {WF: text, ".github/workflows/crlf.yml": text.replace("\n", "\r\n")})
    expected = sorted(["3:23", "4:23", "6:9", "8:15", "11:20", "13:13"])
    found = locs(lint(tmp_path, select=[RULE]), RULE)
    assert found == [f".github/workflows/ci.yml:{e}" for e in expected] + [f".github/workflows/crlf.yml:{e}" for e in expected]


def test_an_aliased_list_is_reported_where_it_is_written(tmp_path):
    write_files(
        tmp_path,
        {WF: "on:\n  push:\n    paths: &p\n      - ./src/**\n  pull_request:\n    paths: *p\n" + JOBS},
    )
    assert locs(lint(tmp_path, select=[RULE]), RULE) == [f"{WF}:4:9"]


def test_filters_of_other_events_and_non_strings_are_left_alone(tmp_path):
    write_files(
        tmp_path,
        {WF: "on:\n  release:\n    branches: ['^x']\n  push:\n    tags: [1.0, {a: b}]\n" + JOBS},
    )
    assert locs(lint(tmp_path, select=[RULE]), RULE) == []
