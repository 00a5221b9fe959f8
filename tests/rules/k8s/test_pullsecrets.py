"""What `pull-secret-from-ephemeral-token` and `image-pull-secret-undefined` report (a workload
pulls images with a Secret that a workflow creates from a short-lived token;
imagePullSecrets names a Secret that neither the manifests nor the workflows create): exact
rule, path, line and column."""
from __future__ import annotations

import textwrap

from helpers import found_tokens, lint, write_files


def test_pull_secret_from_app_token_through_a_service_account(tmp_path):
    files = {
        ".github/workflows/d.yml": """\
            on: push
            jobs:
              d:
                runs-on: ubuntu-latest
                steps:
                  - id: app
                    uses: actions/create-github-app-token@v1
                    with: {app-id: "1", private-key: "${{ secrets.KEY }}"}
                  - run: |
                      kubectl create secret docker-registry pull -n prod \\
                        --docker-server=ghcr.io --docker-username=x \\
                        --docker-password=${{ steps.app.outputs.token }}
            """,
        "k8s/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: prod}\nimagePullSecrets:\n  - name: pull\n",
        "k8s/other-ns.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: dev}\nspec:\n  imagePullSecrets: [{name: pull}]\n  containers: [{name: c, image: 'busybox:1.36'}]\n",
    }
    got = found_tokens(tmp_path, files, ["pull-secret-from-ephemeral-token", "image-pull-secret-undefined"])
    assert got == [
        ("image-pull-secret-undefined", "k8s/other-ns.yaml", 5, "pull"),
        # one finding at the Secret's name in the workflow; the ServiceAccount is related
        ("pull-secret-from-ephemeral-token", ".github/workflows/d.yml", 10, "pull -n prod \\"),
    ]


def test_pull_secret_from_azure_create_secret_action_with_the_job_token(tmp_path):
    files = {
        ".github/workflows/d.yml": """\
            on: push
            jobs:
              d:
                runs-on: ubuntu-latest
                steps:
                  - uses: Azure/k8s-create-secret@v4
                    with:
                      container-registry-url: ghcr.io
                      container-registry-username: ${{ github.actor }}
                      container-registry-password: ${{ secrets.GITHUB_TOKEN }}
                      secret-name: ghcr
            """,
        "k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: ghcr}]\n  containers: [{name: c, image: 'ghcr.io/o/p:1.0.0'}]\n",
    }
    write_files(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})
    res = lint(tmp_path, select=["pull-secret-from-ephemeral-token", "image-pull-secret-undefined"])
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [("pull-secret-from-ephemeral-token", ".github/workflows/d.yml", 11, 24)]
    rel = res.findings[0].related[0]
    assert (rel.path, rel.line, rel.col) == ("k8s/pod.yaml", 5, 29)
