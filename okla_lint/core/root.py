"""The one place that knows what a project root is.

Two marker sets, on purpose:
- ``PROJECT_MARKERS`` (``.git``, ``.github``, ``.okla-lint.yaml``): the project a file
  belongs to, whose other files cross-file rules read (discovery, project context, editors'
  buffers). A folder with ``.github`` is a repository even when it is not a git checkout
  (an extracted archive, a fixture).
- ``REPOSITORY_MARKERS`` (``.git``, ``.okla-lint.yaml``): where the paths inside a
  repository start for fingerprints and baselines, which must not change when a
  ``.github`` folder appears lower in the tree.
- ``GIT_MARKERS`` (``.git``): how far up the configuration file is searched.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

PROJECT_MARKERS = (".git", ".github", ".okla-lint.yaml")
REPOSITORY_MARKERS = (".git", ".okla-lint.yaml")
GIT_MARKERS = (".git",)


def is_root(folder: Path, markers: Iterable[str] = PROJECT_MARKERS) -> bool:
    """``folder`` holds one of ``markers``."""
    return any((folder / m).exists() for m in markers)


def nearest_root(start: Path, markers: Iterable[str] = PROJECT_MARKERS, also: Path | None = None) -> Path | None:
    """``start`` or its nearest ancestor that holds one of ``markers`` (or is ``also``);
    None when there is none up to the file system root."""
    markers = tuple(markers)
    for cur in (start, *start.parents):
        if cur == also or is_root(cur, markers):
            return cur
    return None


def project_root(path: Path, stop: Path) -> Path:
    """Nearest ancestor of ``path`` that looks like a repository root (``.git``, ``.github``
    or ``.okla-lint.yaml``), searched up to ``stop``; ``stop`` when there is none. Files
    outside ``stop`` are searched up to the file system root, then fall back to their
    own folder."""
    start = (path if path.is_dir() else path.parent).resolve()
    stop = stop.resolve()
    cur = start
    while True:
        if is_root(cur):
            return cur
        if cur == stop:
            return stop
        if cur.parent == cur:
            return stop if stop in start.parents else start
        cur = cur.parent
