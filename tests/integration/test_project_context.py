"""A folder inside a project (`okla-lint check k8s/`, or `.` from a subfolder): cross-file
rules see the whole project, findings are reported for the folder only."""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT_DIR, chdir
from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings

INCIDENT = ROOT_DIR / "fixtures" / "incident" / "broken"


def _run(cwd: Path, path: str, project_context: bool = True):
    with chdir(cwd):
        return Engine(Settings()).run_paths([path], project_context=project_context)


def test_subfolder_sees_the_workflow_that_creates_the_pull_secret(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(INCIDENT, repo)
    r = _run(repo, "k8s")
    rules = sorted({f.rule for f in r.findings})
    assert "pull-secret-from-ephemeral-token" in rules
    assert "image-pull-secret-undefined" not in rules
    assert {f.path.split("/")[0] for f in r.findings} == {"k8s"}  # nothing outside k8s/


def test_dot_from_a_subfolder_and_the_switch_to_turn_it_off(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(INCIDENT, repo)
    with_ctx = {f.rule for f in _run(repo / "k8s", ".").findings}
    without = {f.rule for f in _run(repo / "k8s", ".", project_context=False).findings}
    assert "pull-secret-from-ephemeral-token" in with_ctx
    assert "pull-secret-from-ephemeral-token" not in without


def test_a_folder_that_is_its_own_project_is_linted_alone(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(INCIDENT, repo)
    r = _run(tmp_path, "repo")
    assert "ephemeral-registry-token" in {f.rule for f in r.findings}
    # the pull-secret chain is folded into the token's finding: the workloads are related
    chain = next(f for f in r.findings if f.rule == "ephemeral-registry-token")
    assert {x.path.split("/")[-2] for x in chain.related} == {"k8s"}
