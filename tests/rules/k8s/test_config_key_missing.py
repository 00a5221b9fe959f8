"""config-key-missing and image-pull-secret-undefined stay quiet when a producer the
manifests do not show creates the Secret: a workflow loop with a variable name, another CI
system (issue 10, family 6)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from _config_key_missing import workflow
from _workloads import workload
from helpers import ROOT_DIR, found_tokens, lint, write_files


SECRET = "apiVersion: v1\nkind: Secret\nmetadata: {name: authservice-db-secret}\nstringData: {A: x}\n"


POD = workload("Pod", "containers:\n  - name: c\n    image: postgres:16\n    env:\n      - name: PGPASSWORD\n"
                      "        valueFrom: {secretKeyRef: {name: authservice-db-secret, key: Database__Password}}\n", "p")


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


FIXTURES = ROOT_DIR / "fixtures" / "k8s-wiring"


def copy(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / name
    shutil.copytree(FIXTURES / name, dst)
    return dst


def token_at(root: Path, path: str, line: int, col: int) -> str:
    text = (root / path).read_text(encoding="utf-8").splitlines()[line - 1]
    return text[col - 1 :]


def test_generator_keys_are_checked(tmp_path):
    root = copy("kustomize-app", tmp_path)
    d = root / "base/deployment.yaml"
    d.write_text(d.read_text().replace("{key: banner, path: banner.txt}", "{key: banner.txt, path: banner.txt}"))
    res = lint(root, select=["config-key-missing"])
    assert [(f.path, f.line) for f in res.findings] == [("base/deployment.yaml", 28)]
    assert token_at(root, "base/deployment.yaml", 28, res.findings[0].col).startswith("banner.txt")


def test_volume_items_projected_and_secret_data(tmp_path):
    files = {
        "k8s/s.yaml": """\
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData: {user: app}
            data: {password: cGFzcw==}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: filled-by-vault}
            type: Opaque
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: c
                  image: "busybox:1.36"
                  env:
                    - {name: U, valueFrom: {secretKeyRef: {name: creds, key: user}}}
                    - {name: T, valueFrom: {secretKeyRef: {name: filled-by-vault, key: token}}}
              volumes:
                - name: all
                  projected:
                    sources:
                      - secret:
                          name: creds
                          items:
                            - {key: password, path: p}
                            - {key: passwd, path: q}
            """
    }
    assert found_tokens(tmp_path, files, ["config-key-missing"]) == [("config-key-missing", "k8s/s.yaml", 30, "passwd")]


def test_objects_in_unrelated_directories_are_not_judged(tmp_path):
    files = {
        "examples/one/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {A: '1'}\n",
        "examples/two/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - name: c\n      image: 'busybox:1.36'\n      env: [{name: B, valueFrom: {configMapKeyRef: {name: cfg, key: B}}}]\n",
    }
    assert found_tokens(tmp_path, files, ["config-key-missing"]) == []


def test_secret_recreated_by_a_workflow_is_not_judged_by_its_manifest_keys(tmp_path):
    files = {
        ".github/workflows/d.yml": "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: kubectl create secret generic db --from-literal=password=${{ secrets.DB }} --dry-run=client -o yaml | kubectl apply -f -\n",
        "k8s/s.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {placeholder: x}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: 'busybox:1.36'\n"
        "      env: [{name: P, valueFrom: {secretKeyRef: {name: db, key: password}}}]\n",
    }
    assert found_tokens(tmp_path, files, ["config-key-missing"]) == []
