"""``--fix``, ``--unsafe-fixes`` and ``--diff``: apply the fixes findings carry, prove each
result, and write it atomically.

Rounds: lint, take every fix of the allowed applicability from the findings, apply those
that do not overlap (the others wait for the next round), re-parse and re-lint, keep a
file's changes only when

* the file still parses (no parse error it did not have before),
* each fixed finding is gone (counted by rule and identity, not by line),
* no finding appears that was not there before (in the file or elsewhere in its project),
* fixes that promise the same data (comments, trailing commas) leave the parsed data equal,

and repeat until a round changes nothing (at most ``MAX_ROUNDS``). When several fixes in
one file fail together, the next rounds try them one at a time; a fix that fails alone is
not applied and the reason is reported. Everything happens in memory; files are written
only at the end (``write_fixed``), never through a symlink that leads out of the project.
"""
from __future__ import annotations

import codecs
import copy
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import files as F
from .discover import Candidate
from .root import project_root
from .engine import Engine, RunResult, real_path, deep_recursion, display_path
from .finding import Finding
from .located import LMap, LSeq
from .fix import SAFE, UNSAFE, Fix, apply_edits, non_overlapping, unique_edits
from .source import decode
from .io import NotAFile, write_output_atomically

MAX_ROUNDS = 10
# a by-product of a fix (a suppression that now suppresses nothing) has its own fix
_NOT_NEW = {"unused-suppression"}


@dataclass
class Rejected:
    finding: Finding
    reason: str


@dataclass
class FileChange:
    cand: Candidate
    display: str
    original: str
    text: str
    fixed: list[Finding] = field(default_factory=list)  # as reported before each fix
    # each accepted round: (text before, the edits applied to it, text after)
    history: list[tuple[str, list, str]] = field(default_factory=list)
    write_error: str = ""

    @property
    def changed(self) -> bool:
        return self.text != self.original


@dataclass
class FixOutcome:
    result: RunResult  # the findings that remain (lint of the fixed texts)
    changes: list[FileChange]
    rejected: list[Rejected]
    unsafe_available: int  # findings with an unsafe fix that was not allowed
    rounds: int

    @property
    def changed(self) -> list[FileChange]:
        return [c for c in self.changes if c.changed]

    @property
    def fixed_count(self) -> int:
        return sum(len(c.fixed) for c in self.changed)


class RecordingEngine(Engine):
    """An engine that keeps the parsed files of its run (to re-lint them without reading
    the disk again)."""

    parsed: list[tuple[Candidate, F.FileUnit]] = []

    def run_units(self, parsed):  # noqa: D401
        self.parsed = list(parsed)
        return super().run_units(parsed)


def reparse(unit: F.FileUnit, text: str) -> F.FileUnit:
    if unit.json is not None or unit.json_partial is not None or unit.kind in (F.OCELOT, F.JSON):
        return F.parse_json_file(unit.path, unit.rel, text)
    return F.parse_yaml_file(unit.path, unit.rel, text)


def _parse_errors(unit: F.FileUnit) -> list[F.Problem]:
    return [p for p in unit.problems if p.rule == "parse-error"]


def _plain(node: Any, depth: int = 0) -> Any:
    if depth > 600:
        return None
    if isinstance(node, LMap):
        return [(k, _plain(v, depth + 1)) for k, v in node.items()]
    if isinstance(node, LSeq):
        return [_plain(v, depth + 1) for v in node]
    return (type(node).__name__, node)


def _data(unit: F.FileUnit) -> Any:
    return [_plain(d.root) for d in unit.docs]


def _key(f: Finding) -> tuple[str, str]:
    # numbers left out: a fix that moves entries (an env list reordered) renumbers the
    # other findings of that list (`env[1]` -> `env[2]` in a context or a message), which
    # are then neither gone nor new
    return (f.rule, re.sub(r"\d+", "#", f.context or f.message))


def _fix_id(f: Finding) -> tuple:
    return (f.rule, f.path, f.context, f.fix.message if f.fix else "")


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and (fix.applicability == SAFE or (unsafe and fix.applicability == UNSAFE))


class _Partial(Engine):
    """Re-lints only the files in ``lint_only`` (the changed ones); the cross-file
    (repository) checks still see every file of the project."""

    lint_only: set[int] | None = set()  # None: every file

    def _lint_file(self, model, unit) -> None:
        if self.lint_only is None or id(unit) in self.lint_only:
            super()._lint_file(model, unit)


def _repository_rules(engine: Engine) -> set[str]:
    """Rules reported only by cross-file checks: the only ones a change can move to another
    file (a rule with a per-file check as well keeps its findings of unchanged files)."""
    repo: set[str] = set()
    other: set[str] = set()
    for hook, checks in engine.hooks.items():
        for chk in checks:
            (repo if hook == "repository" else other).update(chk.rules)
    return repo - other - {"unused-suppression"}


def _lint(engine: Engine, parsed, report_only, changed: set[int] | None) -> RunResult:
    eng = _Partial(engine.settings, engine.catalogue)
    eng.report_only = report_only
    eng.lint_only = changed
    res = eng.run_units(parsed)
    res.findings = source_fixes(engine, parsed, report_only, res.findings, changed)
    return res


def source_fixes(engine: Engine, parsed, report_only, findings: list[Finding], only: set[int] | None = None) -> list[Finding]:
    """A finding of a rendered kustomize overlay is reported at its source file but carries
    no fix (the check's edits are offsets into the rendered text). Linted without rendering,
    the source file reports the same finding at the same place with the fix for its own
    text: that fix is attached (the rounds then prove it against the rendered result, as
    any other). ``only``: the ids of the units to lint again (None: every unit)."""
    if not getattr(engine.settings, "render", False):
        return findings
    fixable = {rid for rid, doc in engine.catalogue.items() if getattr(doc, "autofix", "none") != "none"}
    if not any(f.fix is None and f.rule in fixable for f in findings):
        return findings
    settings = copy.copy(engine.settings)
    settings.render = False
    eng = _Partial(settings, engine.catalogue)
    eng.report_only = report_only
    eng.lint_only = only
    found = {}
    for g in eng.run_units(parsed).findings:
        if g.fix is not None:
            found.setdefault((g.rule, g.path, g.line, g.col), g.fix)
    out = []
    for f in findings:
        fx = found.get((f.rule, f.path, f.line, f.col)) if f.fix is None and f.rule in fixable else None
        out.append(replace(f, fix=fx) if fx is not None else f)
    return out


def _merge(old: list[Finding], new: list[Finding], changed_paths: set[str], repo_rules: set[str] | None) -> list[Finding]:
    """The findings after a partial re-lint: the changed files' new findings, and for the
    other files their old per-file findings with the new cross-file ones (``repo_rules``
    None: a full re-lint, the new findings as they are)."""
    if repo_rules is None:
        return list(new)
    out = [f for f in new if f.path in changed_paths or f.rule in repo_rules]
    out += [f for f in old if f.path not in changed_paths and f.rule not in repo_rules]
    return out


def run_fixes(engine: Engine, first: RunResult, unsafe: bool, partial: bool = True) -> FixOutcome:
    """Apply the fixes of ``first`` (a run of ``engine``, a ``RecordingEngine``) in rounds; the
    outcome holds the new texts (nothing is written here).

    ``partial``: each round re-lints the changed files only (the cross-file checks still
    see the whole project). A per-file check of another file may read the changed one
    through the project model, so the end result is linted in full once; when that shows
    a finding the rounds did not see in an unchanged file, everything is done again with
    full re-lints."""
    parsed = list(getattr(engine, "parsed", []))
    report_only = engine.report_only
    shown = {display_path(u.path): i for i, (_, u) in enumerate(parsed)}
    units = [u for _, u in parsed]
    changes: dict[int, FileChange] = {}
    rejected: list[Rejected] = []
    rejected_ids: set[tuple] = set()
    one_at_a_time: set[int] = set()
    by_root: dict[Path, list[Finding]] = {}

    def root_of(i: int) -> Path:
        return parsed[i][0].root

    def index_of(f: Finding) -> int | None:
        return shown.get(f.path)

    for f in source_fixes(engine, parsed, report_only, first.findings):
        i = index_of(f)
        by_root.setdefault(root_of(i) if i is not None else Path("?"), []).append(f)
    extra_errors = list(first.internal_errors)
    repo_rules = _repository_rules(engine) if partial else None
    rounds = 0
    for rounds in range(1, MAX_ROUNDS + 1):
        findings = [f for fs in by_root.values() for f in fs]
        per_file: dict[int, list[Finding]] = {}
        for f in findings:
            if allowed(f.fix, unsafe) and _fix_id(f) not in rejected_ids:
                i = index_of(f)
                if i is not None and units[i].src is not None and units[i].kind != F.HELM:
                    per_file.setdefault(i, []).append(f)
        if not per_file:
            break
        proposals: dict[int, tuple[str, list[Finding], F.FileUnit]] = {}
        for i, fs in per_file.items():
            fs.sort(key=lambda f: (f.fix.edits[0].start if f.fix.edits else 0, f.rule))
            ok, _ = non_overlapping(f.fix for f in fs)
            chosen_fixes = ok[:1] if i in one_at_a_time else ok
            chosen = [f for f in fs if any(f.fix is x for x in chosen_fixes)]
            text = units[i].src.text
            try:
                new = apply_edits(text, unique_edits(f.fix for f in chosen))
            except ValueError:  # pragma: no cover - non_overlapping prevents it
                continue
            if new == text:
                for f in chosen:
                    _reject(rejected, rejected_ids, f, "the fix changes nothing")
                continue
            new_unit = reparse(units[i], new)
            reason = parse_check(units[i], new_unit, chosen)
            if reason:
                _fail(i, chosen, reason, one_at_a_time, rejected, rejected_ids)
                continue
            proposals[i] = (new, chosen, new_unit)
        if not proposals:
            continue
        roots = {root_of(i) for i in proposals}
        trial = [(c, proposals[i][2] if i in proposals else u) for i, ((c, _), u) in enumerate(zip(parsed, units))]
        sub = [p for p in trial if p[0].root in roots]
        changed_ids = {id(proposals[i][2]) for i in proposals}
        changed_paths = {display_path(units[i].path) for i in proposals}
        res = _lint(engine, sub, report_only, changed_ids if partial else None)
        extra_errors += [e for e in res.internal_errors if e not in extra_errors]
        new_by_root: dict[Path, list[Finding]] = {r: [] for r in roots}
        for f in _merge([f for r in roots for f in by_root.get(r, [])], res.findings, changed_paths, repo_rules):
            j = index_of(f)
            new_by_root.setdefault(root_of(j) if j is not None else Path("?"), []).append(f)
        failed: set[int] = set()
        for root in roots:
            before = by_root.get(root, [])
            after = new_by_root.get(root, [])
            mine = [i for i in proposals if root_of(i) == root]
            for i in mine:
                path = display_path(units[i].path)
                b = Counter(_key(f) for f in before if f.path == path)
                a = Counter(_key(f) for f in after if f.path == path)
                _, chosen, _ = proposals[i]
                reason = ""
                need = Counter(_key(f) for f in chosen)
                for k, n in need.items():
                    if a[k] > b[k] - n:
                        reason = "the finding is still reported after the fix"
                        break
                if not reason:
                    for f in after:
                        if f.path == path and f.rule not in _NOT_NEW and a[_key(f)] > b[_key(f)]:
                            reason = f"the fix would add a finding: {f.rule} at line {f.line}, column {f.col}: {f.message}"
                            break
                if reason:
                    failed.add(i)
                    _fail(i, chosen, reason, one_at_a_time, rejected, rejected_ids)
            # a new finding in another file of the project: every change there is suspect
            others_b = Counter((f.path, _key(f)) for f in before)
            others_a = Counter((f.path, _key(f)) for f in after)
            changed_paths = {display_path(units[i].path) for i in mine}
            for f in after:
                k = (f.path, _key(f))
                if f.path not in changed_paths and f.rule not in _NOT_NEW and others_a[k] > others_b[k]:
                    for i in mine:
                        if i not in failed:
                            failed.add(i)
                            _fail(i, proposals[i][1], f"the fix would add a finding in {f.path}: {f.rule} at line {f.line}, column {f.col}", one_at_a_time, rejected, rejected_ids)
                    break
        for i, (new, chosen, new_unit) in proposals.items():
            if i in failed:
                continue
            ch = changes.get(i)
            if ch is None:
                ch = changes[i] = FileChange(parsed[i][0], display_path(units[i].path), units[i].src.text, new)
            ch.history.append((ch.text, unique_edits(f.fix for f in chosen), new))
            ch.text = new
            ch.fixed.extend(chosen)
            units[i] = new_unit
        if failed:
            # lint again with only the accepted changes
            trial = [(c, u) for (c, _), u in zip(parsed, units)]
            kept = {i for i in proposals if i not in failed}
            res = _lint(engine, [p for p in trial if p[0].root in roots], report_only,
                        {id(units[i]) for i in kept} if partial else None)
            new_by_root = {r: [] for r in roots}
            for f in _merge([f for r in roots for f in by_root.get(r, [])], res.findings,
                            {display_path(units[i].path) for i in kept}, repo_rules):
                j = index_of(f)
                new_by_root.setdefault(root_of(j) if j is not None else Path("?"), []).append(f)
        by_root.update(new_by_root)
    if partial and changes:
        # the end result, linted in full: what remains, exactly
        roots = {root_of(i) for i in changes}
        trial = [(c, u) for (c, _), u in zip(parsed, units) if c.root in roots]
        res = _lint(engine, trial, report_only, None)
        changed_paths = {display_path(units[i].path) for i in changes}
        before = Counter((f.path, _key(f)) for f in first.findings if f.path not in changed_paths and f.rule not in _NOT_NEW)
        after = Counter((f.path, _key(f)) for f in res.findings if f.path not in changed_paths and f.rule not in _NOT_NEW)
        if any(n > before[k] for k, n in after.items()):
            return run_fixes(engine, first, unsafe, partial=False)
        for r in roots:
            by_root[r] = []
        for f in res.findings:
            j = index_of(f)
            by_root.setdefault(root_of(j) if j is not None else Path("?"), []).append(f)
    findings = sorted((f for fs in by_root.values() for f in fs), key=Finding.sort_key)
    unsafe_available = 0 if unsafe else sum(1 for f in findings if f.fix is not None and f.fix.applicability == UNSAFE)
    shown_units = units if report_only is None else [u for u in units if real_path(u.path) in report_only]
    result = RunResult(findings, shown_units, [u for u in shown_units if u.kind == F.HELM], extra_errors)
    return FixOutcome(result, list(changes.values()), rejected, unsafe_available, rounds)


def _reject(rejected, rejected_ids, f: Finding, reason: str) -> None:
    if _fix_id(f) not in rejected_ids:
        rejected_ids.add(_fix_id(f))
        rejected.append(Rejected(f, reason))


def _fail(i: int, chosen: list[Finding], reason: str, one_at_a_time: set[int], rejected, rejected_ids) -> None:
    """A batch that fails is retried one fix at a time; a single fix that fails is given up."""
    distinct = {f.fix.edits for f in chosen}
    if len(distinct) > 1:
        one_at_a_time.add(i)
        return
    for f in chosen:
        _reject(rejected, rejected_ids, f, reason)


def parse_check(old: F.FileUnit, new: F.FileUnit, chosen: list[Finding]) -> str:
    before = _parse_errors(old)
    after = _parse_errors(new)
    if before:
        # as ruff: a file that does not parse is not fixed (what the rest of it means is
        # not known, and the result would not parse either)
        p = before[0]
        return f"the file does not parse (line {p.line}, column {p.col}): fix the syntax first"
    if len(after) > len(before) or (after and not before):
        p = after[0]
        return f"the fixed file would not parse (line {p.line}, column {p.col}: {p.message})"
    dups_before = sum(len(d.dups) for d in old.docs)
    dups_after = sum(len(d.dups) for d in new.docs)
    if dups_after > dups_before:
        return "the fixed file would have a duplicate key"
    if new.kind != old.kind:
        return f"the fixed file would be read as {new.kind}, not {old.kind}"
    if all(f.fix.same_data for f in chosen):
        with deep_recursion():
            if _data(old) != _data(new):
                return "the fixed file would hold different data"
    return ""


# -- writing ---------------------------------------------------------------------------

class WriteRefused(Exception):
    pass


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def encode_like(raw: bytes, text: str) -> bytes:
    """``text`` encoded as the file ``raw`` was: the same BOM and encoding."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            return bom + text.encode(enc)
    return text.encode("utf-8")


def write_fixed(path: Path, project: Path, original: str, text: str) -> Path:
    """Write ``text`` over ``path`` atomically (``core.io.write_output_atomically``: a
    temporary file in the same folder, then a rename), keeping the file's mode and
    encoding. A symlink is written through only when its target is inside ``project``;
    nothing outside ``project`` is written, and a read-only file or one that changed since
    it was read is left alone. Returns the path written."""
    root = real_path(project)
    target = real_path(path)
    if target != root and root not in target.parents:
        if path.is_symlink():
            raise WriteRefused(f"it is a symlink to {target}, outside the project {root}")
        raise WriteRefused(f"it is outside the project {root}")
    try:
        st = os.stat(target)
        with open(target, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise WriteRefused(f"cannot read it again: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused("it is not a regular file")
    if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
        # the rename would replace it all the same (and root may write anything): a file
        # without write permission says "do not change me", as to an editor
        raise WriteRefused("it is read-only")
    try:
        current = decode(raw)
    except Exception:
        current = None
    if current != original:
        raise WriteRefused("it changed on disk while okla-lint was fixing it")

    try:
        # temporary file in the same folder, fsync, rename; mode (and owner) kept
        write_output_atomically(target, encode_like(raw, text), confine_to=root)
    except NotAFile as exc:
        raise WriteRefused(exc.strerror or str(exc)) from None
    return target


def write_all(outcome: FixOutcome) -> list[str]:
    """Write every changed file; returns the errors (one line each)."""
    errors = []
    written: dict[Path, str] = {}
    for ch in outcome.changed:
        target = real_path(ch.cand.path)
        if target in written:
            # the same file named twice (a path and a symlink to it): written once
            if written[target] != ch.text:
                ch.write_error = "another path to the same file was fixed differently"
                errors.append(f"okla-lint: error: {ch.display}: not fixed: {ch.write_error}")
            continue
        # a file named on the command line: the project is the one the name is in, not the
        # one its symlink leads to (which would make any target its own project)
        project = ch.cand.root
        if ch.cand.explicit:
            project = project_root(Path(os.path.abspath(ch.cand.path)).parent, Path.cwd())
        try:
            written[target] = ch.text
            write_fixed(ch.cand.path, project, ch.original, ch.text)
        except WriteRefused as exc:
            ch.write_error = str(exc)
            errors.append(f"okla-lint: error: {ch.display}: not fixed: {exc}")
        except OSError as exc:
            ch.write_error = exc.strerror or str(exc)
            errors.append(f"okla-lint: error: {ch.display}: cannot write the fixed file: {ch.write_error}")
    return errors
