"""The composite GitHub Action at the repository root: its inputs and that it lints clean
(its steps are run as the runner runs them in tests/integration/test_action_steps.py)."""
from __future__ import annotations

import json
import subprocess
import sys

import yaml

from integration_util import ROOT

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


# the action's steps run as the runner runs them: tests/integration/test_action_steps.py
