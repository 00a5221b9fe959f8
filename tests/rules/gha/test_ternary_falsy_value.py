"""ternary-falsy-value (zizmor unsound-ternary): `cond && <falsy literal> || fallback`."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "ternary-falsy-value"
HEAD = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n"


@pytest.mark.parametrize(
    "expr, col",
    [
        ("github.event_name == 'push' && '' || 'x'", 49),
        ("github.event_name == 'push' && 0 || 1", 49),
        ("github.event_name == 'push' && 0.0 || 1", 49),
        ("github.event_name == 'push' && false || true", 49),
        ("github.event_name == 'push' && null || 'x'", 49),
        ("github.event_name == 'push' && inputs.b && '' || 'x'", 61),
        ("github.event_name == 'push' && '' || inputs.b || 'x'", 49),
        ("(github.event_name == 'push' && FALSE) || true", 50),
    ],
    ids=["empty", "zero", "zero-float", "false", "null", "chain", "or-chain", "parens-upper"],
)
def test_falsy_true_arm_in_env(tmp_path, expr, col):
    text = HEAD + f"      - run: echo $X\n        env:\n          X: ${{{{ {expr} }}}}\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:8:{col}"]


def test_inside_run_block_and_with(tmp_path):
    text = HEAD + (
        "      - run: |\n          echo one\n          make ${{ github.ref == 'refs/heads/main' && '' || '-n' }}\n"
        "      - uses: actions/setup-node@v4\n        with:\n          node-version: ${{ inputs.v && 0 || 20 }}\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:11:41", ".github/workflows/w.yml:8:55"]


def test_job_if_and_crlf(tmp_path):
    text = "on: push\njobs:\n  b:\n    if: github.ref && false || true\n    runs-on: ubuntu-latest\n    steps: [{run: 'true'}]\n"
    write_files(tmp_path, {".github/workflows/w.yml": text.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:4:23"]


def test_composite_action(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n"
        "    - run: echo ${{ inputs.debug && '' || '-q' }}\n      shell: bash\n"
    )
    write_files(tmp_path, {"action.yml": action})
    assert locs(lint(tmp_path, select=[RULE])) == ["action.yml:6:37"]


@pytest.mark.parametrize(
    "expr",
    ["a && 'x' || ''", "a && '0' || 'x'", "a && 1 || 0", "a || '' ", "a && ''", "case(a, '', 'x')", "a && true || false"],
    ids=["truthy", "string-zero", "one", "or-only", "and-only", "case", "true"],
)
def test_quiet(tmp_path, expr):
    text = HEAD + f"      - run: echo ${{{{ {expr.replace('a', 'inputs.a', 1)} }}}}\n"
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert lint(tmp_path, select=[RULE]).findings == []
