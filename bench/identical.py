"""Findings are byte-identical with and without the cache and worker processes.

    python bench/identical.py [PATH ...]     # default: ../shared/corpus and ../repos/cardealer

For each path: `okla-lint check --format json --select ALL` with --no-cache, then twice with
an empty cache folder (cold, then warm), then with the whole-run entries removed (every file
replayed from the file cache), with 2 worker processes (no cache, cold cache, and
the records they wrote replayed; SARIF too, for snippets and fingerprints), then one file of it as pre-commit runs it (cold and warm);
then, on a copy of the folder, with one file edited (the run cache misses, the other files
are replayed); every output must be the same bytes as the run without cache. Exit 1 on a
difference.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cwd: Path, cache: Path | None, extra_env: dict | None = None, fmt: str = "json") -> bytes:
    env = dict(os.environ)
    env.pop("OKLA_LINT_CACHE_DIR", None)
    if cache is not None:
        env["OKLA_LINT_CACHE_DIR"] = str(cache)
    env.update(extra_env or {})
    cmd = [sys.executable, "-m", "okla_lint", "check", "--format", fmt, "--select", "ALL", *args]
    if cache is None:
        cmd.append("--no-cache")
    return subprocess.run(cmd, cwd=cwd, capture_output=True, env=env).stdout


def beside(*parts: str) -> Path:
    """A folder next to the project (``../shared/corpus``), also from a git worktree."""
    cands = [ROOT.parent.joinpath(*parts), ROOT.parent.parent.joinpath(*parts)]
    return next((c for c in cands if c.is_dir()), cands[0])


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or [beside("shared", "corpus"), beside("repos", "cardealer")]
    bad = 0
    for path in paths:
        if not path.is_dir():
            print(f"skip {path}: not there")
            continue
        tmp = Path(tempfile.mkdtemp(prefix="okla-identical-"))
        try:
            checks = []  # (label, output, expected)
            base = run(["."], path, None)
            checks += [("cold cache", run(["."], path, tmp), base), ("warm cache", run(["."], path, tmp), base)]
            shutil.rmtree(tmp / "runs", ignore_errors=True)
            checks += [("file cache (run entries removed)", run(["."], path, tmp), base)]
            # worker processes (core/workers.py): without cache, and recording a cold cache
            workers = {"OKLA_LINT_WORKERS": "2"}
            wtmp = tmp / "workers-cache"
            checks += [("2 workers, no cache", run(["."], path, None, workers), base),
                       ("2 workers, cold cache", run(["."], path, wtmp, workers), base)]
            shutil.rmtree(wtmp / "runs", ignore_errors=True)
            checks += [("file cache recorded by workers", run(["."], path, wtmp), base)]
            # snippets and fingerprints (SARIF), from masked lines kept in the file cache
            sarif = run(["."], path, None, fmt="sarif")
            shutil.rmtree(wtmp / "runs", ignore_errors=True)
            checks += [("SARIF, file cache", run(["."], path, wtmp, fmt="sarif"), sarif)]
            # one Kubernetes manifest, as a pre-commit hook passes it
            one = next((p for p in sorted(path.rglob("*.yaml")) if ".git" not in p.parts
                        and "kind:" in p.read_text(errors="replace") and "{{" not in p.read_text(errors="replace")), None)
            if one is not None:
                rel = one.relative_to(path).as_posix()
                one_base = run([rel], path, None)
                checks += [(f"{rel}, cold cache", run([rel], path, tmp), one_base),
                           (f"{rel}, warm cache", run([rel], path, tmp), one_base)]
                # a copy with that file edited: the run cache misses, the rest is replayed
                copy = Path(tempfile.mkdtemp(prefix="okla-identical-copy-")) / path.name
                try:
                    shutil.copytree(path, copy, symlinks=True, ignore=shutil.ignore_patterns(".okla-lint-cache"))
                    ctmp = tmp / "copy-cache"
                    run(["."], copy, ctmp)  # cold: every file recorded
                    edited = copy / rel
                    edited.write_text(edited.read_text(errors="replace") + "\n# edited\n")
                    checks += [(f"{rel} edited, warm cache", run(["."], copy, ctmp), run(["."], copy, None))]
                finally:
                    shutil.rmtree(copy.parent, ignore_errors=True)
            for label, out, expected in checks:
                same = out == expected
                bad += not same
                print(f"{path}: {label}: {'identical' if same else 'DIFFERENT'} ({len(expected)} bytes)")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
