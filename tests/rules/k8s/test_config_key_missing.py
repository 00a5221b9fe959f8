"""config-key-missing and image-pull-secret-undefined stay quiet when a producer the
manifests do not show creates the Secret: a workflow loop with a variable name, another CI
system (issue 10, family 6)."""
from __future__ import annotations

import pytest

from _workloads import workload
from helpers import lint, write_files

SECRET = "apiVersion: v1\nkind: Secret\nmetadata: {name: authservice-db-secret}\nstringData: {A: x}\n"
POD = workload("Pod", "containers:\n  - name: c\n    image: postgres:16\n    env:\n      - name: PGPASSWORD\n"
                      "        valueFrom: {secretKeyRef: {name: authservice-db-secret, key: Database__Password}}\n", "p")


def workflow(run: str) -> str:
    body = "\n".join("          " + line for line in run.splitlines())
    return f"on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n{body}\n"


@pytest.mark.parametrize("name", ['"${SVC}-db-secret"', "${SVC}-db-secret", "$SVC-db-secret", "$(echo $S)-db-secret", '"$NAME"'])
def test_a_name_with_a_variable_may_be_this_secret(tmp_path, name):
    run = f"for SVC in authservice userservice; do\n  kubectl create secret generic {name} --from-literal=Database__Password=x\ndone"
    write_files(tmp_path, {"k8s/s.yaml": SECRET, "k8s/p.yaml": POD, ".github/workflows/d.yml": workflow(run)})
    assert lint(tmp_path, select=["config-key-missing"]).findings == []


@pytest.mark.parametrize("name", ["${SVC}-cache-secret", "other-db-secret"])
def test_a_name_that_cannot_be_this_secret(tmp_path, name):
    run = f"kubectl create secret generic {name} --from-literal=Database__Password=x"
    write_files(tmp_path, {"k8s/s.yaml": SECRET, "k8s/p.yaml": POD, ".github/workflows/d.yml": workflow(run)})
    res = lint(tmp_path, select=["config-key-missing"])
    assert [(f.rule, f.path, f.line) for f in res.findings] == [("config-key-missing", "k8s/p.yaml", 10)]


PULL = "apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  imagePullSecrets: [{name: acr-secret}]\n  containers: [{name: w, image: 'r.io/w:1'}]\n"


def test_pull_secret_named_by_another_ci_system(tmp_path):
    write_files(tmp_path, {"k8s/w.yaml": PULL})
    assert [f.rule for f in lint(tmp_path, select=["image-pull-secret-undefined"]).findings] == ["image-pull-secret-undefined"]
    write_files(tmp_path, {"azure-pipelines.yml": "steps:\n  - task: KubernetesManifest@1\n    inputs: {action: createSecret, secretName: acr-secret}\n"})
    assert lint(tmp_path, select=["image-pull-secret-undefined"]).findings == []


def test_pull_secret_created_in_a_loop(tmp_path):
    run = 'for R in acr ghcr; do kubectl create secret docker-registry "$R-secret" --docker-server=x; done'
    write_files(tmp_path, {"k8s/w.yaml": PULL, ".github/workflows/d.yml": workflow(run)})
    assert lint(tmp_path, select=["image-pull-secret-undefined"]).findings == []
