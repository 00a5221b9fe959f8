"""A project as the language server keeps it: every file okla-lint reads below the root,
parsed once and kept in memory (re-read only when its size or modification time changes
or the editor says it changed on disk), open buffers in place of their files, and the
project's configuration (reloaded on request; a broken one is reported, never raised).

Linting one file builds the repository model from the cached units, so cross-file rules
see the whole project (and unsaved edits of every open file) while only the linted file's
findings are reported."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core import files as F
from ..core.catalogue import load_catalogue
from ..core.discover import PROJECT_MARKERS, Candidate
from ..core.engine import Engine, RunResult, real_path
from ..core.finding import Finding
from ..core.settings import Settings, SettingsError
from ..config import ConfigError, find_config, load_settings
from ..core.discover import SKIP_DIRS, excluded

CONFIG_FILES = (".okla-lint.yaml", ".okla-lint.yml", "pyproject.toml")


@dataclass
class ConfigProblem:
    path: Path  # the configuration file (absolute)
    line: int
    col: int
    message: str


@dataclass
class LintOutcome:
    findings: list[Finding]
    unit: F.FileUnit | None  # the linted file as parsed (its text gives positions)
    internal_errors: list[str] = field(default_factory=list)


def find_root(path: Path, folders: list[Path]) -> Path:
    """The project a file belongs to: the innermost workspace folder holding it, else the
    nearest folder above it with .git, .github or .okla-lint.yaml, else its folder."""
    real = real_path(path)
    inside = [f for f in folders if f == real or f in real.parents]
    if inside:
        return max(inside, key=lambda f: len(f.parts))
    for anc in real.parents:
        if any((anc / m).exists() for m in PROJECT_MARKERS):
            return anc
    return real.parent


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def parse_text(path: Path, rel: str, text: str) -> F.FileUnit:
    """A buffer parsed as the file ``path`` would be (as ``check --stdin-filename``)."""
    lower = path.name.lower()
    if lower.endswith(F.JSON_EXT) or (not lower.endswith(F.YAML_EXT) and text.lstrip().startswith(("{", "["))):
        return F.parse_json_file(path, rel, text)
    return F.parse_yaml_file(path, rel, text)


class Project:
    def __init__(self, root: Path):
        self.root = real_path(root)
        self.catalogue = load_catalogue()
        self.buffers: dict[Path, str] = {}  # real path -> text of an open document
        self._disk: dict[Path, tuple[tuple[int, int] | None, F.FileUnit | None]] = {}
        self._buffer_units: dict[Path, tuple[str, F.FileUnit]] = {}
        self._cands: list[Candidate] | None = None
        self.settings = Settings()
        self.config_path: Path | None = None
        self.config_problems: list[ConfigProblem] = []
        self.parses = 0  # files parsed from disk (tests check that the cache is used)
        self.load_config()

    # -- configuration ---------------------------------------------------------------
    def load_config(self) -> None:
        """(Re)read the configuration. A broken one keeps the last good settings (the
        defaults at first) and is described in ``config_problems``."""
        try:
            found = find_config(self.root)
        except OSError:
            found = None
        self.config_path = real_path(found) if found else None
        try:
            self.settings = load_settings(self.catalogue, None, [str(self.root)])
            self.settings.enabled_rules(self.catalogue)  # selectors are checked here
            self.config_problems = []
        except ConfigError as exc:
            self.config_problems = [ConfigProblem(real_path(Path(p)), line, col, msg) for p, line, col, msg in exc.problems]
        except SettingsError as exc:
            where = self.config_path or self.root / ".okla-lint.yaml"
            self.config_problems = [ConfigProblem(where, 1, 1, str(exc))]
        except Exception as exc:  # never let a configuration take the server down
            where = self.config_path or self.root / ".okla-lint.yaml"
            self.config_problems = [ConfigProblem(where, 1, 1, f"cannot read the configuration: {exc!r}")]
        self._cands = None  # exclude may have changed

    def is_config(self, path: Path) -> bool:
        return path.name in CONFIG_FILES

    # -- files -----------------------------------------------------------------------
    def _engine(self) -> Engine:
        return Engine(self.settings, self.catalogue)

    def candidates(self) -> list[Candidate]:
        if self._cands is None:
            self._cands = self._engine().candidates([str(self.root)])
        return self._cands

    def files_changed(self, paths: list[Path], created_or_deleted: bool = False) -> None:
        """Files changed on disk (the editor's watcher): forget their parsed form; a
        created or deleted file also changes which files there are."""
        known = {real_path(c.path) for c in self._cands} if self._cands is not None else set()
        for p in paths:
            real = real_path(p)
            self._disk.pop(real, None)
            if real not in known:
                created_or_deleted = True  # a new file saved for the first time
        if created_or_deleted:
            self._cands = None

    def open(self, path: Path, text: str) -> None:
        self.buffers[real_path(path)] = text

    def close(self, path: Path) -> None:
        real = real_path(path)
        self.buffers.pop(real, None)
        self._buffer_units.pop(real, None)

    def _disk_unit(self, cand: Candidate) -> F.FileUnit | None:
        real = real_path(cand.path)
        stamp = _stamp(cand.path)
        hit = self._disk.get(real)
        if hit is not None and hit[0] == stamp and stamp is not None:
            return hit[1]
        self.parses += 1
        unit = F.parse_file(cand.path, cand.rel, cand.explicit, self.settings.max_file_size)
        self._disk[real] = (stamp, unit)
        return unit

    def _buffer_unit(self, cand: Candidate, text: str) -> F.FileUnit:
        real = real_path(cand.path)
        hit = self._buffer_units.get(real)
        if hit is not None and hit[0] == text:
            return hit[1]
        unit = parse_text(cand.path, cand.rel, text)
        self._buffer_units[real] = (text, unit)
        return unit

    def _unit(self, cand: Candidate) -> F.FileUnit | None:
        text = self.buffers.get(real_path(cand.path))
        return self._buffer_unit(cand, text) if text is not None else self._disk_unit(cand)

    def excluded(self, real: Path) -> bool:
        """A file below the root that discovery leaves out (exclude, vendored folders)."""
        return self.root in real.parents and real.name.lower().endswith(F.YAML_EXT + F.JSON_EXT) and not any(
            real_path(c.path) == real for c in self.candidates()
        ) and self._walk_excludes(real)

    def _walk_excludes(self, real: Path) -> bool:
        rel = real.relative_to(self.root).as_posix()
        if any(part in SKIP_DIRS for part in rel.split("/")[:-1]):
            return True
        root = self.settings.root.resolve() if self.settings.root else None
        if root is not None and self.settings.exclude:
            try:
                crel = real.relative_to(root).as_posix()
            except ValueError:
                return False
            return excluded(crel, self.settings.exclude)
        return False

    # -- linting ---------------------------------------------------------------------
    def lint(self, path: Path) -> LintOutcome:
        """Lint one file (its open buffer, else the file on disk) with the rest of the
        project, from memory, as the model."""
        real = real_path(path)
        if self.excluded(real):
            return LintOutcome([], None)
        cands = self.candidates()
        parsed: list[tuple[Candidate, F.FileUnit]] = []
        target: Candidate | None = None
        for c in cands:
            if real_path(c.path) == real:
                target = c
                continue
            unit = self._unit(c)
            if unit is not None:
                parsed.append((c, unit))
        # open buffers of files discovery does not know yet (new, unsaved): part of the model
        listed = {real_path(c.path) for c in cands}
        for buf in self.buffers:
            if buf != real and buf not in listed and self.root in buf.parents and not self._walk_excludes(buf) \
                    and buf.name.lower().endswith(F.YAML_EXT + F.JSON_EXT):
                c = Candidate(buf, buf.relative_to(self.root).as_posix(), self.root, True)
                parsed.append((c, self._buffer_unit(c, self.buffers[buf])))
        if target is None:
            # a file discovery does not list (outside the root, a new file, a name it does
            # not look at): linted as if named on the command line
            rel = real.relative_to(self.root).as_posix() if self.root in real.parents else real.name
            target = Candidate(real, rel, self.root if self.root in real.parents else real.parent, True)
            if target.root != self.root:
                parsed = []
        text = self.buffers.get(real)
        if text is None:
            unit = F.parse_file(target.path, target.rel, True, self.settings.max_file_size)
        else:
            unit = self._buffer_unit(target, text)
        if unit is None:
            return LintOutcome([], None)
        engine = self._engine()
        engine.report_only = {real}
        result: RunResult = engine.run_units([(target, unit)] + parsed)
        return LintOutcome(result.findings, unit, list(result.internal_errors))

    def open_paths(self) -> list[Path]:
        return list(self.buffers.copy())


def is_lintable(path: Path) -> bool:
    return path.name.lower().endswith(F.YAML_EXT + F.JSON_EXT) and path.name not in CONFIG_FILES[:2]

