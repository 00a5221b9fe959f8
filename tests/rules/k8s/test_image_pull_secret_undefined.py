"""What `image-pull-secret-undefined` reports (imagePullSecrets names a Secret that neither the
manifests nor the workflows create): exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared_pod
from _config_key_missing import workflow
from helpers import found, lint, write_files


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


def test_pull_secret_advice_needs_the_workflows_in_view(tmp_path):
    files = {
        ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps: [{run: make test}]\n",
        "k8s/api.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: regcred}]\n  containers: [{name: c, image: 'ghcr.io/o/p:1.0.0'}]\n",
    }
    write_files(tmp_path, files)
    alone = lint(tmp_path, select=["image-pull-secret-undefined"], paths=["k8s/api.yaml"])
    assert alone.findings == []
    whole = lint(tmp_path, select=["image-pull-secret-undefined"])
    assert [(f.path, f.line) for f in whole.findings] == [("k8s/api.yaml", 5)]


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `imagePullSecrets` written once on line 12 is one finding
    text = shared_pod('imagePullSecrets', '[{name: regcred}]')
    assert found(tmp_path, {"l.yaml": text}, 'image-pull-secret-undefined') == ['l.yaml:12:37']
