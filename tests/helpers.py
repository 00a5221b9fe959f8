"""Helpers for tests: lay out a small repository and lint it."""
from __future__ import annotations

import os
import textwrap
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


WF = ".github/workflows/ci.yml"  # the workflow path most workflow tests write


def run(root: Path, files: dict[str, str | bytes], select, **settings):
    """Write ``files`` under ``root`` and lint it with the rules ``select`` (rule ids or tags;
    None: the default rule set); fails on an internal error. The result."""
    write_files(root, files)
    result = lint(root, select=None if select is None else list(select), **settings)
    assert not result.internal_errors, result.internal_errors
    return result


def found(root: Path, files: dict[str, str | bytes], rule: str, **settings) -> list[str]:
    """``path:line:col`` (sorted) of what ``rule`` alone reports on ``files``."""
    return locs(run(root, files, [rule], **settings), rule)


def rule_paths(result) -> list[tuple[str, str]]:
    """(rule, path) of every finding, sorted."""
    return sorted((f.rule, f.path) for f in result.findings)


def found_tokens(root: Path, files: dict[str, str | bytes], select) -> list[tuple[str, str, int, str]]:
    """(rule, path, line, token) of what ``select`` reports on ``files`` (str contents
    dedented): the token is the text at the finding's column up to a `,` or `}`."""
    files = {k: textwrap.dedent(v) if isinstance(v, str) else v for k, v in files.items()}
    result = run(root, files, select)
    out = []
    for f in result.findings:
        raw = (root / f.path).read_bytes().decode("utf-8").splitlines()[f.line - 1]
        out.append((f.rule, f.path, f.line, raw[f.col - 1 :].split(",")[0].split("}")[0].strip()))
    return sorted(out)
