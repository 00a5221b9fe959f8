"""Property test of --fix --unsafe-fixes (issue 13) over every fixture repository and the
shared corpus, copied to a temporary folder: each changed file still parses (no parse
error it did not have), every line outside the edited spans of each round is kept as it
was, the files on disk hold what the fixer validated, and a second run changes nothing.
In-process, one engine run per side."""
from __future__ import annotations

import difflib
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import chdir  # noqa: E402
from okla_lint.core import files as F  # noqa: E402
from okla_lint.core.engine import display_path  # noqa: E402
from okla_lint.core.fixer import RecordingEngine, run_fixes, write_all  # noqa: E402
from okla_lint.core.settings import Settings  # noqa: E402
from okla_lint.core.source import decode  # noqa: E402
from test_golden import corpus_dir  # noqa: E402


class _ChangedOnly(RecordingEngine):
    only: set[str] = set()

    def _lint_file(self, model, unit) -> None:
        if display_path(unit.path) in self.only:
            super()._lint_file(model, unit)


def _copy(src: Path, dst: Path) -> None:
    try:
        shutil.copytree(src, dst, symlinks=True)
    except shutil.Error:
        pass  # a file that vanished while copying (another process's temporary file)
    # the corpus is read-only (and --fix leaves read-only files alone): the copy is the
    # user's own, writable checkout
    for folder, dirs, files in os.walk(dst):
        for name in [*dirs, *files]:
            p = Path(folder) / name
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | stat.S_IWUSR)


def _touched_lines(text: str, edits) -> set[int]:
    """0-based line numbers of ``text`` that an edit replaces or inserts into."""
    out: set[int] = set()
    for e in edits:
        a = text.count("\n", 0, e.start)
        b = text.count("\n", 0, max(e.start, e.end - 1)) if e.end > e.start else a
        out.update(range(a, b + 1))
        if e.start == e.end:
            out.add(a - 1)  # an insertion at a line start ends the line before it
    return out


def _check_rounds(change) -> None:
    for before, edits, after in change.history:
        touched = _touched_lines(before, edits)
        a = before.splitlines(keepends=True)
        b = after.splitlines(keepends=True)
        for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            lines = set(range(i1, i2)) or {i1 - 1, i1}
            assert lines & touched, (change.display, tag, a[i1:i2])


@pytest.mark.parametrize("part", ["fixtures", "corpus"])
@pytest.mark.slow(4)
def test_fix_everything_twice(tmp_path, part):
    source = ROOT / "fixtures" if part == "fixtures" else corpus_dir()
    if source is None:
        pytest.skip("../shared/corpus is absent (set OKLA_LINT_CORPUS to run this part)")
    work = tmp_path / part
    _copy(source, work)
    with chdir(work):
        engine = RecordingEngine(Settings())
        first = engine.run_paths(["."])
        outcome = run_fixes(engine, first, unsafe=True)
        if part == "fixtures":
            # re-linting only the changed files each round gives what full re-lints give
            full = run_fixes(engine, first, unsafe=True, partial=False)
            assert {c.display: c.text for c in full.changed} == {c.display: c.text for c in outcome.changed}
            assert [f.sort_key() for f in full.result.findings] == [f.sort_key() for f in outcome.result.findings]
        assert not outcome.result.internal_errors, outcome.result.internal_errors[:1]
        assert not write_all(outcome)
        assert outcome.changed or part == "corpus", "the fixtures have fixable findings"
        for ch in outcome.changed:
            raw = (work / ch.cand.path).read_bytes()
            assert decode(raw) == ch.text, ch.display
            before = F.parse_json_file(Path(ch.display), ch.display, ch.original) if ch.display.endswith(".json") \
                else F.parse_yaml_file(Path(ch.display), ch.display, ch.original)
            after = F.parse_file(Path(ch.cand.path), ch.display, explicit=True)
            errs = [p for p in after.problems if p.rule == "parse-error"]
            assert len(errs) <= len([p for p in before.problems if p.rule == "parse-error"]), (ch.display, errs[:1])
            assert after.kind == before.kind, ch.display
            _check_rounds(ch)
        # a second run, from the files on disk, changes nothing (the changed files are
        # linted again; the others had nothing to fix or kept a fix that was refused)
        engine2 = _ChangedOnly(Settings())
        engine2.only = {ch.display for ch in outcome.changed}
        second = engine2.run_paths(["."])
        again = run_fixes(engine2, second, unsafe=True)
        assert not again.changed, [c.display for c in again.changed]
