"""Paths as the code host reads them: relative to the repository root, whatever folder
okla-lint was started in (``cd k8s && okla-lint check --format sarif .`` must still say
``k8s/web.yaml``, or GitHub attaches the alert to a file that does not exist)."""
from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """``GITHUB_WORKSPACE`` (or ``CI_PROJECT_DIR`` on GitLab) when the working directory
    is inside it, else the nearest folder above the working directory with ``.git``, else
    the working directory."""
    cwd = Path(os.getcwd())
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        ws = os.environ.get(var)
        if ws:
            w = Path(os.path.abspath(ws))
            if cwd == w or w in cwd.parents:
                return w
    for d in (cwd, *cwd.parents):
        if (d / ".git").exists():
            return d
    return cwd


# the path of standard input read without a name (`okla-lint check -`: core/engine.run_text)
STDIN = "stdin"


def in_repo(path: str, root: Path) -> str:
    """``path`` (relative to the working directory, as findings carry it) relative to
    ``root``, '/'-separated; unchanged when the file lies outside the repository, and for
    standard input read without a name (no file of the repository: `k8s/stdin` would name
    one that does not exist)."""
    if path == STDIN and not os.path.lexists(path):
        return path
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return path.replace(os.sep, "/")
