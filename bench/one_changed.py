"""The cache side by side: no cache, cold, warm, one file changed (file cache), and the same
edit with the file cache emptied (what a changed file cost before it).

    python bench/one_changed.py REPO FILE [REPEATS]    # FILE: relative to REPO, edited in place
                                                        # (a line appended, then restored)

Runs `python -m okla_lint check --format json .` in REPO in turn, REPEATS times (default 3),
with OKLA_LINT_CACHE_DIR in a temporary folder, and prints the median wall and CPU time of
each (CPU of the whole process: user + sys) and the ratio to cold. The first "one changed"
output of each kind is compared byte for byte with a --no-cache run of the same tree. Edit
a copy of a repository, not one other people are linting.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LABELS = ("no-cache", "cold", "warm", "one changed", "one changed, no file cache")


def run(repo: str, cache: str, args: list[str]) -> tuple[float, float, bytes]:
    env = dict(os.environ, OKLA_LINT_CACHE_DIR=cache)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "okla_lint", "check", "-q", "--format", "json", *args, "."],
                         cwd=repo, env=env, capture_output=True).stdout
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), out


def main() -> int:
    repo, rel = sys.argv[1], sys.argv[2]
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    cache = tempfile.mkdtemp(prefix="okla-one-changed-")
    path = os.path.join(repo, rel)
    with open(path, encoding="utf-8") as fh:
        orig = fh.read()
    res: dict[str, list[tuple[float, float]]] = {k: [] for k in LABELS}
    edits = 0
    bad = 0
    try:
        for i in range(reps):
            for label in LABELS:
                if label == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                if label.startswith("one changed"):
                    edits += 1
                    with open(path, "w", encoding="utf-8") as fh:
                        fh.write(orig + f"\n# edit {edits}\n")
                    if label.endswith("no file cache"):
                        shutil.rmtree(os.path.join(cache, "files"), ignore_errors=True)
                wall, cpu, out = run(repo, cache, ["--no-cache"] if label == "no-cache" else [])
                if label.startswith("one changed") and i == 0 and out != run(repo, cache, ["--no-cache"])[2]:
                    print(f"{label}: DIFFERENT from --no-cache")
                    bad += 1
                res[label].append((wall, cpu))
    finally:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(orig)
        shutil.rmtree(cache, ignore_errors=True)
    cold = statistics.median(c for _, c in res["cold"])
    for label, v in res.items():
        wall = statistics.median(w for w, _ in v)
        cpu = statistics.median(c for _, c in v)
        print(f"{label:28s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  cpu/cold {cpu / cold:5.2f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
