"""Finding the files to lint."""
from __future__ import annotations

import errno
import fnmatch
import os
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .files import JSON_EXT, YAML_EXT
from .root import PROJECT_MARKERS, project_root

SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    "bower_components",
    "vendor",
    "third_party",
    "third-party",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".terraform",
    ".okla-lint-cache",
    ".idea",
    ".vscode",
}
# folders of test data, not deployable manifests: Go's `testdata` (which go tools ignore),
# fixture and snapshot folders, and end-to-end test trees (the manifests of a throw-away test
# cluster, state variants of one object, diff inputs). Skipped while walking a folder unless
# the setting `test-data: true` (or `--test-data`) asks for them; a folder or file named on
# the command line is always linted.
TEST_DATA_DIRS = {"testdata", "test-data", "test_data", "fixtures", "fixture", "__fixtures__", "__snapshots__", "snapshots", "e2e"}
BACKUP_SUFFIXES = (".orig", ".rej", ".swp", "~")
# dependency lock files that package managers write in YAML or JSON: never a manifest, a
# workflow or a gateway configuration, never edited by hand, and often the largest YAML file
# of an application repository (pnpm-lock.yaml). Skipped while walking a folder; a lock file
# named on the command line is read like any file.
LOCK_FILES = frozenset({
    "pnpm-lock.yaml",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "packages.lock.json",  # NuGet
    "conda-lock.yml",
    "conda-lock.yaml",
})


@dataclass(frozen=True)
class Candidate:
    path: Path
    rel: str  # relative to the project root, '/'-separated
    root: Path  # project root: nearest ancestor with .git/.github/.okla-lint.yaml, else the lint root
    explicit: bool


def is_backup(name: str) -> bool:
    low = name.lower()
    return low.endswith(BACKUP_SUFFIXES) or ".bak" in low or low.startswith(".#")


def excluded(rel: str, patterns: list[str]) -> bool:
    for pat in patterns:
        p = pat.rstrip("/")
        if fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p + "/*") or rel.startswith(p + "/"):
            return True
        if "/" not in p and any(fnmatch.fnmatch(part, p) for part in rel.split("/")):
            return True
    return False


# the run cache (core/cache.py) needs every folder walked and its mtime: adding, removing or
# renaming anything in a folder changes its mtime, and a rule may look whether a path exists
_walked: dict[str, int] | None = None


@contextmanager
def record_walk() -> Iterator[dict[str, int]]:
    """While active, every folder ``discover`` walks is recorded (absolute path -> mtime in
    nanoseconds) in the dict yielded."""
    global _walked
    prev, _walked = _walked, {}
    try:
        yield _walked
    finally:
        _walked = prev


# a folder or file that exists but cannot be read: the run must not pass on a tree it
# could not see (a symlink loop or a dangling link is skipped, as before)
_UNREADABLE = {errno.EACCES, errno.EPERM, errno.EIO}


def discover(paths: list[str], exclude: list[str] | None = None, errors: list[str] | None = None,
             exclude_root: Path | None = None, test_data: bool = False,
             holding: set[Path] | None = None) -> list[Candidate]:
    """Files to lint under ``paths`` (folders are walked, files are taken as given), each
    with its project root and its path relative to that root. Folders (and files found in
    them) that cannot be read are added to ``errors`` as messages, never skipped silently;
    ``exclude`` them to skip them on purpose: folders are pruned by ``exclude`` relative to
    the folder walked and, when given, to ``exclude_root`` (the configuration's folder, as
    the engine applies it), so an excluded folder is never entered. Test-data folders
    (``TEST_DATA_DIRS``) below a walked folder are left out unless ``test_data`` or they hold
    one of the (resolved) paths in ``holding``."""
    exclude = exclude or []
    errors = errors if errors is not None else []

    def unreadable(exc: OSError) -> None:
        if exc.errno in _UNREADABLE:
            where = exc.filename if exc.filename is not None else "?"
            errors.append(f"okla-lint: error: cannot read folder {where}: {exc.strerror or exc}; "
                          "nothing below it was linted (fix its permissions, or `exclude` it)")
    out: list[Candidate] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            base = p.resolve()
            # a folder inside .github (`okla-lint check .github`): paths must stay relative
            # to the repository, or `.github/workflows/x.yml` would not be a workflow
            top = project_root(base, Path.cwd()) if ".github" in base.parts else base
            prefix = "" if top == base else base.relative_to(top).as_posix() + "/"
            # project root of each folder, as a path relative to base ("" is base itself);
            # filled top-down, so no folder is looked at twice
            root_of: dict[str, str] = {}
            try:
                cfg_prefix = base.relative_to(exclude_root).as_posix() + "/" if exclude_root else None
            except ValueError:
                cfg_prefix = None
            if cfg_prefix == "./":
                cfg_prefix = ""
            for dirpath, dirnames, filenames in os.walk(p, onerror=unreadable, followlinks=False):
                if _walked is not None:
                    try:
                        _walked[os.path.abspath(dirpath)] = os.stat(dirpath).st_mtime_ns
                    except OSError:
                        _walked[os.path.abspath(dirpath)] = -1
                rel_dir = os.path.relpath(dirpath, p).replace(os.sep, "/")
                rel_dir = "" if rel_dir == "." else rel_dir
                if rel_dir == "":
                    root_rel = ""
                elif any(m in dirnames or m in filenames for m in PROJECT_MARKERS):
                    root_rel = rel_dir
                else:
                    root_rel = root_of[rel_dir.rpartition("/")[0]]
                root_of[rel_dir] = root_rel
                keep = []
                for dn in sorted(dirnames):
                    if dn in SKIP_DIRS or dn.startswith(".okla-lint-render-") or os.path.exists(os.path.join(dirpath, dn, "pyvenv.cfg")):
                        continue
                    if not test_data and dn.lower() in TEST_DATA_DIRS:
                        full = Path(dirpath, dn).resolve()
                        if not any(k == full or full in k.parents for k in holding or ()):
                            continue
                    rel_dn = f"{rel_dir}/{dn}".lstrip("/")
                    if excluded(rel_dn, exclude) or (cfg_prefix is not None and excluded(cfg_prefix + rel_dn, exclude)):
                        continue
                    keep.append(dn)
                dirnames[:] = keep
                root = base / root_rel if root_rel else top
                for fn in sorted(filenames):
                    low = fn.lower()
                    if not low.endswith(YAML_EXT + JSON_EXT) or is_backup(fn) or low in LOCK_FILES:
                        continue
                    rel_lint = f"{rel_dir}/{fn}".lstrip("/")
                    if excluded(rel_lint, exclude):
                        continue
                    fp = os.path.join(dirpath, fn)
                    key = os.path.realpath(fp) if os.path.islink(fp) else os.path.abspath(fp)
                    if key in seen:
                        continue
                    try:
                        if not stat.S_ISREG(os.stat(fp).st_mode):
                            continue  # FIFOs, sockets, devices, folders named *.yaml
                    except OSError as exc:
                        if exc.errno in _UNREADABLE:  # a folder that can be listed, not entered
                            errors.append(f"okla-lint: error: cannot read {fp}: {exc.strerror or exc}; "
                                          "it was not linted (fix its permissions, or `exclude` it)")
                        continue
                    seen.add(key)
                    rel = rel_lint[len(root_rel) + 1 :] if root_rel else prefix + rel_lint
                    out.append(Candidate(Path(fp), rel, root, False))
        elif p.exists() or p.is_symlink():
            try:
                real = p.resolve()
            except (OSError, RuntimeError):  # a symlink loop: reading it reports the problem
                out.append(Candidate(p, p.as_posix(), Path.cwd(), True))
                continue
            key = str(real)
            if key in seen or os.path.abspath(p) in seen:
                continue
            seen.add(key)
            root = project_root(real.parent, Path.cwd())
            rel = real.relative_to(root).as_posix() if root in real.parents else p.as_posix()
            out.append(Candidate(p, rel, root, True))
        else:
            out.append(Candidate(p, p.as_posix(), Path.cwd(), True))
    return out
