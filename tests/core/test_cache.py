"""The run cache (okla_lint/core/cache.py): a warm run gives byte for byte what a cold run
gives, is served without linting when nothing changed, and lints again when anything the
run depends on changed: a file linted, another file a cross-file finding depends on, a file
a rule read beside them, a new file, the settings. Damaged or foreign entries are ignored."""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import chdir, write_files
from okla_lint.cli import cli
from okla_lint.core import cache as C
from okla_lint.core.engine import Engine
from okla_lint.core.result import RunResult

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
  selector:
    app: {app}
  ports:
    - port: 8080
"""
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: leads
spec:
  selector:
    matchLabels: {app: leads}
  template:
    metadata:
      labels: {app: leads}
    spec:
      containers:
        - name: leads
          image: registry.example.com/leads:1.0
          ports: [{containerPort: 8080}]
"""
OCELOT = """\
{
  "Routes": [
    {
      "DownstreamPathTemplate": "/api/leads",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [{ "Host": "leads", "Port": 8080 }],
      "UpstreamPathTemplate": "/api/leads"
    }
  ]
}
"""


def settle(root: Path) -> None:
    """Date every file and folder a few seconds back: a run never stores what changed
    during it (coarse file system clocks), and a test writes its files just before."""
    past = time.time() - 10
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (past, past))
    os.utime(root, (past, past))


def change(path: Path, text: str) -> None:
    path.write_text(text)
    settle(path.parent)


def check(root: Path, *args: str) -> tuple[int, str]:
    with chdir(root):
        res = CliRunner().invoke(cli, ["check", "--format", "json", *args], catch_exceptions=False)
    return res.exit_code, res.stdout


def rules_at(out: str) -> list[tuple[str, str, int, int]]:
    return [(f["rule"], f["path"], f["line"], f["column"]) for f in json.loads(out)["findings"]]


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    write_files(root, {
        ".git/HEAD": "ref: refs/heads/main\n",
        "k8s/service.yaml": SERVICE.format(name="leads", app="leads"),
        "k8s/deployment.yaml": DEPLOYMENT,
        "gateway/ocelot.json": OCELOT,
    })
    settle(root)
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "cache"))
    return root


def no_linting(monkeypatch) -> None:
    """Any run from here on must be answered from the cache."""

    def fail(*a, **k):
        raise AssertionError("linted although nothing changed")

    monkeypatch.setattr(Engine, "_run_paths", fail)


def test_warm_run_is_byte_identical_and_lints_nothing(repo, monkeypatch, tmp_path):
    cold = check(repo, "--select", "ALL")
    assert list((tmp_path / "cache" / "runs").iterdir())
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    no_linting(monkeypatch)
    assert check(repo, "--select", "ALL") == cold
    with chdir(repo):  # the text report too (another format, the same entry)
        res = CliRunner().invoke(cli, ["check", "--select", "ALL"])
    assert res.exit_code == cold[0]


def test_no_cache_lints_and_writes_nothing(repo, monkeypatch, tmp_path):
    monkeypatch.delenv(C.ENV_DIR)
    check(repo, "--no-cache")
    assert not (repo / C.CACHE_DIRNAME).exists()
    check(repo)  # the default place: the project root, ignoring itself
    assert (repo / C.CACHE_DIRNAME / ".gitignore").read_text().splitlines()[-1] == "*"


def test_cache_dir_setting(repo, monkeypatch):
    monkeypatch.delenv(C.ENV_DIR)
    write_files(repo, {".okla-lint.yaml": "cache-dir: build/lint-cache\n"})
    settle(repo)
    check(repo)
    assert (repo / "build" / "lint-cache" / "runs").is_dir()
    assert not (repo / C.CACHE_DIRNAME).exists()


def test_cross_file_finding_follows_a_change_in_another_file(repo):
    """The finding is in gateway/ocelot.json; what decides it is k8s/service.yaml."""
    assert "gateway-route-no-service" not in [r[0] for r in rules_at(check(repo)[1])]
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads-api", app="leads"))
    assert ("gateway-route-no-service", "gateway/ocelot.json", 6, 44) in rules_at(check(repo)[1])
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads", app="leads"))
    assert "gateway-route-no-service" not in [r[0] for r in rules_at(check(repo)[1])]


def test_selector_change_in_one_file_changes_a_finding_in_another(repo):
    """readiness-probe-missing is reported on the Deployment only while a Service selects
    its pods: the Service's selector (another file) decides it."""
    def found() -> list:
        return [r for r in rules_at(check(repo, "--select", "readiness-probe-missing")[1]) if r[1] == "k8s/deployment.yaml"]

    assert found()
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads", app="other"))
    assert not found()
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads", app="leads"))
    assert found()


def test_pre_commit_run_on_one_file_follows_the_rest_of_the_project(repo):
    """`okla-lint check gateway/ocelot.json` (pre-commit) reads the project for context:
    a change in a file that was not named changes its result."""
    def found() -> list:
        return rules_at(check(repo, "--select", "gateway-route-no-service", "gateway/ocelot.json")[1])

    assert found() == []
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads-api", app="leads"))
    assert found() == [("gateway-route-no-service", "gateway/ocelot.json", 6, 44)]


def test_a_new_file_is_seen(repo):
    assert "gateway-route-no-service" not in [r[0] for r in rules_at(check(repo)[1])]
    change(repo / "k8s" / "service.yaml", SERVICE.format(name="leads-api", app="leads"))
    assert "gateway-route-no-service" in [r[0] for r in rules_at(check(repo)[1])]
    write_files(repo, {"k8s/more/leads.yaml": SERVICE.format(name="leads", app="leads")})
    settle(repo)
    assert "gateway-route-no-service" not in [r[0] for r in rules_at(check(repo)[1])]


def test_a_file_read_by_a_rule_beside_the_linted_ones_is_an_input(repo):
    """configmap-drift reads the file a workflow passes to --from-file (here not YAML or
    JSON, so not a file okla-lint lints): changing it changes the finding."""
    routes = '{"Routes": [{"DownstreamPathTemplate": "/a", "DownstreamScheme": "http", ' \
             '"DownstreamHostAndPorts": [{"Host": "leads", "Port": 8080}], "UpstreamPathTemplate": "/a"}]}'
    write_files(repo, {
        ".github/workflows/deploy.yml": (
            "name: Deploy\non: {push: {branches: [main]}}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n"
            "    steps:\n      - uses: actions/checkout@v4\n      - run: |\n"
            "          kubectl create configmap gateway-config --from-file=ocelot.json=gateway/routes.txt \\\n"
            "            --dry-run=client -o yaml | kubectl apply -f -\n"
        ),
        "k8s/gateway-config.yaml": (
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gateway-config\ndata:\n"
            f"  ocelot.json: |\n    {routes}\n"
        ),
        "gateway/routes.txt": routes + "\n",
    })
    settle(repo)

    def drift() -> list:
        return rules_at(check(repo, "--select", "configmap-drift")[1])

    assert drift() == []
    change(repo / "gateway" / "routes.txt", '{"Routes": []}\n')
    assert drift() == [("configmap-drift", "k8s/gateway-config.yaml", 7, 17)]


def test_settings_are_part_of_the_key(repo):
    all_rules = rules_at(check(repo, "--select", "ALL")[1])
    assert rules_at(check(repo, "--select", "gateway-route-no-service")[1]) != all_rules or not all_rules
    write_files(repo, {".okla-lint.yaml": "ignore: [service-account-missing]\n"})
    settle(repo)
    assert "service-account-missing" not in [r[0] for r in rules_at(check(repo)[1])]


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "runs").iterdir())


def test_a_damaged_entry_is_ignored(repo, tmp_path):
    cold = check(repo)
    for entry in _entries(tmp_path):
        mac, body = entry.read_bytes().split(b"\n", 1)
        # a finding removed by hand: valid JSON, wrong signature
        data = json.loads(body)
        data["result"]["findings"] = []
        entry.write_bytes(mac + b"\n" + json.dumps(data).encode())
    assert check(repo) == cold
    for entry in _entries(tmp_path):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])  # truncated
    assert check(repo) == cold


def test_an_entry_of_another_cache_is_ignored(repo, tmp_path):
    cold = check(repo)
    (tmp_path / "cache" / "key").write_bytes(os.urandom(32))  # another cache's key
    assert check(repo) == cold


def test_an_unwritable_cache_folder_is_not_used(repo, monkeypatch, tmp_path):
    (tmp_path / "file").write_text("not a folder\n")
    monkeypatch.setenv(C.ENV_DIR, str(tmp_path / "file" / "cache"))
    code, out = check(repo)
    assert code in (0, 1) and json.loads(out)["findings"] is not None
    assert check(repo, "--no-cache") == (code, out)


def test_concurrent_writers_leave_a_valid_entry(repo, tmp_path):
    """Entries are replaced atomically: two runs storing the same key leave one whole entry."""
    check(repo)
    entry = _entries(tmp_path)[0]
    store = C.RunCache(tmp_path / "cache")
    key = entry.name
    good = store.load(key)
    assert good is not None
    store.store(key, {k: v for k, v in good.items() if k != "format"})
    assert store.load(key) == good
    assert len(list((tmp_path / "cache" / "runs").iterdir())) == 1  # no temporary file left


def test_the_cache_folder_holds_nothing_to_lint(repo, monkeypatch):
    """Entries are not YAML or JSON files: a run over the cache folder (or a tool that lints
    every folder of a tree) finds nothing there."""
    monkeypatch.delenv(C.ENV_DIR)
    check(repo)
    code, out = check(repo, "--no-cache", C.CACHE_DIRNAME)
    assert json.loads(out)["findings"] == []


def test_compiled_modules_in_a_pycache_prefix_are_not_inputs(monkeypatch, tmp_path):
    """PYTHONPYCACHEPREFIX (the test suite sets it under PYTHONDONTWRITEBYTECODE): a module
    a rule imports lazily is read, or compiled and written, there during the run; that is
    okla-lint's code like its __pycache__, not an input (a module compiled during the run
    kept the run from being stored)."""
    prefix = tmp_path / "pycache"
    compiled = prefix / "okla_lint" / "lazy.cpython.pyc"
    compiled.parent.mkdir(parents=True)
    compiled.write_bytes(b"code")
    data = tmp_path / "k8s.yaml"
    data.write_text("a: 1\n")
    monkeypatch.setattr(sys, "pycache_prefix", str(prefix))
    with C.Session() as session:
        compiled.read_bytes()
        data.read_bytes()
    assert list(session.inputs(tmp_path / "cache")) == [str(data)]


def test_the_cache_folder_written_during_the_run_is_not_an_input(tmp_path):
    """A run that writes the cache's first entry while it lints (a kustomize render is kept
    there) creates the folder and its .gitignore, and fsyncs the folder through an open of
    the folder itself: that folder (not only what is under it) is okla-lint's, not an input.
    Recorded as one, with its fresh mtime, it kept every cold run that rendered an overlay
    from being stored (the first warm run of ../shared/corpus linted everything again)."""
    data = tmp_path / "k8s.yaml"
    data.write_text("a: 1\n")
    settle(tmp_path)
    folder = tmp_path / "cache"
    started = C.now_ns()
    with C.Session() as session:
        C.RunCache(folder).store("render-x", {"objects": []})
        data.read_bytes()
    inputs = session.inputs(folder)
    assert list(inputs) == [str(data)]
    assert C.entry_for(RunResult([], [], [], [], []), {}, inputs, started) is not None


def test_a_folder_the_run_changed_is_taken_after_the_run_through_a_symlink_too(tmp_path):
    """Rendering puts (and removes) a wrapper kustomization in the project root, so the
    root's mtime is taken after the run (``ours``). The engine names that root by its real
    path while the walk records the path it was given: through a symlink (../shared ->
    /work/shared) the root kept the mtime seen before the render, and the first warm run
    found it changed and linted everything again."""
    real = tmp_path / "real" / "proj"
    real.mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    given = str(tmp_path / "link" / "proj")
    settle(tmp_path / "real")
    before = os.stat(real).st_mtime_ns
    started = C.now_ns()
    (real / "kustomization.wrapper.yaml").write_text("x")  # the render's wrapper, added...
    (real / "kustomization.wrapper.yaml").unlink()  # ...and removed
    past = time.time() - 5
    os.utime(real, (past, past))
    entry = C.entry_for(RunResult([], [], [], [], []), {given: before}, {}, started, {str(real)})
    assert entry is not None and C.unchanged(entry)


def test_the_first_warm_run_is_answered_with_the_cache_in_the_project_root(repo, monkeypatch):
    """The default place, the project root: the cold run creates the cache folder in a
    folder it walked, which changes that folder's mtime; that change is the run's own, so
    the first warm run is answered from the entry (it linted everything again)."""
    monkeypatch.delenv(C.ENV_DIR)
    cold = check(repo, "--select", "ALL")
    assert (repo / C.CACHE_DIRNAME / "runs").is_dir()
    no_linting(monkeypatch)
    assert check(repo, "--select", "ALL") == cold


def test_a_file_added_beside_a_fresh_cache_folder_is_seen(repo, monkeypatch):
    monkeypatch.delenv(C.ENV_DIR)
    check(repo)
    write_files(repo, {"extra.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                                     "  containers: [{name: c, image: 'nginx:1', securityContext: {privileged: true}}]\n"})
    settle(repo)
    code, out = check(repo, "--select", "ALL")
    assert any(f["path"] == "extra.yaml" for f in json.loads(out)["findings"])
