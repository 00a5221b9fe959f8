"""The composite GitHub Action at the repository root: its inputs, and its lint step run
for real by bash with the environment GitHub would give it."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from integration_util import DEPLOYMENT, ROOT, write_files

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def test_action_shape():
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "format", "sarif-file", "fail-on", "config", "args", "version"} <= set(ACTION["inputs"])
    for step in ACTION["runs"]["steps"]:
        # inputs reach scripts through env, never spliced into the script text
        assert "${{" not in step.get("run", ""), step["name"]


def test_action_self_lints_clean():
    p = subprocess.run([sys.executable, "-m", "okla_lint", "check", "--select", "ALL", "--format", "json",
                        "action.yml", ".pre-commit-hooks.yaml"], cwd=ROOT, capture_output=True, text=True)
    assert json.loads(p.stdout)["findings"] == [], p.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not available")
@pytest.mark.parametrize("fmt", ["sarif", "github"])
def test_action_lint_step_runs(tmp_path, fmt):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT})
    script = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "lint")["run"]
    out_file = tmp_path / "github_output"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    env.update({
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
        "OKLA_PATHS": "k8s", "OKLA_FORMAT": fmt, "OKLA_SARIF": "results.sarif", "OKLA_FAIL_ON": "",
        "OKLA_CONFIG": "", "OKLA_ARGS": "--select env-ref-before-definition", "GITHUB_OUTPUT": str(out_file),
    })
    p = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    if fmt == "sarif":
        assert p.returncode == 0, p.stderr
        assert out_file.read_text().strip() == "sarif-file=results.sarif"
        doc = json.loads((tmp_path / "results.sarif").read_text())
        assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["env-ref-before-definition"]
        mode = stat.S_IMODE((tmp_path / "results.sarif").stat().st_mode)
        assert mode & 0o044, oct(mode)  # readable by the upload step, like any file
    else:
        assert p.returncode == 1
        assert "::error file=k8s/web.yaml,line=17," in p.stdout
