"""Mutation fuzzer over fixtures/ and ../shared/corpus (issue 12).

Each example takes a seed file from a fixture repository or a corpus repository, applies one
to three mutations (byte flips, truncation, duplication, deep nesting, alias bombs, invalid
UTF-8, BOMs, CRLF), lints it with every rule enabled inside a copy of its repository (or
with its path in the repository kept, for large ones), renders every report format, and
asserts: no internal error, no traceback, exit code 0 or 1, and every finding (and related
location) at a valid 1-based position of its file.

Deterministic: the seed is fixed (OKLA_FUZZ_SEED), the number of examples small in CI
(OKLA_FUZZ_EXAMPLES, default 40). A long local run, with failing inputs saved for replay:

    OKLA_FUZZ_EXAMPLES=6000 OKLA_FUZZ_SEED=100 OKLA_FUZZ_OUT=/tmp/okla-fuzz \\
        nice -n 19 python -m pytest -q tests/integration/test_fuzz.py
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import traceback
from pathlib import Path

import pytest

from helpers import chdir
from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings
from okla_lint.core.source import ReadError, SourceText, decode
from okla_lint.report import FORMATS
from test_golden import FIXTURES, corpus_dir

EXAMPLES = int(os.environ.get("OKLA_FUZZ_EXAMPLES", "40"))
SEED = int(os.environ.get("OKLA_FUZZ_SEED", "12"))
OUT = os.environ.get("OKLA_FUZZ_OUT")
LINTED = (".yaml", ".yml", ".json")
SMALL_REPO = 40  # repositories with at most this many lintable files are copied whole


def _repos() -> list[Path]:
    repos = [r for area in sorted(FIXTURES.iterdir()) if area.is_dir() for r in sorted(area.iterdir()) if r.is_dir()]
    corpus = corpus_dir()
    if corpus is not None:
        # repositories only: not a cache or render folder a tool left beside them
        repos += sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith("."))
    return repos


def _files(repo: Path) -> list[Path]:
    from okla_lint.core.discover import SKIP_DIRS

    # not .git or caches (a run cache's files come and go while the fuzzer reads)
    return sorted(p for p in repo.rglob("*") if p.suffix.lower() in LINTED and p.is_file()
                  and not any(part in SKIP_DIRS for part in p.relative_to(repo).parts[:-1]))


# -- mutations ---------------------------------------------------------------------------
def flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data or b" ")
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(b))
        b[i] = rng.choice([rng.randrange(256), b[i] ^ (1 << rng.randrange(8)),
                           ord(rng.choice(":-[]{}&*!|>'\"#%@`,?\t\n "))])
    return bytes(b)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def duplicate(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    j = min(len(data), i + rng.randint(1, 400))
    at = rng.randrange(len(data) + 1)
    return data[:at] + data[i:j] * rng.randint(1, 5) + data[at:]


def nest(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([50, 300, 999, 1001, 3000])
    at = rng.randrange(len(data) + 1)
    style = rng.randrange(3)
    if style == 0:
        inner = b"[" * depth + b"x" + b"]" * depth
    elif style == 1:
        inner = b"{a: " * depth + b"x" + b"}" * depth
    else:
        inner = b"\n" + b"".join(b"  " * k + b"k:\n" for k in range(min(depth, 400))) + b"  " * min(depth, 400) + b"v\n"
    return data[:at] + inner + data[at:]


def alias_bomb(rng: random.Random, data: bytes) -> bytes:
    levels = rng.randint(3, 9)
    lines = [b"b0: &b0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        lines.append(b"b%d: &b%d [" % (i, i) + b", ".join([b"*b%d" % (i - 1)] * 10) + b"]")
    bomb = b"\n".join(lines) + b"\n"
    if rng.random() < 0.5:  # self-reference and merge keys
        bomb += b"self: &s {<<: *b0, me: *b0}\nloop: &l [*l]\n"
    return bomb + data if rng.random() < 0.5 else data + b"\n" + bomb


def bad_utf8(rng: random.Random, data: bytes) -> bytes:
    junk = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x80", b"\xc0\xaf", b"\x00"])
    at = rng.randrange(len(data) + 1)
    return data[:at] + junk + data[at:]


def bom(rng: random.Random, data: bytes) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return b"\xef\xbb\xbf" + data
    text = data.decode("utf-8", "replace")
    if kind == 1:
        return text.encode("utf-16")
    if kind == 2:
        return text.encode("utf-32")
    return b"\xef\xbb\xbf" + data[: len(data) // 2] + b"\xef\xbb\xbf" + data[len(data) // 2 :]


def crlf(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.5:
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data.replace(b"\n", rng.choice([b"\r", b"\r\n", b"\n\r", b"\x85", "\u2028".encode()]))


MUTATIONS = [flip, truncate, duplicate, nest, alias_bomb, bad_utf8, bom, crlf]


# -- checking ------------------------------------------------------------------------------
def _source(path: Path) -> SourceText | None:
    try:
        return SourceText(decode(path.read_bytes()))
    except (ReadError, OSError):
        return None


def _valid(src: SourceText | None, line: int, col: int) -> bool:
    if src is None:  # unreadable: reported at the byte position or 1:1
        return line >= 1 and col >= 1
    if not 1 <= line <= src.line_count + 1:
        return False
    return 1 <= col <= len(src.line_text(line)) + 2


def _problems(result, root: Path) -> list[str]:
    out = [e.splitlines()[0] for e in result.internal_errors]
    sources: dict[str, SourceText | None] = {}

    def src(path: str):
        if path not in sources:
            sources[path] = _source(root / path)
        return sources[path]

    for f in result.findings:
        if not _valid(src(f.path), f.line, f.col):
            out.append(f"{f.rule} at invalid position {f.path}:{f.line}:{f.col}")
        if (f.end_line, f.end_col) < (f.line, f.col):
            out.append(f"{f.rule} at {f.path}:{f.line}:{f.col} ends before it starts ({f.end_line}:{f.end_col})")
        for r in f.related:
            if not _valid(src(r.path), r.line, r.col):
                out.append(f"{f.rule}: related location at invalid position {r.path}:{r.line}:{r.col}")
    for fmt, render in FORMATS.items():
        try:
            render(result.findings, result=result, catalogue=None, colour=fmt == "text")
        except Exception as exc:  # a reporter crash
            out.append(f"--format {fmt}: {exc!r}")
    return out


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang()


def _example(rng: random.Random, repos: list[Path], files: dict[Path, list[Path]], work: Path):
    repo = rng.choice(repos)
    seeds = files[repo]
    seed = rng.choice(seeds)
    rel = seed.relative_to(repo)
    try:
        data = seed.read_bytes()
    except OSError:  # gone since it was listed
        data = b""
    applied = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        m = rng.choice(MUTATIONS)
        data = m(rng, data)
        applied.append(m.__name__)
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if len(seeds) <= SMALL_REPO:
        for p in seeds:
            dst = work / p.relative_to(repo)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, dst)
    target = work / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return repo, rel, applied, data


@pytest.mark.slow(2)
def test_mutation_fuzz(tmp_path):
    repos = [r for r in _repos() if _files(r)]
    files = {r: _files(r) for r in repos}
    rng = random.Random(SEED)
    failures: list[str] = []
    use_alarm = hasattr(signal, "SIGALRM")
    for i in range(EXAMPLES):
        work = tmp_path / "repo"
        repo, rel, applied, data = _example(rng, repos, files, work)
        what = f"example {i} (seed {SEED}): {repo.name}/{rel} after {'+'.join(applied)}"
        if use_alarm:  # a guard against hangs only (generous): not a timing assertion
            old = signal.signal(signal.SIGALRM, _alarm)
            signal.alarm(120)
        try:
            with chdir(work):
                result = Engine(Settings(select=["ALL"])).run_paths(["."], project_context=True)
                problems = _problems(result, work)
        except _Hang:
            problems = ["no result after 120 s"]
        except Exception:
            problems = ["traceback: " + traceback.format_exc(limit=6)]
        finally:
            if use_alarm:
                signal.alarm(0)
                signal.signal(signal.SIGALRM, old)
        if problems:
            failures.append(f"{what}:\n  " + "\n  ".join(problems[:5]))
            if OUT:
                dst = Path(OUT) / f"{SEED}-{i}" / rel
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_bytes(data)
            elif len(failures) >= 5:
                break
    if OUT:
        Path(OUT).mkdir(parents=True, exist_ok=True)
        with open(Path(OUT) / "examples.txt", "a") as fh:
            fh.write(f"seed {SEED}: {i + 1} examples, {len(failures)} failed\n")
    assert not failures, f"{len(failures)} of {EXAMPLES} examples failed:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.__name__)
def test_mutations_are_deterministic(mutation):
    data = b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n"
    assert mutation(random.Random(3), data) == mutation(random.Random(3), data)
