"""Issue 14: the composite action run step by step the way the Actions runner runs it:
`${{ }}` expressions evaluated from the inputs, github and steps contexts, inputs also as
INPUT_ variables, each `run:` step by `bash --noprofile --norc -eo pipefail` with fresh
GITHUB_OUTPUT, GITHUB_PATH and GITHUB_ENV files and RUNNER_TEMP; `uses: actions/cache`
stands for a cache hit or miss. What each step leaves behind is checked: nothing on PATH
or in the environment of later steps, the outputs, the files. The lock file is checked
against pyproject.toml."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from integration_util import DEPLOYMENT, ROOT
from helpers import write_files

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
LOCK = ROOT / "requirements" / "action.lock"
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not available")


class Runner:
    """The parts of the Actions runner a composite action meets."""

    def __init__(self, tmp: Path, workspace: Path, inputs: dict[str, str], action_path: Path = ROOT):
        self.tmp = tmp
        self.workspace = workspace
        self.action_path = action_path
        self.inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
        self.inputs.update(inputs)
        self.steps: dict[str, dict[str, str]] = {}
        self.runner_temp = tmp / "runner-temp"
        self.runner_temp.mkdir(exist_ok=True)
        self.left_behind: list[tuple[str, str, str]] = []  # (step, GITHUB_PATH, GITHUB_ENV)
        self.path = os.pathsep.join(["/usr/local/bin", "/usr/bin", "/bin"])

    def value(self, expr: str) -> str:
        m = re.fullmatch(r"inputs\.([\w-]+)", expr)
        if m:
            return self.inputs.get(m.group(1), "")
        m = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m:
            return self.steps.get(m.group(1), {}).get(m.group(2), "")
        if expr == "github.action_path":
            return str(self.action_path)
        if expr == "github.action_ref":
            return "v0.1.0"
        m = re.fullmatch(r"(.+?)\s*==\s*'([^']*)'", expr)
        if m:
            return "true" if self.value(m.group(1)) == m.group(2) else "false"
        raise AssertionError(f"expression the test runner does not know: {expr}")

    def render(self, text: str) -> str:
        return _EXPR.sub(lambda m: self.value(m.group(1)), text)

    def base_env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_", "RUNNER_", "PIP_", "VIRTUAL_ENV"))}
        env.update({
            "PATH": self.path,  # the runner's PATH: no okla-lint on it
            "RUNNER_TEMP": str(self.runner_temp), "RUNNER_OS": "Linux", "GITHUB_WORKSPACE": str(self.workspace),
            "GITHUB_ACTIONS": "true", "GITHUB_ACTION_PATH": str(self.action_path), "HOME": str(self.tmp / "home"),
        })
        for k, v in self.inputs.items():
            env["INPUT_" + k.upper().replace(" ", "_")] = v
        return env

    def run_step(self, step: dict, cache_hit: bool, extra_env: dict | None = None) -> subprocess.CompletedProcess | None:
        name = step.get("name", step.get("id", "?"))
        if "if" in step and self.value(step["if"].strip()) != "true":
            return None
        if "uses" in step:
            assert step["uses"].startswith("actions/cache@"), step["uses"]
            path = Path(self.render(step["with"]["path"]))
            assert self.render(step["with"]["key"]).startswith("okla-lint-Linux-")
            self.steps[step["id"]] = {"cache-hit": "true" if cache_hit and path.exists() else ""}
            return None
        files = {n: self.tmp / f"{n.lower()}-{len(self.left_behind)}" for n in ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_ENV")}
        for f in files.values():
            f.write_text("")
        env = self.base_env()
        env.update({k: self.render(str(v)) for k, v in (step.get("env") or {}).items()})
        env.update({k: str(v) for k, v in files.items()})
        env.update(extra_env or {})
        assert step["shell"] == "bash"
        script = self.tmp / "step.sh"
        script.write_text(self.render(step["run"]))
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=self.workspace,
                           env=env, capture_output=True, text=True, timeout=600)
        outputs = {}
        for line in files["GITHUB_OUTPUT"].read_text().splitlines():
            k, _, v = line.partition("=")
            outputs[k] = v
        if step.get("id"):
            self.steps[step["id"]] = outputs
        self.left_behind.append((name, files["GITHUB_PATH"].read_text(), files["GITHUB_ENV"].read_text()))
        return p

    def outputs(self) -> dict[str, str]:
        return {k: self.render(v["value"]) for k, v in ACTION["outputs"].items()}


def fake_restored_env(venv: Path) -> None:
    """What actions/cache restores on a hit: an environment with okla-lint in it (here the
    test's own interpreter, so that no package index is needed)."""
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(sys.executable)
    launcher = venv / "bin" / "okla-lint"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m okla_lint "$@"\n')
    launcher.chmod(0o755)


@pytest.fixture
def repo(tmp_path):
    ws = tmp_path / "workspace"
    (ws / ".git").mkdir(parents=True)
    write_files(ws, {"k8s/web app.yaml": DEPLOYMENT, "k8s/*.yaml": DEPLOYMENT.replace("name: web", "name: star")})
    return ws


def _run_all(runner: Runner, cache_hit: bool) -> list:
    out = []
    for step in ACTION["runs"]["steps"]:
        out.append((step, runner.run_step(step, cache_hit)))
    return out


@needs_bash
@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_action_steps_as_the_runner_runs_them(tmp_path, repo, fmt):
    runner = Runner(tmp_path, repo, {
        "format": fmt,
        # one path per line: a space inside a name, and a literal '*' that must not glob
        "paths": "k8s/web app.yaml\n  k8s/*.yaml  \n",
        # one argument per line, no quotes needed, none removed, no splitting
        "args": "--select\nenv-ref-before-definition,image-mutable-tag\n\n--exclude=does not exist/**\n",
    })
    fake_restored_env(runner.runner_temp / "okla-lint-venv")
    steps = _run_all(runner, cache_hit=True)
    prep, cache, install, lint = steps
    assert prep[1].returncode == 0, prep[1].stderr
    assert runner.steps["prep"]["venv"] == str(runner.runner_temp / "okla-lint-venv")
    key = runner.steps["prep"]["key"]
    lock_hash = __import__("hashlib").sha256(LOCK.read_bytes()).hexdigest()[:16]
    assert f"lock{lock_hash}" in key and "-v0.1.0-" in key  # keyed on the lock and the action's ref
    assert runner.steps["cache"] == {"cache-hit": "true"}
    assert install[1].returncode == 0 and "restored from the cache" in install[1].stdout, install[1].stderr
    p = lint[1]
    outputs = runner.outputs()
    # two findings of env-ref-before-definition, one per file: the '*' was not expanded
    # to other files and the name with a space stayed one path
    if fmt == "sarif":
        assert p.returncode == 0, p.stderr  # code scanning decides; no fail-on given
        doc = json.loads((repo / "okla-lint.sarif").read_text())
        uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"])
        assert uris == ["k8s/%2A.yaml", "k8s/web%20app.yaml"]
        assert outputs["sarif-file"] == "okla-lint.sarif"
    else:
        assert p.returncode == 1, p.stderr
        assert "::error file=k8s/web app.yaml,line=17," in p.stdout and "::error file=k8s/*.yaml,line=17," in p.stdout
        assert outputs["sarif-file"] == ""
    assert outputs["exit-code"] == str(p.returncode)
    assert (outputs["finding-count"], outputs["error-count"], outputs["warning-count"], outputs["info-count"]) == ("2", "2", "0", "0")
    # nothing left for later steps: no PATH entries, no environment variables
    for name, gh_path, gh_env in runner.left_behind:
        assert gh_path == "" and gh_env == "", name


@needs_bash
def test_a_bad_argument_is_exit_2_with_empty_counts(tmp_path, repo):
    runner = Runner(tmp_path, repo, {"format": "github", "args": "--select nope"})  # one argument: an unknown option
    fake_restored_env(runner.runner_temp / "okla-lint-venv")
    steps = _run_all(runner, cache_hit=True)
    p = steps[-1][1]
    assert p.returncode == 2
    assert "No such option '--select nope'" in p.stderr  # one argument, not split
    assert runner.outputs()["exit-code"] == "2" and runner.outputs()["finding-count"] == ""


@needs_bash
def test_cache_can_be_turned_off(tmp_path, repo):
    runner = Runner(tmp_path, repo, {"cache": "false"})
    prep = ACTION["runs"]["steps"][0]
    runner.run_step(prep, cache_hit=False)
    assert runner.run_step(ACTION["runs"]["steps"][1], cache_hit=True) is None  # skipped by its `if:`
    assert runner.steps.get("cache", {}).get("cache-hit", "") == ""


@needs_bash
@pytest.mark.skipif(os.environ.get("OKLA_LINT_ONLINE_TESTS") != "1" and os.environ.get("CI") != "true",
                    reason="installs the locked dependencies from the package index into a new venv (about a "
                    "minute); runs in CI, or set OKLA_LINT_ONLINE_TESTS=1")
@pytest.mark.slow(6)
def test_cold_install_from_the_lock_then_lint(tmp_path, repo):
    """The install step for real: a new venv, the hashed lock, okla-lint built from the
    action's checkout with the locked build backend; later steps see no trace of it."""
    runner = Runner(tmp_path, repo, {"format": "github", "args": "--select=env-ref-before-definition"})
    steps = _run_all(runner, cache_hit=False)
    install = steps[2][1]
    if install.returncode != 0 and any(t in install.stderr for t in ("Could not find a version", "Failed to establish", "Temporary failure")):
        pytest.skip("the package index could not be reached")
    assert install.returncode == 0, install.stderr
    venv = runner.runner_temp / "okla-lint-venv"
    assert (venv / "bin" / "okla-lint").exists()
    assert steps[3][1].returncode == 1 and runner.outputs()["error-count"] == "2"
    for name, gh_path, gh_env in runner.left_behind:
        assert gh_path == "" and gh_env == "", name
    # a later step's python is still the runner's, not okla-lint's venv
    later = subprocess.run(["bash", "-c", "command -v python3"], env=runner.base_env(), capture_output=True, text=True)
    assert str(venv) not in later.stdout


def _lock_pins() -> dict[str, tuple[str, int]]:
    pins: dict[str, tuple[str, int]] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", line)
        if m:
            current = m.group(1).lower().replace("_", "-").replace(".", "-")
            pins[current] = (m.group(2), 0)
        elif current and re.match(r"^\s+--hash=sha256:[0-9a-f]{64}", line):
            v, n = pins[current]
            pins[current] = (v, n + 1)
    return pins


def test_lock_matches_pyproject_and_every_pin_is_hashed():
    import tomllib

    from packaging.requirements import Requirement
    from packaging.version import Version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _lock_pins()
    assert pins and all(n >= 1 for _, n in pins.values()), "every pin carries its sha256 hashes"
    text = LOCK.read_text(encoding="utf-8")
    assert "pip-compile --allow-unsafe --generate-hashes" in text and "pyproject.toml requirements/action.in" in text
    for raw in project["dependencies"] + [r for r in (ROOT / "requirements" / "action.in").read_text().splitlines()
                                          if r.strip() and not r.startswith("#")]:
        req = Requirement(raw)
        name = req.name.lower().replace("_", "-").replace(".", "-")
        assert name in pins, f"{req.name} is a dependency but not in the lock: regenerate it (see its header)"
        assert Version(pins[name][0]) in req.specifier, f"{req.name}=={pins[name][0]} does not satisfy {req.specifier}"
    # the lock's direct entries are exactly the dependencies (nothing stale left in it)
    via = set(re.findall(r"^([A-Za-z0-9._-]+)==[^\n]*\n(?:\s+--hash[^\n]*\n)*\s+# via (?:okla-lint \(pyproject\.toml\)|-r requirements/action\.in)",
                         text, re.M))
    direct = {Requirement(r).name.lower().replace("_", "-").replace(".", "-") for r in project["dependencies"]}
    assert direct <= {v.lower().replace("_", "-").replace(".", "-") for v in via} | set(pins)
