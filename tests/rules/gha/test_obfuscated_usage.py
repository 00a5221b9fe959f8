"""obfuscated-usage (zizmor obfuscation): `.`/`..`/empty segments in a `uses:` path,
`format()` of literals only, `fromJSON(toJSON(x))`."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "obfuscated-usage"


def wf(step: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + step


@pytest.mark.parametrize(
    "uses, col",
    [
        ("actions/checkout/./@v4", 32),
        ("github/codeql-action//init@v3", 35),
        ("github/codeql-action/init/../analyze@v3", 41),
        ("'github/codeql-action/./init@v3'", 37),
        ("actions/cache/./save@v4", 29),
    ],
    ids=["dot-before-ref", "double-slash", "dot-dot", "quoted", "cache-save"],
)
def test_uses_paths(tmp_path, uses, col):
    write_files(tmp_path, {".github/workflows/w.yml": wf(f"      - uses: {uses}\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:6:{col}"]


@pytest.mark.parametrize(
    "uses",
    ["actions/checkout@v4", "github/codeql-action/init@v3", "./.github/actions/../x", "docker://alpine:3.20",
     "owner/repo/.github/workflows/x.yml@v1"],
)
def test_plain_uses(tmp_path, uses):
    write_files(tmp_path, {".github/workflows/w.yml": wf(f"      - uses: {uses}\n")})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize(
    "expr, col",
    [
        ("format('{0}', 'x')", 23),
        ("FORMAT('a')", 23),
        ("fromJSON(toJSON(github.event))", 23),
        ("github.ref == format('refs/heads/{0}', 'main')", 37),
        ("fromJson(ToJSON(secrets)).x", 23),
    ],
    ids=["format", "format-no-args-upper", "fromjson-tojson", "nested", "mixed-case"],
)
def test_expressions(tmp_path, expr, col):
    write_files(tmp_path, {".github/workflows/w.yml": wf(f"      - run: echo ${{{{ {expr} }}}}\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:6:{col}"]


@pytest.mark.parametrize(
    "expr",
    ["format('{0}', github.ref)", "toJSON(fromJSON(inputs.x))", "fromJSON(toJSON(a), 1)", "format(inputs.f, 'x')"],
)
def test_expressions_that_compute(tmp_path, expr):
    write_files(tmp_path, {".github/workflows/w.yml": wf(f"      - run: echo ${{{{ {expr} }}}}\n")})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_job_if_and_composite_action(tmp_path):
    write_files(tmp_path, {
        ".github/workflows/w.yml": "on: push\njobs:\n  b:\n    if: github.ref == format('main')\n    runs-on: x\n    steps: [{run: 'true'}]\n",
        "action.yml": "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: actions/cache/./restore@v4\n",
    })
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:4:23", "action.yml:6:27"]
