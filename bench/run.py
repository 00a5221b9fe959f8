"""okla-lint benchmark: okla-lint against the floor and the anchors, side by side, in one run.

    python bench/run.py                  # everything (about 15 minutes on 2 idle cores)
    python bench/run.py --repeat 1 --no-anchors   # okla-lint and the floor only

On a fresh machine it builds what it needs, under bench/ (git-ignored):
- bench/.corpora/monorepo      the synthetic monorepo, 2,000 services: 10,000 Kubernetes
                               files, 500 workflows, 20 Ocelot files (bench/synth.py)
- bench/.corpora/monorepo-2x   the same with 4,000 services (scaling: 2x files, <= 2.1x time)
- bench/.corpora/subset        its first 200 services (1,000 Kubernetes files, 50 workflows,
                               2 Ocelot files): the anchors run here (Checkov once), okla-lint
                               beside them on the same files (--anchors-full: yamllint and
                               kubernetes-validate on the whole monorepo too)
- bench/.envs/<tool>           one virtualenv per tool: okla-lint (this checkout, editable),
                               yamllint, kubernetes-validate, checkov (pinned below)
- bench/.cache/<corpus>        okla-lint's cache for the warm runs (OKLA_LINT_CACHE_DIR)
It also lints ../shared/corpus as it is, and the user's repository when it is there
(--repo, default ../repos/cardealer next to the project).

Every command runs as a whole process (interpreter start included), each repeat runs every
tool in turn, and the median of the repeats is printed (a hand-written "## Notes" section of
RESULTS.md is kept): wall time, CPU time (user + sys of the
process and its children), peak memory (max RSS of the largest process) and files per second.
Ratios are taken between figures of this one run. Results go to bench/RESULTS.md with the
machine they were measured on. This is not part of the test suite.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENVS = HERE / ".envs"
CORPORA = HERE / ".corpora"
CACHES = HERE / ".cache"
ANCHORS = {
    "yamllint": "yamllint==1.38.0",
    "kubernetes-validate": "kubernetes-validate==1.37.0",
    "checkov": "checkov==3.3.30",
}
# Checkov: one process, nothing fetched (guidelines, mappings, version check, VCS config)
CHECKOV_ENV = {
    "CHECKOV_PARALLELIZATION_TYPE": "none",
    "BC_SKIP_MAPPING": "TRUE",
    "CKV_SKIP_PACKAGE_UPDATE_CHECK": "TRUE",
    "CKV_GITHUB_CONFIG_FETCH_DATA": "FALSE",
    "CKV_GITLAB_CONFIG_FETCH_DATA": "FALSE",
    "LOG_LEVEL": "ERROR",
}
MONOREPO_SERVICES = 2000
NOTES_MARK = "## Notes"
SUBSET_SERVICES = 200


def beside(*parts: str) -> Path:
    """A folder next to the project (``../shared/corpus``), also from a git worktree."""
    cands = [ROOT.parent.joinpath(*parts), ROOT.parent.parent.joinpath(*parts)]
    return next((c for c in cands if c.is_dir()), cands[0])


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- set-up ------------------------------------------------------------------------------


def venv_bin(name: str, exe: str) -> Path:
    return ENVS / name / "bin" / exe


def ensure_env(name: str, requirement: list[str]) -> None:
    stamp = ENVS / f"{name}.installed"
    want = " ".join(requirement)
    if stamp.exists() and stamp.read_text() == want and (ENVS / name / "bin" / "python").exists():
        return
    log(f"installing {want} into bench/.envs/{name} ...")
    if (ENVS / name).exists():
        shutil.rmtree(ENVS / name)
    subprocess.run([sys.executable, "-m", "venv", str(ENVS / name)], check=True)
    subprocess.run(
        [str(venv_bin(name, "python")), "-m", "pip", "install", "-q", *requirement],
        check=True,
    )
    stamp.write_text(want)


def ensure_corpora() -> dict[str, Path]:
    sys.path.insert(0, str(HERE))
    import synth

    stamp_text = (HERE / "synth.py").read_text()
    import hashlib

    digest = hashlib.sha256(stamp_text.encode()).hexdigest()[:16]
    out = {}
    for name, n in (("monorepo", MONOREPO_SERVICES), ("monorepo-2x", 2 * MONOREPO_SERVICES), ("subset", SUBSET_SERVICES)):
        d = CORPORA / name
        stamp = CORPORA / f"{name}.stamp"
        if not (stamp.exists() and stamp.read_text() == f"{digest} {n}" and d.is_dir()):
            log(f"building bench/.corpora/{name} ({n} services) ...")
            synth.build(d, n)
            stamp.write_text(f"{digest} {n}")
        out[name] = d
    return out


def file_list(corpus: Path) -> list[str]:
    """The files okla-lint discovers in ``corpus``, relative to it."""
    code = (
        "import sys, json\n"
        "try:\n from okla_lint.core.discover import discover\n"
        "except ImportError:\n from okla_lint.discover import discover\n"
        "print(json.dumps([str(c.path) for c in discover(['.'])]))\n"
    )
    res = subprocess.run(
        [str(venv_bin("okla-lint", "python")), "-c", code], cwd=corpus, capture_output=True, text=True, check=True
    )
    return [os.path.normpath(p) for p in json.loads(res.stdout)]


# -- measuring ---------------------------------------------------------------------------


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600) -> dict:
    # every tool runs as installed: Python reads (and may write) its compiled files, as it
    # does for a user; PYTHONDONTWRITEBYTECODE in the benchmark's own environment would
    # make the editable okla-lint compile its sources at every start
    full_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    full_env.update(env or {})
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
    if p.stderr:
        p.stderr.close()
    return {
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "rss_mb": ru.ru_maxrss / 1024,
        "rc": p.returncode,
        "err": err[-400:],
    }


class Table:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], list[dict]] = {}
        self.nfiles: dict[tuple[str, str], int] = {}
        self.notes: dict[tuple[str, str], str] = {}

    def add(self, corpus: str, what: str, r: dict, nfiles: int, note: str = "") -> None:
        self.rows.setdefault((corpus, what), []).append(r)
        self.nfiles[(corpus, what)] = nfiles
        if note:
            self.notes[(corpus, what)] = note

    def med(self, corpus: str, what: str, key: str = "wall") -> float | None:
        rs = self.rows.get((corpus, what))
        return statistics.median(r[key] for r in rs) if rs else None


def okla_cmd(*args: str) -> list[str]:
    return [str(venv_bin("okla-lint", "okla-lint")), *args]


def okla_has(flag: str) -> bool:
    res = subprocess.run(okla_cmd("check", "--help"), capture_output=True, text=True)
    return flag in res.stdout


def okla_env(cache: Path | None) -> dict[str, str]:
    return {"OKLA_LINT_CACHE_DIR": str(cache)} if cache else {}


def run_corpus(t: Table, name: str, path: Path, repeat: int, anchors: bool, one_file: str | None,
               cached: bool, full: bool = True, checkov: bool = False) -> None:
    files = file_list(path)
    listing = CACHES / f"{name}.files"
    CACHES.mkdir(parents=True, exist_ok=True)
    listing.write_text("\n".join(files) + "\n")
    yamls = [f for f in files if f.lower().endswith((".yaml", ".yml"))]
    k8s = [f for f in yamls if not (f.startswith(".github/") or "/.github/" in f or os.path.basename(f).lower() in ("action.yml", "action.yaml"))]
    cache = CACHES / name
    log(f"{name}: {len(files)} files ({len(yamls)} YAML), {repeat} repeat(s)")
    for i in range(repeat):
        t.add(name, "floor", measure([str(venv_bin("okla-lint", "python")), str(HERE / "floor.py"), str(listing)], path), len(files))
        shutil.rmtree(cache, ignore_errors=True)
        t.add(name, "okla-lint cold", measure(okla_cmd("check", "--format", "json", "."), path, okla_env(cache)), len(files),
              "empty cache, cache written" if cached else "no cache in this version")
        if cached and full:
            t.add(name, "okla-lint warm", measure(okla_cmd("check", "--format", "json", "."), path, okla_env(cache)), len(files),
                  "nothing changed")
        if cached and one_file and full:
            target = path / one_file
            original = target.read_bytes()
            try:
                target.write_bytes(original + f"\n# bench edit {i}\n".encode())
                t.add(name, "okla-lint warm, 1 file changed", measure(okla_cmd("check", "--format", "json", "."), path, okla_env(cache)),
                      len(files), f"{one_file} edited")
            finally:
                target.write_bytes(original)
            measure(okla_cmd("check", "--format", "json", "."), path, okla_env(cache))  # back to warm
        if one_file and full:
            # warm this command's entry (the cold run of this repeat emptied the cache)
            measure(okla_cmd("check", one_file), path, okla_env(cache))
            t.add(name, "okla-lint one file", measure(okla_cmd("check", one_file), path, okla_env(cache)), 1,
                  f"`okla-lint check {one_file}`" + (", warm cache" if cached else ""))
        if anchors:
            t.add(name, "yamllint", measure([str(venv_bin("yamllint", "yamllint")), "-f", "parsable", *yamls], path), len(yamls),
                  "the YAML files")
            t.add(name, "kubernetes-validate", measure([str(venv_bin("kubernetes-validate", "kubernetes-validate")), "--quiet", *k8s], path),
                  len(k8s), "the YAML files outside .github and actions")
        if checkov and i == 0:  # once: it is slow
            r = measure([str(venv_bin("checkov", "checkov")), "-d", ".", "--framework", "kubernetes", "github_actions",
                         "--skip-download", "--quiet", "--compact", "-o", "json"], path, CHECKOV_ENV)
            t.add(name, "checkov", r, len(yamls), "--framework kubernetes github_actions, one process, offline")


def startup(t: Table, repeat: int) -> None:
    for _ in range(repeat):
        t.add("start-up", "okla-lint rules", measure(okla_cmd("rules"), ROOT), 0)
        t.add("start-up", "okla-lint explain", measure(okla_cmd("explain", "env-ref-before-definition"), ROOT), 0)
        t.add("start-up", "python -c pass", measure([str(venv_bin("okla-lint", "python")), "-c", "pass"], ROOT), 0)


# -- reporting ---------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    return [
        f"- date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, okla-lint at {commit or '?'}",
        f"- machine: {platform.platform()}, {cpu}, {os.cpu_count()} cores, {mem} memory",
        f"- Python {platform.python_version()}; load average at start {load[0]:.1f} (the cores are shared: read ratios, not absolute times)",
        f"- anchors: {', '.join(ANCHORS.values())}",
    ]


def fmt_rows(t: Table) -> list[str]:
    out = ["| corpus | what | files | wall s | CPU s | peak MB | files/s | note |", "|---|---|---:|---:|---:|---:|---:|---|"]
    for (corpus, what), rs in t.rows.items():
        n = t.nfiles[(corpus, what)]
        wall = t.med(corpus, what)
        rate = f"{n / wall:,.0f}" if n and wall else ""
        out.append(
            f"| {corpus} | {what} | {n or ''} | {wall:.3f} | {t.med(corpus, what, 'cpu'):.3f} | "
            f"{t.med(corpus, what, 'rss_mb'):.0f} | {rate} | {t.notes.get((corpus, what), '')} |"
        )
    return out


def targets(t: Table, repo_name: str | None) -> list[str]:
    rows = ["| target | measured | met |", "|---|---|---|"]

    def ratio(a: tuple[str, str], b: tuple[str, str]) -> float | None:
        x, y = t.med(*a), t.med(*b)
        return x / y if x is not None and y else None

    def add(label: str, value: float | None, limit: float | None, fmt: str, lower_is_better: bool = True) -> None:
        if value is None:
            rows.append(f"| {label} | not measured | - |")
            return
        ok = limit is not None and (value <= limit if lower_is_better else value >= limit)
        verdict = "-" if limit is None else ("yes" if ok else "NO")
        rows.append(f"| {label} | {fmt.format(value)} | {verdict} |")

    add("cold <= 2x floor, monorepo", ratio(("monorepo", "okla-lint cold"), ("monorepo", "floor")), 2.0, "{:.2f}x floor")
    if repo_name:
        add("cold <= 2x floor, user's repository", ratio((repo_name, "okla-lint cold"), (repo_name, "floor")), 2.0, "{:.2f}x floor")
    add("cold <= 2x floor, shared corpus (not a target; for reference)", ratio(("corpus", "okla-lint cold"), ("corpus", "floor")), None, "{:.2f}x floor")
    add("2x monorepo <= 2.1x time (cold)", ratio(("monorepo-2x", "okla-lint cold"), ("monorepo", "okla-lint cold")), 2.1, "{:.2f}x")
    add("warm <= 10% of cold, monorepo", ratio(("monorepo", "okla-lint warm"), ("monorepo", "okla-lint cold")), 0.10, "{:.1%}")
    if repo_name:
        add("warm <= 10% of cold, user's repository", ratio((repo_name, "okla-lint warm"), (repo_name, "okla-lint cold")), 0.10, "{:.1%}")
        add("one file, warm, user's repository <= 200 ms", t.med(repo_name, "okla-lint one file"), 0.200, "{:.3f} s")
    add("`okla-lint rules` <= 150 ms", t.med("start-up", "okla-lint rules"), 0.150, "{:.3f} s")
    add("`okla-lint explain` <= 150 ms", t.med("start-up", "okla-lint explain"), 0.150, "{:.3f} s")
    add("peak memory <= 300 MB, monorepo cold", t.med("monorepo", "okla-lint cold", "rss_mb"), 300, "{:.0f} MB")
    add(">= 20x faster than Checkov (subset, cold)", ratio(("subset", "checkov"), ("subset", "okla-lint cold")), 20, "{:.1f}x", False)
    for corpus in ("subset", "monorepo", repo_name):
        if corpus and (corpus, "yamllint") in t.rows:
            add(f"faster than yamllint ({corpus}, cold)", ratio((corpus, "yamllint"), (corpus, "okla-lint cold")), 1.0, "{:.2f}x", False)
        if corpus and (corpus, "kubernetes-validate") in t.rows:
            add(f"faster than kubernetes-validate ({corpus}, cold)",
                ratio((corpus, "kubernetes-validate"), (corpus, "okla-lint cold")), 1.0, "{:.2f}x", False)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description="okla-lint benchmark (see the module docstring)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats per figure (median); Checkov runs once")
    ap.add_argument("--no-anchors", action="store_true", help="skip yamllint, kubernetes-validate and Checkov")
    ap.add_argument("--anchors-full", action="store_true",
                    help="also run yamllint and kubernetes-validate on the whole monorepo (slow); by default the "
                         "anchors run on `subset`, okla-lint beside them on the same files")
    ap.add_argument("--corpus", default=str(beside("shared", "corpus")), help="the shared corpus, linted as it is")
    ap.add_argument("--repo", default=str(beside("repos", "cardealer")), help="the user's repository (skipped when missing)")
    ap.add_argument("--repo-file", default="k8s/deployments.yaml", help="the one file of the pre-commit case")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"))
    a = ap.parse_args()

    ensure_env("okla-lint", ["-e", str(ROOT)])
    # what `pip install` of the wheel does (an editable install does not): compile the
    # package; then one start writes the compiled catalogue (core/catalogue.py)
    subprocess.run([str(venv_bin("okla-lint", "python")), "-m", "compileall", "-q", str(ROOT / "okla_lint")],
                   check=True, stdout=subprocess.DEVNULL)
    measure(okla_cmd("rules"), ROOT)
    if not a.no_anchors:
        for name, req in ANCHORS.items():
            ensure_env(name, [req])
    corpora = ensure_corpora()
    cached = okla_has("--no-cache")
    t = Table()
    startup(t, a.repeat)
    run_corpus(t, "monorepo", corpora["monorepo"], a.repeat, a.anchors_full and not a.no_anchors,
               "services/team07/svc00007/service.yaml", cached)
    run_corpus(t, "monorepo-2x", corpora["monorepo-2x"], a.repeat, False, None, cached, full=False)
    if not a.no_anchors:
        run_corpus(t, "subset", corpora["subset"], a.repeat, True, None, cached, full=False, checkov=True)
    if Path(a.corpus).is_dir():
        run_corpus(t, "corpus", Path(a.corpus), a.repeat, not a.no_anchors, None, cached)
    repo_name = None
    if Path(a.repo).is_dir():
        repo_name = Path(a.repo).name
        run_corpus(t, repo_name, Path(a.repo), a.repeat, not a.no_anchors, a.repo_file, cached)

    lines = ["# okla-lint benchmark results", "", "Measured with `python bench/run.py` (see its docstring for what each figure is).", ""]
    lines += machine() + ["", "## Targets (issue 11)", ""] + targets(t, repo_name)
    lines += ["", "## Figures (medians)", ""] + fmt_rows(t)
    failed = [f"{c} / {w}: exit {r['rc']}: {r['err'].strip()[-200:]}" for (c, w), rs in t.rows.items() for r in rs[:1]
              if r["rc"] not in (0, 1) and not w.startswith(("yamllint", "kubernetes-validate", "checkov"))]
    if failed:
        lines += ["", "## Runs that failed", ""] + [f"- {f}" for f in failed]
    text = "\n".join(lines) + "\n"
    print(text)
    # a hand-written section from NOTES_MARK on is kept
    try:
        old_text = Path(a.results).read_text()
    except OSError:
        old_text = ""
    if NOTES_MARK in old_text:
        text += "\n" + old_text[old_text.index(NOTES_MARK):]
    Path(a.results).write_text(text)
    log(f"written {a.results}")


if __name__ == "__main__":
    main()
