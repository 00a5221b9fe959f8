"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, write_files


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
