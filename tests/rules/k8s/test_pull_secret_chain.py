"""Issue 10, family 2: one job token stored in one pull secret is one finding at the place to
fix (the workflow line), with every workload that pulls with it as a related location, in
every output format; the subfolder mode keeps one finding too."""
from __future__ import annotations

import json

from click.testing import CliRunner

from helpers import chdir, lint, write_files
from okla_lint.core.engine import Engine
from okla_lint.core.settings import Settings
from okla_lint.cli import cli

WF = """\
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: |
          kubectl create secret docker-registry regcred --docker-server=ghcr.io \\
            --docker-username=bot --docker-password=${{ secrets.GITHUB_TOKEN }} -n shop
          kubectl create secret docker-registry other --docker-server=ghcr.io \\
            --docker-username=bot --docker-password=${{ secrets.GHCR_PAT }} -n shop
"""


def workload(kind: str, name: str, secret: str = "regcred") -> str:
    pod = f"imagePullSecrets: [{{name: {secret}}}]\n      containers: [{{name: c, image: 'ghcr.io/shop/{name}:1.0.0'}}]"
    if kind == "CronJob":
        return (f"apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  schedule: '0 * * * *'\n"
                f"  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          "
                + pod.replace("\n      ", "\n          ") + "\n")
    return (f"apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: {name}, namespace: shop}}\nspec:\n  selector: {{matchLabels: {{app: {name}}}}}\n"
            f"  template:\n    metadata: {{labels: {{app: {name}}}}}\n    spec:\n      {pod}\n")


FILES = {
    ".github/workflows/deploy.yml": WF,
    "k8s/api.yaml": workload("Deployment", "api"),
    "k8s/db.yaml": workload("StatefulSet", "db"),
    "k8s/report.yaml": workload("CronJob", "report"),
    "k8s/web.yaml": workload("Deployment", "web", "other"),  # a PAT: fine
    "k8s/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder, namespace: shop}\nimagePullSecrets: [{name: regcred}]\n",
}


def test_default_run_folds_the_workloads_into_the_token_finding(tmp_path):
    write_files(tmp_path, FILES)
    res = lint(tmp_path)
    chain = [f for f in res.findings if f.rule in ("ephemeral-registry-token", "pull-secret-from-ephemeral-token")]
    assert [(f.rule, f.path, f.line) for f in chain] == [("ephemeral-registry-token", ".github/workflows/deploy.yml", 8)]
    assert sorted(r.path for r in chain[0].related) == ["k8s/api.yaml", "k8s/db.yaml", "k8s/report.yaml", "k8s/sa.yaml"]
    assert "and 3 more)" in chain[0].message


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


def test_text_keeps_and_n_more_of_the_folded_token_finding(tmp_path):
    write_files(tmp_path, FILES)
    with chdir(tmp_path):
        text = CliRunner().invoke(cli, ["check", "--no-cache", "--select", "ephemeral-registry-token,pull-secret-from-ephemeral-token", "."]).stdout
    (line,) = [x for x in text.splitlines() if "[ephemeral-registry-token]" in x]
    assert line.endswith("(workloads that pull their images with it: k8s/api.yaml:9 and 3 more) [ephemeral-registry-token]")
