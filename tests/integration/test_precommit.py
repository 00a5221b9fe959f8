"""pre-commit: the hook definition at the repository root, run by the real pre-commit
against a temporary git repository, and the engine behaviour it relies on (files passed
one by one, cross-file rules still seeing the whole repository)."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from integration_util import DEPLOYMENT, HPA, ROOT, findings, run
from helpers import write_files
from okla_lint.core.discover import LOCK_FILES

API = DEPLOYMENT.replace("name: web", "name: api").replace("{app: web}", "{app: api}")
WEB = DEPLOYMENT.replace('"http://$(HOST)/"', '"http://example.org/"') + """\
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  A: "1"
  A: "2"
"""
FILES = {
    "k8s/api.yaml": API,  # env-ref-before-definition at 17:30
    "k8s/web.yaml": WEB,  # duplicate-key at 28:3: not passed, never reported
    "k8s/hpa.yaml": HPA,  # fine, because k8s/web.yaml defines Deployment web
    "tsconfig.json": "{\n  // comments are fine here\n  \"compilerOptions\": {}\n}\n",
    # an Ocelot configuration under a name that is not ocelot*.json: json-comments at 2:3
    "gateway/configuration.json": "{\n  // routes\n  \"Routes\": []\n}\n",
}


def make_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    write_files(root, FILES)
    return root


def test_explicit_files_use_the_whole_project_as_context(tmp_path):
    repo = make_repo(tmp_path / "repo")
    args = ["check", "--format", "json", "--select", "hpa-target-missing,env-ref-before-definition,duplicate-key"]
    code, out, _ = run(args + ["k8s/hpa.yaml", "k8s/api.yaml"], repo)
    assert [(f["rule"], f["path"]) for f in findings(out)] == [("env-ref-before-definition", "k8s/api.yaml")]
    # without the project, the HPA's target looks missing (a false positive)
    code, out, _ = run(args + ["--no-project-context", "k8s/hpa.yaml", "k8s/api.yaml"], repo)
    assert ("hpa-target-missing", "k8s/hpa.yaml") in [(f["rule"], f["path"]) for f in findings(out)]


def test_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "okla-lint" and hook["language"] == "python"
    assert hook["entry"] == "okla-lint check" and hook["require_serial"] is True
    # every file okla-lint can classify reaches it (an Ocelot configuration.json too): no
    # `files:` filter narrower than what `okla-lint check` reads
    assert hook["types_or"] == ["yaml", "json"]
    assert "files" not in hook
    # what pre-commit leaves out is exactly what a folder walk leaves out: the lock files
    exclude = re.compile(hook["exclude"])
    for name in LOCK_FILES:
        assert exclude.search(name) and exclude.search(f"web/app/{name}"), name
    for name in ("k8s/deployment.yaml", "ocelot.json", "package.json", "my-pnpm-lock.yaml", "pnpm-lock.yaml.d/x.yaml"):
        assert not exclude.search(name), name


def _pre_commit_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
        "NO_COLOR": "1",
    })
    return env


def _try_repo(hook_repo: Path, target: Path, env: dict) -> subprocess.CompletedProcess:
    subprocess.run(["git", "add", "-A"], cwd=target, check=True, env=env)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "okla-lint", "--color", "never",
         "--files", "k8s/hpa.yaml", "k8s/api.yaml", "tsconfig.json", "gateway/configuration.json"],
        cwd=target, env=env, capture_output=True, text=True, timeout=300,
    )


def _assert_failure_output(p: subprocess.CompletedProcess) -> None:
    out = p.stdout + p.stderr
    assert p.returncode == 1, out
    assert "okla-lint" in out and "Failed" in out, out
    assert "- exit code: 1" in out, out
    assert "k8s/api.yaml:17:30: error:" in out and "[env-ref-before-definition]" in out, out
    assert "k8s/web.yaml" not in out.split("- exit code: 1", 1)[1], out  # not passed: not reported
    assert "hpa-target-missing" not in out, out  # the whole repository was the context
    assert "tsconfig.json" not in out.split("- exit code: 1", 1)[1], out  # passed, not ours: silent
    assert "gateway/configuration.json:2:3: error:" in out and "[json-comments]" in out, out


needs_pre_commit = pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="pre-commit is not installed (pip install -e '.[test]' installs it)",
)


@needs_pre_commit
def test_real_pre_commit_try_repo_offline(tmp_path):
    """The real pre-commit runs the hook definition of this repository. To stay offline it
    uses a copy of .pre-commit-hooks.yaml whose only change is `language: system` (the
    okla-lint installed in this environment) instead of `language: python`, which would
    pip-install okla-lint and its dependencies from the package index into a new venv."""
    env = _pre_commit_env(tmp_path)
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert manifest.count("language: python") == 1
    (hook_repo / ".pre-commit-hooks.yaml").write_text(manifest.replace("language: python", "language: system"))
    subprocess.run(["git", "init", "-q"], cwd=hook_repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=hook_repo, check=True, env=env)
    subprocess.run(["git", "commit", "-q", "-m", "hooks"], cwd=hook_repo, check=True, env=env)
    target = make_repo(tmp_path / "target")
    _assert_failure_output(_try_repo(hook_repo, target, env))


_NETWORK_TROUBLE = ("Could not find a version", "Failed to establish a new connection", "Temporary failure in name resolution", "ReadTimeoutError", "No matching distribution")


@needs_pre_commit
@pytest.mark.skipif(
    os.environ.get("OKLA_LINT_ONLINE_TESTS") != "1" and os.environ.get("CI") != "true",
    reason="installs okla-lint and its dependencies from the package index into a pre-commit "
    "venv (language: python); runs in CI, or set OKLA_LINT_ONLINE_TESTS=1",
)
@pytest.mark.slow(6)
def test_real_pre_commit_try_repo_language_python(tmp_path):
    """The hook exactly as published: pre-commit builds its own venv and pip-installs this
    repository into it (needs the package index, which CI has)."""
    env = _pre_commit_env(tmp_path)
    target = make_repo(tmp_path / "target")
    p = _try_repo(ROOT, target, env)
    out = p.stdout + p.stderr
    if p.returncode != 1 and any(t in out for t in _NETWORK_TROUBLE):
        pytest.skip("the package index could not be reached to build the hook's venv")
    _assert_failure_output(p)


def test_project_context_can_be_turned_off_in_the_configuration(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write_files(repo, {".okla-lint.yaml": "project-context: false\n"})
    args = ["check", "--format", "json", "--select", "hpa-target-missing", "k8s/hpa.yaml", "k8s/api.yaml"]
    assert [f["rule"] for f in findings(run(args, repo)[1])] == ["hpa-target-missing"]
    assert findings(run(args + ["--project-context"], repo)[1]) == []
