"""`shellcheck`: shellcheck's findings in bash/sh `run:` scripts, at exact positions.

A fake `shellcheck` (a small Python program written by the test) reports every `BAD` of
the script it reads, at the line and column (in characters, as `--format=json1` counts
them) where it is, so the mapping back into the workflow is tested without shellcheck; one
test runs the real program when it is installed."""
from __future__ import annotations

import json
import sys

import pytest

from helpers import lint, locs, write_files
from okla_lint.lib.gha import shellcheck as sc
from okla_lint.rules.gha import shellcheck as rule

WF = ".github/workflows/ci.yml"

FAKE = '''#!{python}
import json, os, sys
script = sys.stdin.read()
with open(os.environ["FAKE_SC_LOG"], "a", encoding="utf-8") as fh:
    fh.write(json.dumps({{"args": sys.argv[1:], "script": script}}) + "\\n")
mode = os.environ.get("FAKE_SC_MODE", "")
if mode == "fail":
    sys.exit(3)
if mode == "garbage":
    print("not json")
    sys.exit(1)
comments = []
for n, line in enumerate(script.split("\\n"), 1):
    col = line.find("BAD")
    while col >= 0:
        comments.append({{"file": "-", "line": n, "endLine": n, "column": col + 1, "endColumn": col + 4,
                         "level": "warning", "code": 2086, "message": "Fake finding."}})
        col = line.find("BAD", col + 1)
print(json.dumps({{"comments": comments}}))
sys.exit(1 if comments else 0)
'''


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """A fake shellcheck; returns the list of (args, script) it was called with."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    prog = bin_dir / "shellcheck"
    prog.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    prog.chmod(0o755)
    log = tmp_path / "calls.jsonl"
    monkeypatch.setenv("FAKE_SC_LOG", str(log))
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("SHELLCHECK_OPTS", "--enable=all")

    def calls():
        if not log.exists():
            return []
        return [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    return calls


def run(tmp_path, files, **settings):
    repo = tmp_path / "repo"
    write_files(repo, files)
    return lint(repo, select=["shellcheck"], **settings)


def wf(steps: str, runs_on: str = "ubuntu-latest", head: str = "") -> str:
    return f"on: push\n{head}jobs:\n  b:\n    runs-on: {runs_on}\n    steps:\n{steps}"


def test_block_scalar_with_an_expression_before_the_token(tmp_path, fake):
    r = run(tmp_path, {WF: wf('      - run: |\n          echo "${{ github.ref }}" BAD\n          BAD x\n')})
    assert locs(r, "shellcheck") == [f"{WF}:7:36", f"{WF}:8:11"]
    f = next(f for f in r.findings if f.line == 7)
    assert (f.end_line, f.end_col) == (7, 39)
    assert "SC2086 (warning): Fake finding;" in f.message and "step '#1' of job 'b'" in f.message
    (call,) = fake()
    # the expression is masked with underscores of the same length
    assert call["script"] == 'set -e\necho "_________________" BAD\nBAD x\n'
    assert call["args"][:3] == ["--norc", "--shell=bash", "--format=json1"]
    assert call["args"][-1] == "-"
    assert call["args"][3] == "--exclude=SC1091,SC2043,SC2050,SC2153,SC2154,SC2157,SC2194"


def test_expression_over_two_lines_keeps_the_lines(tmp_path, fake):
    r = run(tmp_path, {WF: wf("      - run: |\n          echo ${{\n            github.ref }} BAD\n")})
    assert locs(r, "shellcheck") == [f"{WF}:8:27"]
    assert fake()[0]["script"] == "set -e\necho ___\n_______________ BAD\n"


def test_folded_scalar(tmp_path, fake):
    r = run(tmp_path, {WF: wf("      - run: >\n          echo a\n          BAD\n")})
    assert fake()[0]["script"] == "set -e\necho a BAD\n"
    assert locs(r, "shellcheck") == [f"{WF}:8:11"]


def test_plain_and_quoted_scalars(tmp_path, fake):
    steps = ("      - run: echo BAD\n"
             '      - run: "echo \\"x\\" BAD"\n'
             "      - run: 'echo ''x'' BAD'\n"
             "      - run: echo ${{ github.ref }} BAD\n")
    r = run(tmp_path, {WF: wf(steps)})
    assert locs(r, "shellcheck") == [f"{WF}:6:19", f"{WF}:7:26", f"{WF}:8:26", f"{WF}:9:37"]


def test_crlf_and_tabs(tmp_path, fake):
    text = wf("      - run: |\n          echo ${{ github.ref }}\tBAD\n          BAD\n").replace("\n", "\r\n")
    r = run(tmp_path, {WF: text.encode()})
    assert locs(r, "shellcheck") == [f"{WF}:7:34", f"{WF}:8:11"]
    assert fake()[0]["script"] == "set -e\necho _________________\tBAD\nBAD\n"


def test_flow_style_and_anchor(tmp_path, fake):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - &s {run: echo BAD}\n"
            "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *s\n")
    r = run(tmp_path, {WF: text})
    assert locs(r, "shellcheck") == [f"{WF}:6:23"]


def test_which_shell(tmp_path, fake):
    files = {
        WF: ("on: push\ndefaults:\n  run:\n    shell: sh\njobs:\n"
             "  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo BAD\n"
             "      - run: echo BAD\n        shell: bash -e {0}\n"
             "      - run: echo BAD\n        shell: pwsh\n"
             "      - run: echo BAD\n        shell: ${{ matrix.shell }}\n"
             "  w:\n    runs-on: windows-latest\n    defaults: {run: {shell: python}}\n    steps:\n      - run: echo BAD\n"),
        ".github/workflows/win.yml": wf("      - run: echo BAD\n", runs_on="windows-latest"),
        ".github/workflows/mac.yml": wf("      - run: echo BAD\n", runs_on="macos-latest"),
        ".github/workflows/matrix.yml": wf("      - run: echo BAD\n", runs_on="${{ matrix.os }}"),
    }
    r = run(tmp_path, files)
    assert locs(r, "shellcheck") == [f"{WF}:10:19", f"{WF}:9:19", ".github/workflows/mac.yml:6:19"]
    shells = sorted(c["args"][1] for c in fake())
    assert shells == ["--shell=bash", "--shell=bash", "--shell=sh"]


def test_composite_action(tmp_path, fake):
    action = ("name: a\ndescription: d\nruns:\n  using: composite\n  steps:\n"
              "    - run: |\n        echo BAD\n      shell: bash\n"
              "    - run: echo BAD\n      shell: pwsh\n")
    r = run(tmp_path, {"act/action.yml": action})
    assert locs(r, "shellcheck") == ["act/action.yml:7:14"]


def test_exclude_parameter(tmp_path, fake):
    run(tmp_path, {WF: wf("      - run: echo BAD\n")}, params={"shellcheck": {"exclude": [2129, "sc2001"]}})
    assert fake()[0]["args"][3] == "--exclude=SC1091,SC2043,SC2050,SC2153,SC2154,SC2157,SC2194,SC2129,SC2001"


@pytest.mark.parametrize("mode", ["fail", "garbage"])
def test_a_failing_program_reports_nothing(tmp_path, fake, monkeypatch, mode):
    monkeypatch.setenv("FAKE_SC_MODE", mode)
    r = run(tmp_path, {WF: wf("      - run: echo BAD\n")})
    assert r.findings == [] and not r.internal_errors and len(fake()) == 1


def test_large_script_is_not_checked(tmp_path, fake):
    big = "echo BAD " + "x" * sc.MAX_SCRIPT
    r = run(tmp_path, {WF: wf(f"      - run: {big}\n")})
    assert r.findings == [] and fake() == []


def test_not_on_path(tmp_path, monkeypatch):
    monkeypatch.setattr(sc, "find_program", lambda: None)
    r = run(tmp_path, {WF: wf("      - run: echo $HOME\n      - run: cd x\n"),
                       ".github/workflows/b.yml": wf("      - run: echo $HOME\n")})
    assert r.findings == [] and r.notes == [rule.NOT_FOUND]


def test_off_by_default(tmp_path, fake):
    repo = tmp_path / "repo"
    write_files(repo, {WF: wf("      - run: echo BAD\n")})
    r = lint(repo)
    assert [f for f in r.findings if f.rule == "shellcheck"] == [] and fake() == []


def test_runner_options_go_after_the_opening_comments(tmp_path, fake):
    steps = ("      - run: |\n          #!/bin/bash BAD\n          # shellcheck disable=SC2086\n\n          echo BAD\n"
             "        shell: bash --noprofile --norc -eu -o pipefail {0}\n")
    r = run(tmp_path, {WF: wf(steps)})
    assert locs(r, "shellcheck") == [f"{WF}:10:16", f"{WF}:7:23"]
    assert fake()[0]["script"] == "#!/bin/bash BAD\n# shellcheck disable=SC2086\n\nset -e -o pipefail\necho BAD\n"


@pytest.mark.parametrize("shell, options", [
    (None, "set -e"), ("bash", "set -eo pipefail"), ("sh", "set -e"), ("/bin/bash", "set -eo pipefail"),
    ("bash {0}", ""), ("bash -e {0}", "set -e"), ("bash -euxo pipefail {0}", "set -e -o pipefail"),
    ("bash -o errexit {0}", "set -e"), ("bash --login {0}", ""), ("sh -x {0}", ""),
])
def test_runner_options(shell, options):
    assert sc.runner_options(shell) == options


def test_mapping_helpers():
    masked, spans = sc.mask_expressions("a ${{ x }} b ${{\n y }}")
    assert masked == "a ________ b ___\n_____" and spans == [(2, 10), (13, 22)]
    text = "ab\ncd"
    starts = sc.line_starts(text)
    assert [sc.offset_of(text, starts, 1, 1), sc.offset_of(text, starts, 2, 2), sc.offset_of(text, starts, 1, 3)] == [0, 4, 2]
    assert sc.offset_of(text, starts, 1, 4) is None and sc.offset_of(text, starts, 3, 1) is None
    # a comment that starts inside a masked expression is dropped; one past the end is dropped
    out = sc.parse_json1(json.dumps({"comments": [
        {"line": 1, "column": 2, "endLine": 1, "endColumn": 1, "level": "info", "code": 1, "message": "m"},
        {"line": 9, "column": 1, "endLine": 9, "endColumn": 2, "level": "info", "code": 2, "message": "m"},
        {"line": 1, "column": "x", "code": 3, "message": "m"}]}), text)
    assert [(c.code, c.start, c.end) for c in out] == [(1, 1, 2)]


@pytest.mark.skipif(sc.find_program() is None, reason="shellcheck is not installed")
def test_real_shellcheck(tmp_path):
    text = wf('      - run: |\n          echo "${{ github.ref }}" $HOME\n          cd build\n          make\n'
              "      - run: echo ${{ github.ref }} $HOME\n        shell: sh\n"
              '      - run: if [ "${{ github.ref }}" = main ]; then echo "$HOME"; fi\n'
              "      - run: |\n          # shellcheck disable=SC2086\n          cd build\n          echo $HOME\n"
              "        shell: bash {0}\n")
    r = run(tmp_path, {WF: text})
    got = sorted((f.line, f.col, f.message.split(" (")[0].rsplit(" ", 1)[-1]) for f in r.findings)
    # `cd` in the first step runs under `set -e` (the runner's `bash -e {0}`): no SC2164;
    # under `bash {0}` it is reported, and the file-wide directive still applies
    assert got == [(7, 36, "SC2086"), (10, 37, "SC2086"), (15, 11, "SC2164")]


@pytest.mark.skipif(sc.find_program() is None, reason="shellcheck is not installed")
def test_real_shellcheck_constant_comparisons(tmp_path):
    """A masked expression is a constant to shellcheck: what it says about constants is
    dropped there, and kept on literal text."""
    text = wf("      - run: |\n"
              '          [[ "${{ github.ref }}" == "refs/tags/"* ]] && echo tag\n'
              '          if [ ${{ inputs.x }} ]; then echo x; fi\n'
              '          [[ "main" == "refs/tags/"* ]] && echo never\n'
              '          echo "$PLUGINS" | while read -r PLUGIN; do echo "$PLUGIN"; done\n')
    r = run(tmp_path, {WF: text})
    got = sorted((f.line, f.col, f.message.split(" (")[0].rsplit(" ", 1)[-1]) for f in r.findings)
    assert got == [(9, 21, "SC2193")]
