"""What Kubernetes rule tests and integration tests share (they came from
test_pull_secret_chain.py): ``WF``, ``workload``, ``FILES``."""
from __future__ import annotations


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
