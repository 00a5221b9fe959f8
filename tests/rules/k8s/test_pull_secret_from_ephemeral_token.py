"""What `pull-secret-from-ephemeral-token` reports (a workload pulls images with a Secret that
a workflow creates from a short-lived token): exact rule, path, line and column."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pull_secret_util import FILES
from helpers import chdir, lint, write_files
from okla_lint.cli import cli
from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings


def test_the_rule_alone_is_one_finding_per_secret(tmp_path):
    write_files(tmp_path, FILES)
    res = lint(tmp_path, select=["pull-secret-from-ephemeral-token"])
    assert [(f.path, f.line, f.col) for f in res.findings] == [(".github/workflows/deploy.yml", 7, 49)]
    (f,) = res.findings
    assert len(f.related) == 4 and "and 3 more workloads pull their images" in f.message


def test_subfolder_run_reports_once_at_the_first_workload(tmp_path):
    write_files(tmp_path, FILES)
    with chdir(tmp_path):
        res = Engine(Settings(select=["pull-secret-from-ephemeral-token"])).run_paths(["k8s"], project_context=True)
    assert [(f.path, f.line) for f in res.findings] == [("k8s/api.yaml", 9)]
    assert res.findings[0].related[0].path == ".github/workflows/deploy.yml"


def test_text_json_and_sarif(tmp_path):
    write_files(tmp_path, FILES)
    with chdir(tmp_path):
        text = CliRunner().invoke(cli, ["check", "--select", "pull-secret-from-ephemeral-token", "."]).stdout
        js = json.loads(CliRunner().invoke(cli, ["check", "--select", "pull-secret-from-ephemeral-token", "--format", "json", "."]).stdout)
        sarif = json.loads(CliRunner().invoke(cli, ["check", "--select", "pull-secret-from-ephemeral-token", "--format", "sarif", "."]).stdout)
    assert text.count("[pull-secret-from-ephemeral-token]") == 1 and "and 3 more workloads" in text
    assert len(js["findings"]) == 1 and len(js["findings"][0]["related"]) == 4
    assert len(sarif["runs"][0]["results"][0]["relatedLocations"]) == 4
