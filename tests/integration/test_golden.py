"""Golden findings: what `okla-lint check --select ALL --format json` reports on every fixture
repository (fixtures/<area>/<repo>) and on the shared corpus (../shared/corpus), compared
with the snapshot in tests/integration/golden/ (rule, severity, path, line, col, message,
related; sorted, grouped by file, one finding per line).

A change that does not mean to change findings must keep this test green. A change that
does regenerates the snapshot and reads its diff before committing (every removed finding a
false one, every added one a true one):

    python tests/integration/test_golden.py --update
    # or: OKLA_GOLDEN_UPDATE=1 python -m pytest -q tests/integration/test_golden.py

The corpus is looked up in $OKLA_LINT_CORPUS, then ../shared/corpus and ../../shared/corpus
beside the repository (a worktree); its part is skipped when it is absent.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(ROOT / "tests"))

from helpers import chdir  # noqa: E402
from okla_lint.cli import cli  # noqa: E402


def corpus_dir() -> Path | None:
    env = os.environ.get("OKLA_LINT_CORPUS")
    cands = [Path(env)] if env else [ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus"]
    return next((c.resolve() for c in cands if c.is_dir()), None)


def fixture_repos() -> list[str]:
    """fixtures/<area>/<repo>, as paths relative to the repository root."""
    return sorted(f"fixtures/{area.name}/{repo.name}" for area in FIXTURES.iterdir() if area.is_dir()
                  for repo in area.iterdir() if repo.is_dir())


def check(cwd: Path, path: str) -> list[dict]:
    """The findings of `okla-lint check --select ALL --format json PATH` run in CWD, reduced to
    what the snapshot keeps."""
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    env = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_WORKFLOW": None}
    with chdir(cwd):
        # --no-cache: a run cache written beside the corpus would become one of its folders
        # shellcheck runs only where it is installed: its findings would make the snapshot
        # depend on the machine (tests/rules/gha/test_shellcheck.py tests it)
        r = runner.invoke(cli, ["check", "--select", "ALL", "--ignore", "shellcheck", "--format", "json", "--exit-zero",
                                "--no-cache", path],
                          env=env, catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    out = []
    for f in json.loads(r.stdout)["findings"]:
        g = {k: f[k] for k in ("rule", "severity", "path", "line", "column", "message")}
        if f.get("related"):
            g["related"] = [[x["path"], x["line"], x["column"], x["message"]] for x in f["related"]]
        out.append(g)
    return sorted(out, key=lambda g: (g["path"], g["line"], g["column"], g["rule"], g["message"],
                                      json.dumps(g.get("related"))))


def render(findings: list[dict]) -> str:
    """Grouped by file, one finding per line as [line, column, rule, severity, message,
    related?]: small, readable diffs when findings change."""
    by_path: dict[str, list[str]] = {}
    for f in findings:
        row = [f["line"], f["column"], f["rule"], f["severity"], f["message"]] + ([f["related"]] if "related" in f else [])
        by_path.setdefault(f["path"], []).append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    blocks = [json.dumps(p, ensure_ascii=False) + ":[\n" + ",\n".join(rows) + "]" for p, rows in by_path.items()]
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def targets() -> dict[str, tuple[Path, list[str]]]:
    """snapshot name -> (working directory, paths checked one by one)."""
    out = {"fixtures": (ROOT, fixture_repos())}
    corpus = corpus_dir()
    if corpus is not None:
        # repositories only: not a cache or render folder a tool left there (.okla-lint-cache)
        out["corpus"] = (corpus, sorted(p.name for p in corpus.iterdir() if p.is_dir() and not p.name.startswith(".")))
    return out


def current(name: str) -> str:
    cwd, paths = targets()[name]
    return render([f for p in paths for f in check(cwd, p)])


def update() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name in targets():
        (GOLDEN / f"{name}.json").write_text(current(name), encoding="utf-8")
        print(f"wrote {GOLDEN / f'{name}.json'}")


@pytest.mark.parametrize("name", ["fixtures", "corpus"])
@pytest.mark.slow(3)
def test_golden_findings(name):
    if name == "corpus" and corpus_dir() is None:
        pytest.skip("../shared/corpus is absent (set OKLA_LINT_CORPUS to its path to compare it)")
    if os.environ.get("OKLA_GOLDEN_UPDATE"):
        (GOLDEN / f"{name}.json").write_text(current(name), encoding="utf-8")
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    got = current(name)
    if got != expected:
        exp, cur = set(expected.splitlines()), set(got.splitlines())
        gone = sorted(exp - cur)[:10]
        new = sorted(cur - exp)[:10]
        pytest.fail(f"findings on {name} differ from tests/integration/golden/{name}.json "
                    f"(regenerate: python tests/integration/test_golden.py --update, then read the diff)\n"
                    "no longer reported:\n  " + "\n  ".join(gone) + "\nnewly reported:\n  " + "\n  ".join(new))


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/integration/test_golden.py --update")
    update()
