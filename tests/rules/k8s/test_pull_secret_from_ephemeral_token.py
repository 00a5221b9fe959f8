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


def test_pull_secret_created_by_a_local_composite_action_from_the_callers_token(tmp_path):
    # the workflow passes the job token into the action's input; the action creates the
    # pull secret: the Deployment that pulls with it is linked (alone, and as related
    # location of the ephemeral-registry-token finding when both rules run)
    files = {
        ".github/workflows/d.yml": (
            "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: actions/checkout@v4\n"
            "      - uses: ./.github/actions/sec\n"
            "        with: {password: \"${{ secrets.GITHUB_TOKEN }}\"}\n"
        ),
        ".github/actions/sec/action.yml": (
            "inputs:\n  password: {required: true}\nruns:\n  using: composite\n  steps:\n"
            "    - shell: bash\n"
            "      run: kubectl create secret docker-registry regcred -n shop --docker-password=${{ inputs.password }}\n"
        ),
        "k8s/d.yaml": (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n"
            "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
            "    spec:\n      imagePullSecrets: [{name: regcred}]\n"
            "      containers: [{name: api, image: \"ghcr.io/o/api:1.0\"}]\n"
        ),
    }
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["pull-secret-from-ephemeral-token"])
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("pull-secret-from-ephemeral-token", ".github/actions/sec/action.yml", 7, 50)]
    assert [(r.path, r.line, r.col) for r in res.findings[0].related] == [("k8s/d.yaml", 9, 33)]
    res = lint(tmp_path, select=["pull-secret-from-ephemeral-token", "ephemeral-registry-token"])
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("ephemeral-registry-token", ".github/actions/sec/action.yml", 7, 84)]
    assert [(r.path, r.line, r.col) for r in res.findings[0].related] == [("k8s/d.yaml", 9, 33)]


def test_pull_secret_created_over_ssh_is_linked(tmp_path):
    files = {
        ".github/workflows/d.yml": (
            "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - env: {T: \"${{ github.token }}\"}\n"
            "        run: |\n"
            "          ssh deploy@host <<EOF\n"
            "            kubectl create secret docker-registry regcred -n shop --docker-password=$T\n"
            "          EOF\n"
        ),
        "k8s/d.yaml": (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n"
            "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
            "    spec:\n      imagePullSecrets: [{name: regcred}]\n"
            "      containers: [{name: api, image: \"ghcr.io/o/api:1.0\"}]\n"
        ),
    }
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["pull-secret-from-ephemeral-token", "image-pull-secret-undefined"])
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("pull-secret-from-ephemeral-token", ".github/workflows/d.yml", 9, 51)]
    assert [(r.path, r.line, r.col) for r in res.findings[0].related] == [("k8s/d.yaml", 9, 33)]
