"""Side-by-side timing: libyaml alone vs okla-lint's parse layer vs a full lint.

    python bench/bench.py [PATH] [--repeat N]

PATH defaults to ../shared/corpus. Each variant runs N times (default 5) in this one
process, interleaved, and the best time is kept; machines here are noisy, so read the
ratios, not the absolute numbers.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import yaml

from okla_lint.core.discover import discover
from okla_lint.core.engine import Engine, deep_recursion
from okla_lint.core.settings import Settings


def libyaml_only(cands) -> None:
    for c in cands:
        try:
            data = c.path.read_bytes().decode("utf-8-sig", "replace")
            if c.path.suffix == ".json":
                json.loads(data)
            else:
                for _ in yaml.load_all(data, Loader=yaml.CSafeLoader):
                    pass
        except Exception:
            pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    cands = discover([args.path])
    size = sum(c.path.stat().st_size for c in cands)
    variants = {
        "libyaml load_all (baseline)": lambda: libyaml_only(cands),
        "okla-lint parse (located docs)": lambda: Engine(Settings(select=["parse-error"])).parse(cands),
        "okla-lint full lint (default rules)": lambda: Engine(Settings()).run_paths([args.path]),
    }
    best = {k: float("inf") for k in variants}
    with deep_recursion():
        for _ in range(args.repeat):
            for name, fn in variants.items():
                t = time.perf_counter()
                fn()
                best[name] = min(best[name], time.perf_counter() - t)
    base = best["libyaml load_all (baseline)"]
    print(f"{len(cands)} files, {size / 1e6:.2f} MB, best of {args.repeat}")
    for name, t in best.items():
        print(f"  {name:<38} {t * 1000:8.1f} ms   x{t / base:5.2f}")


if __name__ == "__main__":
    main()
