"""The file cache (okla_lint/core/local.py, cache.FileStore): when a run cannot be answered
whole from the run cache, what each unchanged file's own checks found is replayed and only
the calls that read more than their file (the model, the engine, the file system, or a memo
such a call wrote) run again. Findings are byte-identical to a run without cache, and
cross-file findings follow changes in the files they depend on."""
from __future__ import annotations

import concurrent.futures
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from helpers import ROOT_DIR, write_files
from okla_lint.core import cache as C
from okla_lint.core import local as L
from okla_lint.core import workers as W
from okla_lint.core.engine import Engine
from test_cache import DEPLOYMENT, SERVICE, change, check, settle


def drop_run_entries(cache: Path) -> None:
    """Forget the whole-run entries: the next run is answered by the file cache."""
    shutil.rmtree(cache / "runs", ignore_errors=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    write_files(root, {
        ".git/HEAD": "ref: refs/heads/main\n",
        "k8s/service.yaml": SERVICE.format(name="leads", app="leads"),
        "k8s/deployment.yaml": DEPLOYMENT.replace("leads:1.0", "leads:latest"),
        ".github/workflows/ci.yml": (
            "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n      - run: echo ${{ github.event.issue.title }}\n"
        ),
    })
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    return root


class Calls:
    """Counts the checks the engine really runs, by file."""

    def __init__(self, monkeypatch):
        self.ran: list[tuple[str, str]] = []
        real = Engine._run_check

        def run(engine, chk, ctx, target):
            self.ran.append((chk.name, ctx.file.rel if ctx.file else ""))
            return real(engine, chk, ctx, target)

        monkeypatch.setattr(Engine, "_run_check", run)

    def on(self, rel: str) -> set[str]:
        return {name for name, r in self.ran if r == rel}


def test_unchanged_files_are_replayed_and_byte_identical(repo, tmp_path, monkeypatch):
    # a check's first call may load a schema or import a module (the import system looks
    # at the folders of sys.path, the working directory among them): that call is
    # recorded as one that reads the file system. Warm those up first.
    check(repo, "--select", "ALL", "--no-cache")
    cold = check(repo, "--select", "ALL")
    assert cold == check(repo, "--select", "ALL", "--no-cache")
    drop_run_entries(tmp_path / "cache")
    calls = Calls(monkeypatch)
    assert check(repo, "--select", "ALL") == cold
    # the workflow's checks read nothing but the workflow, but for those that look for the
    # workflows and actions it calls (the model), and `shellcheck`, which runs a program
    assert calls.on(".github/workflows/ci.yml") <= {
        "okla_lint.rules.gha.reusable_workflow_args.reusable_call", "okla_lint.rules.gha.local_action_input.local_action_inputs",
        "okla_lint.rules.gha.ephemeral_registry_token.ephemeral_registry_token", "okla_lint.rules.gha.shellcheck.run_script"}
    # a check that reads the model (which Services select these pods) runs again
    assert "okla_lint.rules.k8s.readiness_probe_missing.readiness_probe_missing" in calls.on("k8s/deployment.yaml")
    # a check that reads only the container does not
    assert "okla_lint.rules.k8s.env_duplicate_name.env_duplicate_name" not in calls.on("k8s/deployment.yaml")
    # its selector is satisfied by the template's own labels: decided without the model
    assert not any(name.endswith(".workload_selector") for name in calls.on("k8s/deployment.yaml"))
    assert len(calls.on("k8s/deployment.yaml")) < 20


def test_one_changed_file_is_linted_again_the_others_replayed(repo, tmp_path, monkeypatch):
    check(repo, "--select", "ALL")
    change(repo / ".github" / "workflows" / "ci.yml",
           (repo / ".github" / "workflows" / "ci.yml").read_text().replace("issue.title", "issue.body"))
    calls = Calls(monkeypatch)
    warm = check(repo, "--select", "ALL")
    assert warm == check(repo, "--select", "ALL", "--no-cache")
    assert len(calls.on(".github/workflows/ci.yml")) > 5  # linted afresh
    assert "okla_lint.rules.k8s.readiness_probe_missing.readiness_probe_missing" in calls.on("k8s/deployment.yaml")
    assert any(f["path"] == ".github/workflows/ci.yml" and "issue.body" in f["message"]
               for f in json.loads(warm[1])["findings"])


def test_a_per_file_check_that_reads_another_file_follows_it(repo, tmp_path):
    """readiness-probe-missing runs on the Deployment's pod (a per-file hook) and asks the
    model which Services select it: changing the Service's selector in its own file gains
    and loses the Deployment's finding, with the Deployment's record replayed."""
    def found() -> list:
        drop_run_entries(tmp_path / "cache")
        out = check(repo, "--select", "readiness-probe-missing,image-mutable-tag")[1]
        assert out == check(repo, "--select", "readiness-probe-missing,image-mutable-tag", "--no-cache")[1]
        return sorted((f["rule"], f["line"], f["column"]) for f in json.loads(out)["findings"]
                      if f["path"] == "k8s/deployment.yaml")

    both = found()
    assert [r for r, _, _ in both] == ["readiness-probe-missing", "image-mutable-tag"] or \
        sorted(r for r, _, _ in both) == ["image-mutable-tag", "readiness-probe-missing"]
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads", app="other"))
    assert [r for r, _, _ in found()] == ["image-mutable-tag"]
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads", app="leads"))
    assert found() == both


def test_a_file_beside_the_linted_ones_is_read_again(repo, tmp_path):
    """publish-job-restores-cache reads package.json (not a linted file) through
    RepoModel.project_file: with the workflow's record replayed, its finding follows the
    package manager package.json names."""
    write_files(repo, {
        ".github/workflows/release.yml": (
            "on: release\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/setup-node@v6\n      - run: npm publish\n"
        ),
        "package.json": '{"packageManager": "npm@10.8.0"}',
    })
    settle(repo)

    def found() -> list:
        drop_run_entries(tmp_path / "cache")
        out = check(repo, "--select", "publish-job-restores-cache")[1]
        assert out == check(repo, "--select", "publish-job-restores-cache", "--no-cache")[1]
        return [(f["path"], f["line"], f["column"]) for f in json.loads(out)["findings"]]

    assert found() == [(".github/workflows/release.yml", 6, 15)]
    change(repo / "package.json", '{"packageManager": "pnpm@9.0.0"}')  # v6 caches for npm only
    assert found() == []
    change(repo / "package.json", '{"packageManager": "npm@10.8.0"}')
    assert found() == [(".github/workflows/release.yml", 6, 15)]


def test_a_damaged_or_foreign_file_entry_is_ignored(repo, tmp_path):
    cold = check(repo, "--select", "ALL")
    drop_run_entries(tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "files").iterdir()
    mac, body = entry.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    for _, record in data["files"].values():  # every finding removed by hand
        record["calls"] = {}
    entry.write_bytes(mac + b"\n" + json.dumps(data).encode())
    assert check(repo, "--select", "ALL") == cold
    drop_run_entries(tmp_path / "cache")
    entry.write_bytes(entry.read_bytes()[:100])  # truncated
    assert check(repo, "--select", "ALL") == cold


def test_a_record_that_does_not_fit_the_walk_is_dropped(repo, tmp_path):
    """Signed, but not this file's walk (cannot happen for the same bytes and code): the
    file is linted afresh, nothing reported twice."""
    cold = check(repo, "--select", "ALL")
    drop_run_entries(tmp_path / "cache")
    store = C.RunCache(tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "files").iterdir()
    data = store.load(entry.name, "files")
    for _, record in data["files"].values():
        record["calls"] = {str(i): ["okla_lint.rules.nothing.here", "c", []] for i in range(record["n"])}
    store.store(entry.name, {"files": data["files"]}, "files")
    assert check(repo, "--select", "ALL") == cold


def test_no_cache_writes_no_file_entry(repo, tmp_path):
    check(repo, "--no-cache")
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("fixture", sorted(p.name for p in (ROOT_DIR / "fixtures").iterdir() if p.is_dir()))
def test_fixtures_replayed_are_byte_identical(fixture, tmp_path, monkeypatch):
    root = tmp_path / fixture
    shutil.copytree(ROOT_DIR / "fixtures" / fixture, root)
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    base = check(root, "--select", "ALL", "--no-cache")
    assert check(root, "--select", "ALL") == base  # cold: records written
    drop_run_entries(tmp_path / "cache")
    assert check(root, "--select", "ALL") == base  # every file replayed
    # snippets and fingerprints (SARIF shows them; the masked lines are kept in the records)
    sarif = check(root, "--select", "ALL", "--no-cache", "--format", "sarif")
    drop_run_entries(tmp_path / "cache")
    assert check(root, "--select", "ALL", "--format", "sarif") == sarif
    drop_run_entries(tmp_path / "cache")
    assert check(root, "--select", "ALL", "--format", "sarif") == sarif


# -- the recorder -------------------------------------------------------------------------------
def _walk(rec: L.Recorder, calls: list) -> None:
    """calls: (check name, tainted, memo reads, memo writes, findings)"""
    memos = [rec.memo() for _ in range(2)]
    for name, tainted, reads, writes, found in calls:
        rec.begin(name)
        for m in reads:
            memos[m].get("x")
        for m in writes:
            memos[m]["x"] = 1
        if tainted:
            rec.taint()
        for f in found:
            rec.found({"f": f}, rec.unit, None)
        rec.end()


def test_a_memo_written_by_a_tainted_call_taints_its_readers():
    rec = L.Recorder(unit := object())
    _walk(rec, [("a", True, [], [0], []), ("b", False, [0], [], ["b1"]), ("c", False, [1], [], ["c1"])])
    assert rec.record() == {"n": 3, "calls": {"0": ["a", "r"], "1": ["b", "r"], "2": ["c", "c", [[{"f": "c1"}, None]]]}}
    assert unit is rec.unit


def test_a_clean_writer_of_what_a_rerun_call_reads_runs_again():
    rec = L.Recorder(object())
    _walk(rec, [("w", False, [], [0], ["w1"]), ("x", False, [], [1], []), ("r", True, [0], [], [])])
    assert rec.record()["calls"] == {"0": ["w", "r"], "2": ["r", "r"]}


def test_a_memo_filled_before_the_walk_taints_its_readers():
    rec = L.Recorder(object())
    memo = rec.memo({"k": 1})
    rec.begin("a")
    memo.get("k")
    rec.end()
    assert rec.record()["calls"] == {"0": ["a", "r"]}


def test_reading_the_file_system_taints_the_call(tmp_path):
    (tmp_path / "f").write_text("x")
    rec = L.Recorder(object())
    with L.watching(rec):
        for i, act in enumerate((lambda: (tmp_path / "f").exists(), lambda: (tmp_path / "f").read_text(),
                                 lambda: list(tmp_path.iterdir()), lambda: None)):
            rec.begin(f"c{i}")
            act()
            rec.end()
    assert rec.record()["calls"] == {"0": ["c0", "r"], "1": ["c1", "r"], "2": ["c2", "r"]}


def test_a_finding_on_another_file_taints_the_call():
    rec = L.Recorder(object())
    rec.begin("a")
    rec.found({"f": 1}, object(), None)
    rec.end()
    assert rec.record()["calls"] == {"0": ["a", "r"]}


def test_the_model_taints_when_used_not_when_handed_over():
    class Model:
        extra = {"root": "/x"}

    rec = L.Recorder(object())
    view = L.ModelView(Model(), rec)
    rec.begin("handed")
    (lambda m: None)(view)  # a helper that returns before looking at it
    rec.end()
    rec.begin("used")
    assert view.extra["root"] == "/x"
    rec.end()
    assert rec.record()["calls"] == {"1": ["used", "r"]}


def test_a_lazy_import_in_a_check_is_not_input(tmp_path, monkeypatch):
    """The import system lists the folders of sys.path (the working directory among them)
    when a check imports a module on first use: that is code, not input."""
    import importlib
    import sys

    (tmp_path / "okla_probe_mod.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    rec = L.Recorder(object())
    with L.watching(rec):
        rec.begin("imports")
        importlib.import_module("okla_probe_mod")
        rec.end()
    sys.modules.pop("okla_probe_mod", None)
    assert rec.record()["calls"] == {}


# -- worker processes ------------------------------------------------------------------------------
def test_workers_give_the_same_findings_in_the_same_order(tmp_path, monkeypatch):
    """Every fixture in one run (one pool, several chunks): no cache, cold cache, every file
    replayed; with 2 workers, all byte-identical to the run in one process."""
    root = tmp_path / "fixtures"
    shutil.copytree(ROOT_DIR / "fixtures", root)
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setenv(W.ENV, "0")
    base = check(root, "--select", "ALL", "--no-cache")
    monkeypatch.setenv(W.ENV, "2")
    ran = []
    real = W.parse

    def parse(*a, **k):
        got = real(*a, **k)
        ran.append(got is not None and len(got))
        return got

    monkeypatch.setattr(W, "parse", parse)
    assert check(root, "--select", "ALL", "--no-cache") == base
    assert check(root, "--select", "ALL") == base  # cold cache: workers' records stored
    assert len(ran) == 2 and all(n and n > 16 for n in ran)  # the workers did parse
    drop_run_entries(tmp_path / "cache")
    monkeypatch.setenv(W.ENV, "0")
    assert check(root, "--select", "ALL") == base  # every file replayed from them


def test_workers_that_cannot_start_leave_the_run_to_the_main_process(repo, monkeypatch):
    base = check(repo, "--select", "ALL", "--no-cache")

    class Broken:
        def __init__(self, *a, **k):
            raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)  # workers.py imports it lazily
    monkeypatch.setenv(W.ENV, "2")
    assert check(repo, "--select", "ALL", "--no-cache") == base


@pytest.mark.parametrize("value,files,want", [("", 10**6, 0), ("0", 10**6, 0), ("2", 1, 2), ("x", 10**6, 0),
                                              ("auto", 1, 0)])
def test_workers_are_used_when_asked(monkeypatch, value, files, want):
    monkeypatch.setenv(W.ENV, value)
    assert W.plan(files) == want


def test_concurrent_runs_merge_their_records(repo, tmp_path):
    """Two runs that each recorded other files (a pre-commit run on one file, a full run):
    the entry written last holds both runs' records, one per file."""
    check(repo, "--select", "ALL", "k8s/deployment.yaml")  # records the one file given
    store = C.RunCache(tmp_path / "cache")
    (entry,) = (tmp_path / "cache" / "files").iterdir()
    one = store.load(entry.name, "files")["files"]
    # (the file as the run found it: here its project's files are read from the root)
    assert [Path(p).relative_to(repo).as_posix() for p, _ in one.values()] == ["k8s/deployment.yaml"]
    drop_run_entries(tmp_path / "cache")
    check(repo, "--select", "ALL")  # records the others, keeps the first run's
    both = store.load(entry.name, "files")["files"]
    assert sorted(p for p, _ in both.values() if not Path(p).is_absolute()) == [
        ".github/workflows/ci.yml", "k8s/deployment.yaml", "k8s/service.yaml"]
    assert set(one) <= set(both)


def test_old_file_entries_are_pruned(repo, tmp_path, monkeypatch):
    monkeypatch.setattr(C.FileStore, "KEEP", 2)
    for rule in ("image-mutable-tag", "readiness-probe-missing", "env-duplicate-name"):  # three settings
        check(repo, "--select", rule)
    assert len(list((tmp_path / "cache" / "files").iterdir())) == 2


def test_old_run_entries_are_pruned(repo, tmp_path, monkeypatch):
    """Each set of paths and settings has its own run entry (a pre-commit hook lints other
    files at every commit): only the ``KEEP_RUNS`` written last stay."""
    monkeypatch.setattr(C.RunCache, "KEEP_RUNS", 2)
    for rule in ("image-mutable-tag", "readiness-probe-missing", "env-duplicate-name"):  # three settings
        check(repo, "--select", rule)
    runs = sorted((tmp_path / "cache" / "runs").iterdir(), key=lambda p: p.stat().st_mtime)
    assert len(runs) == 2
    # the newest one still answers its run
    before = check(repo, "--select", "env-duplicate-name")
    assert len(list((tmp_path / "cache" / "runs").iterdir())) == 2
    assert before == check(repo, "--select", "env-duplicate-name")


def test_records_put_as_text_are_saved_and_read_back_as_they_were(tmp_path):
    """A run keeps the records it puts as JSON text until it saves them (memory: a cold run
    puts one per file); what is saved, merged with the records on disk, reads back the same,
    the masked lines added after the put included."""
    (tmp_path / "a.yaml").write_text("a: 1\n")
    (tmp_path / "b.yaml").write_text("b: 1\n")
    cache = C.RunCache(tmp_path / "cache")
    found = {"rule": "r", "line": 1, "message": "é \u2028 \"x\""}
    record = {"n": 3, "calls": {"0": ["chk", "c", [[found, None]]], "2": ["other", "r"]}}
    first = C.FileStore(cache, None)
    first._used["kb"] = str(tmp_path / "b.yaml")
    first.put("kb", {"n": 1, "calls": {}})
    first.save()
    store = C.FileStore(cache, None)
    store._used["ka"] = str(tmp_path / "a.yaml")
    store.put("ka", record)
    store.add_lines("ka", {"1": "a: 1"})
    assert store.lines("ka") == {"1": "a: 1"}
    store.save()
    again = C.FileStore(cache, None)
    assert again.get("ka") == {**record, "lines": {"1": "a: 1"}}
    assert again.get("kb") == {"n": 1, "calls": {}}


# -- calls that asked the model queries (core/local.py @query) ----------------------------------
def _replayed_equals_fresh(root: Path, cache: Path, rules: str, *more: str) -> list:
    drop_run_entries(cache)
    out = check(root, "--select", rules, *more)[1]
    assert out == check(root, "--select", rules, *more, "--no-cache")[1]
    return sorted((f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(out)["findings"])


def test_a_call_that_asked_queries_is_replayed_while_the_answers_hold(repo, tmp_path, monkeypatch):
    rules = "image-mutable-tag,startup-probe-budget,probe-handler-count"
    fresh = check(repo, "--select", rules, "--no-cache")
    check(repo, "--select", rules)
    drop_run_entries(tmp_path / "cache")
    calls = Calls(monkeypatch)
    assert check(repo, "--select", rules) == fresh
    # the checks asked "is this object a patch" and "does kustomize set this image" (queries,
    # answered again) and read nothing else of the model: they were replayed, not run
    ran = calls.on("k8s/deployment.yaml")
    assert not any(n.endswith((".image_mutable_tag", ".probe_invariants", ".startup_probe_budget")) for n in ran), ran
    assert [(f["rule"], f["line"], f["column"]) for f in json.loads(fresh[1])["findings"]] == [("image-mutable-tag", 14, 18)]


def test_a_kustomization_that_sets_the_image_tag_drops_the_replayed_finding(repo, tmp_path):
    rules = "image-mutable-tag"
    before = _replayed_equals_fresh(repo, tmp_path / "cache", rules)
    assert [r[0] for r in before] == ["image-mutable-tag"]
    write_files(repo, {"k8s/kustomization.yaml": (
        "resources: [deployment.yaml, service.yaml]\nimages:\n  - name: registry.example.com/leads\n    newTag: '1.2'\n")})
    settle(repo)
    assert _replayed_equals_fresh(repo, tmp_path / "cache", rules) == []
    (repo / "k8s" / "kustomization.yaml").unlink()
    settle(repo)
    assert _replayed_equals_fresh(repo, tmp_path / "cache", rules) == before


def test_a_kustomization_that_makes_the_file_a_patch_follows_it(repo, tmp_path):
    # the Deployment becomes a kustomize patch of another base: a partial object, not
    # judged as a whole workload; its record is replayed only while that answer holds
    rules = "image-mutable-tag"
    before = _replayed_equals_fresh(repo, tmp_path / "cache", rules)
    write_files(repo, {"overlay/kustomization.yaml": "resources: [../base]\npatches:\n  - path: ../k8s/deployment.yaml\n"})
    settle(repo)
    assert _replayed_equals_fresh(repo, tmp_path / "cache", rules) == []
    (repo / "overlay" / "kustomization.yaml").unlink()
    settle(repo)
    assert _replayed_equals_fresh(repo, tmp_path / "cache", rules) == before


def test_env_from_a_configmap_follows_the_configmap(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n"
        "    envFrom:\n    - configMapRef: {name: cfg}\n    env:\n    - name: URL\n      value: http://$(HOST)/\n"
    )
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {%s: db}\n"
    write_files(root, {".git/HEAD": "ref: refs/heads/main\n", "pod.yaml": pod, "cm.yaml": cm % "HOST"})
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    rules = "env-undefined-ref,env-ref-before-definition"
    assert _replayed_equals_fresh(root, tmp_path / "cache", rules) == []
    change(root / "cm.yaml", cm % "OTHER")  # HOST is no longer defined by the ConfigMap
    assert [r[:2] for r in _replayed_equals_fresh(root, tmp_path / "cache", rules)] == [("env-undefined-ref", "pod.yaml")]
    change(root / "cm.yaml", cm % "HOST")
    assert _replayed_equals_fresh(root, tmp_path / "cache", rules) == []


def test_query_answers_are_the_same_text_in_every_process():
    assert L.answer_text({"b", "a", "c"}) == L.answer_text({"c", "a", "b"}) == "('set', ['a', 'b', 'c'])"
    assert L.answer_text({"k": {1, 2}}) == L.answer_text({"k": {2, 1}})
    assert L.answer_text(None) != L.answer_text("None")
    assert L.answer_text((1, 2)) != L.answer_text([1, 2])


def test_a_query_with_an_argument_that_cannot_be_found_again_taints():
    rec = L.Recorder(unit="u")
    seen = []
    ask = L.query("test.probe")(lambda model, arg: seen.append(arg) or 1)
    with L.watching(rec):
        rec.begin("c1", "file")
        assert ask("model", "text") == 1 and not rec.current.tainted  # a plain value: kept
        rec.end()
        rec.begin("c2", "file")
        ask("model", object())  # not a value, not the file, not one of its objects
        assert rec.current.tainted
        rec.end()
    del L.QUERIES["test.probe"]
    got = rec.record()["calls"]
    assert got["0"][1] == "q" and got["0"][3] == [["test.probe", [["v", "text"]], "1"]]
    assert got["1"] == ["c2", "r"]


def test_a_call_that_asked_queries_and_wrote_a_memo_taints_its_readers():
    rec = L.Recorder(unit="u")
    memo = rec.memo()
    ask = L.query("test.flag")(lambda model: True)
    with L.watching(rec):
        rec.begin("writer", "file")
        memo["flow"] = ask("model")
        rec.end()
        rec.begin("reader", "file")
        memo.get("flow")
        rec.end()
    del L.QUERIES["test.flag"]
    got = rec.record()["calls"]
    assert got == {"0": ["writer", "r"], "1": ["reader", "r"]}


def test_a_kustomization_that_fills_the_selector_follows_it(tmp_path, monkeypatch):
    # k8s-schema asks whether a kustomization including the file fills its workloads'
    # selectors (a query): the replayed Deployment gains and loses its finding with it
    root = tmp_path / "repo"
    deploy = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
        "    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: x:1}]}\n"
    )
    write_files(root, {".git/HEAD": "ref: refs/heads/main\n", "base/deploy.yaml": deploy,
                       "base/kustomization.yaml": "resources: [deploy.yaml]\ncommonLabels: {app: web}\n"})
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    args = ("k8s-schema", "--no-render")
    assert _replayed_equals_fresh(root, tmp_path / "cache", *args) == []
    change(root / "base" / "kustomization.yaml", "resources: [deploy.yaml]\n")
    assert _replayed_equals_fresh(root, tmp_path / "cache", *args) == [("k8s-schema", "base/deploy.yaml", 4, 1)]
    change(root / "base" / "kustomization.yaml", "resources: [deploy.yaml]\ncommonLabels: {app: web}\n")
    assert _replayed_equals_fresh(root, tmp_path / "cache", *args) == []


def test_workers_a_file_edited_in_place_is_not_answered_from_the_run_entry(tmp_path, monkeypatch):
    """The worker processes open the files they parse: those opens are the run's inputs
    too (their digests are checked before a run entry is used). A file rewritten in place
    changes no folder's mtime; the run entry said it read no file and was used, stale."""
    root = tmp_path / "repo"
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: x:1\n"
        "    envFrom:\n    - configMapRef: {name: cfg}\n    env:\n    - name: URL\n      value: http://$(HOST)/\n"
    )
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {%s: db}\n"
    write_files(root, {".git/HEAD": "ref: refs/heads/main\n", "pod.yaml": pod, "cm.yaml": cm % "HOST"})
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.setenv(W.ENV, "2")
    rules = ("--select", "env-undefined-ref")
    assert check(root, *rules) == check(root, *rules, "--no-cache")
    folder = root.stat().st_mtime_ns
    (root / "cm.yaml").write_text(cm % "OTHER")  # in place: the folder's mtime is the same
    past = time.time() - 5
    os.utime(root / "cm.yaml", (past, past))
    assert root.stat().st_mtime_ns == folder
    fresh = check(root, *rules, "--no-cache")
    assert [f["line"] for f in json.loads(fresh[1])["findings"]] == [12]
    assert check(root, *rules) == fresh
