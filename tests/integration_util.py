"""Shared helpers of the tests/test_integration_*.py files: run the real CLI."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from helpers import chdir
from okla_lint.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# variables that change the CLI's behaviour; tests set them explicitly
CLEAN_ENV = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_WORKFLOW": None}

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: URL
              value: "http://$(HOST)/"
            - name: HOST
              value: example.org
"""
# env-ref-before-definition at 17:30 ($(HOST) used before HOST is defined)

SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
"""


def run(args: list[str], cwd: Path, env: dict | None = None, input: str | None = None):
    """(exit code, stdout, stderr) of ``okla-lint ARGS`` run in ``cwd`` (in process)."""
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    full_env = dict(CLEAN_ENV)
    full_env.update(env or {})
    with chdir(cwd):
        r = runner.invoke(cli, args, env=full_env, input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def run_process(args: list[str], cwd: Path, env: dict | None = None, input: str | None = None):
    """The same through a real process (``python -m okla_lint``)."""
    e = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    e.update({k: v for k, v in (env or {}).items() if v is not None})
    p = subprocess.run([sys.executable, "-m", "okla_lint", *args], cwd=cwd, env=e, input=input,
                       capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def findings(stdout: str) -> list[dict]:
    return json.loads(stdout)["findings"]


def locs(stdout: str, rule: str | None = None) -> list[str]:
    return sorted(f"{f['path']}:{f['line']}:{f['column']}" for f in findings(stdout) if rule is None or f["rule"] == rule)

# a HorizontalPodAutoscaler of Deployment web (hpa-target-missing when web is absent)
HPA = """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 3
"""

# script-injection at 6:24 (an attacker-controlled value in a run: script)
WORKFLOW = """\
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.head_commit.message }}"
"""
