"""Worker processes: read, parse and run the file-local checks of many files in parallel.

The repository model needs every file's documents in the main process, and the checks that
read the model (or other files) run there; what a worker does for the main process is the
rest: it reads and parses its files and records each file's walk with a model of that file
alone (core/local.py), then hands back the parsed file (pickled: between our own processes
over a pipe, never from disk) and the record. The main process rebuilds the model from the
parsed files and replays each record as it would a file cache entry: the clean calls'
findings are reported in their place, the calls that read the model run there. Findings
are the same, in the same order, with or without workers.

Workers do not pay for themselves on 2 cores, so they are off unless asked for
(``OKLA_LINT_WORKERS=N``: N workers; ``0`` or unset: none). Measured on the synthetic
monorepo (1,000 services, 5,104 files, default rules, 2 shared cores): without workers the
run takes 5.8 s of CPU; with 2 workers the main process still takes 4.2 s (it unpickles
every file, which costs about as much as parsing it, builds the model, runs the checks that
read the model, the repository checks, suppressions and the report) and the workers 5.0 s
(each starts Python and imports okla-lint, parses, records, pickles); wall time went from
16.9 s to 25.5 s on the loaded machine, and the best case on two idle cores is estimated at
about 15% less. ``MIN_FILES`` is the smallest run they are used for when turned on by
``OKLA_LINT_WORKERS=auto`` (every available CPU). Anything going wrong with the processes
(they cannot be started, one dies) leaves the run to the main process, as if there were no
workers.
"""
from __future__ import annotations

import gc
import os
import pickle
import sys
from typing import Any

from .cache import Session, file_key, opened_elsewhere
from .discover import Candidate
from .files import FileUnit, display_path, parse_file
from .model import RepoModel

ENV = "OKLA_LINT_WORKERS"
MIN_FILES = 2000  # measured: see bench/RESULTS.md
CHUNK = 64


def plan(files: int) -> int:
    """How many workers for a run over ``files`` files (0: parse in this process)."""
    raw = os.environ.get(ENV, "").strip().lower()
    if raw == "auto":
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        return min(cpus, 8) if cpus >= 2 and files >= MIN_FILES else 0
    try:
        return min(max(0, int(raw)), 32) if raw else 0
    except ValueError:
        return 0


# -- in the worker ------------------------------------------------------------------------------
_engine: Any = None
_base: str | None = None
_known: frozenset[str] = frozenset()


def _init(engine_class: Any, settings: Any, base: str | None, known: frozenset[str]) -> None:
    """``engine_class``: the engine's class, handed over by the main process (the engine
    imports this module, not the other way round)."""
    global _engine, _base, _known
    gc.disable()  # as in the main process: nothing to collect while parsing
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    _engine = engine_class(settings)
    _base, _known = base, known


def _work(chunk: list[tuple[int, Candidate]]) -> tuple[list[tuple[int, bytes | None, str | None, dict | None]], list[str]]:
    """(index, pickled unit or None, cache key, record or None) for each candidate, and the
    files opened meanwhile: inputs of the run (core/cache.py), whose entry is checked
    against their bytes (a file rewritten in place changes no folder's mtime)."""
    with Session() as session:
        out = _parse_chunk(chunk)
    return out, sorted(session.opened)


def _parse_chunk(chunk: list[tuple[int, Candidate]]) -> list[tuple[int, bytes | None, str | None, dict | None]]:
    eng = _engine
    out = []
    for i, cand in chunk:
        unit = parse_file(cand.path, cand.rel, cand.explicit, eng.settings.max_file_size)
        if unit is None:
            out.append((i, None, None, None))
            continue
        key = record = None
        if unit.src is not None:
            key = file_key(_base, unit, display_path(unit.path), False) if _base is not None else None
            if key is None or key not in _known:
                model = RepoModel.build([unit])
                model.extra["root"] = cand.root
                try:
                    record = eng.record_walk(model, unit, abort=True)
                finally:
                    eng.forget(unit)
        out.append((i, pickle.dumps(unit, protocol=pickle.HIGHEST_PROTOCOL), key, record))
    return out


# -- in the main process ------------------------------------------------------------------------
def parse(engine_class: Any, cands: list[Candidate], settings: Any, workers: int, base: str | None,
          known: frozenset[str], progress: Any = None) -> list[tuple[Candidate, FileUnit, str | None, dict | None]] | None:
    """Parse (and record) ``cands`` in ``workers`` processes, in order; None when the
    processes could not do it (the caller parses in process)."""
    numbered = list(enumerate(cands))
    size = max(8, min(CHUNK, len(cands) // (workers * 4) or 1))
    chunks = [numbered[start:start + size] for start in range(0, len(cands), size)]
    out: list[tuple[Candidate, FileUnit, str | None, dict | None]] = []
    done = 0
    import multiprocessing  # lazy: ~12 ms at every start, and workers are off unless asked for
    from concurrent.futures import ProcessPoolExecutor  # lazy: imports multiprocessing

    try:
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init,
                                 initargs=(engine_class, settings, base, known)) as pool:
            for got, opened in pool.map(_work, chunks):
                opened_elsewhere(opened)
                for i, blob, key, record in got:
                    if blob is not None:
                        out.append((cands[i], pickle.loads(blob), key, record))
                done += len(got)
                if progress is not None:
                    progress(done, len(cands))
    except Exception:  # the processes failed: the main process does it all
        return None
    return out
