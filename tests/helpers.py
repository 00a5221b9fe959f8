"""Helpers for tests: lay out a small repository and lint it."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings


TESTS_DIR = Path(__file__).resolve().parent  # tests/
ROOT_DIR = TESTS_DIR.parent  # the repository: fixtures/, rules/, docs/


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            # keep the content byte for byte (CRLF tests write \r\n themselves)
            p.write_bytes(content.encode("utf-8"))


@contextmanager
def chdir(path: Path):
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def lint(root: Path, select: list[str] | None = None, paths: list[str] | None = None, **settings):
    """Lint ``root`` from inside it; findings' paths are relative to it."""
    s = Settings(select=select, **settings)
    with chdir(root):
        return Engine(s).run_paths(paths or ["."])


def locs(result, rule: str | None = None) -> list[str]:
    return sorted(
        f"{f.path}:{f.line}:{f.col}" for f in result.findings if rule is None or f.rule == rule
    )


def triples(result) -> list[tuple[str, str]]:
    return sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in result.findings)
