"""What `duplicate-object` reports (the same object is defined twice in files that are applied
together): exact rule, path, line and column."""
from __future__ import annotations

import textwrap

from _partial_objects import APPLY, RULES, WHOLE
from helpers import found_tokens, lint, rule_paths, write_files


def test_duplicates_in_one_file_list_items_and_namespaces(tmp_path):
    files = {
        "x/list.yaml": """\
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: other}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: a}
            """
    }
    assert found_tokens(tmp_path, files, ["duplicate-object"]) == [("duplicate-object", "x/list.yaml", 6, "a")]


def test_duplicates_in_one_kustomization_and_recursive_apply(tmp_path):
    files = {
        "base/kustomization.yaml": "resources: [a.yaml, b.yaml]\n",
        "base/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n",
        "base/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n",
        "deploy/app/one.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
        "deploy/app/two.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
        ".github/workflows/w.yml": "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -R -f ./deploy\n",
    }
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["duplicate-object"])
    got = sorted((f.path, f.line, f.col) for f in res.findings)
    assert got == [("base/b.yaml", 4, 9), ("deploy/app/two.yaml", 3, 18)]
    msgs = {f.path: f.message for f in res.findings}
    assert "kustomize refuses to build" in msgs["base/b.yaml"]
    assert "replaces the earlier one" in msgs["deploy/app/two.yaml"]


def test_unlisted_file_in_a_kustomize_directory_is_compared_with_itself(tmp_path):
    files = {
        "k/kustomization.yaml": "resources: [a.yaml]\n",
        "k/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "k/notes.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
    }
    assert found_tokens(tmp_path, files, ["duplicate-object"]) == [("duplicate-object", "k/notes.yaml", 7, "a")]


def test_gitops_paths_apply_directories_as_a_whole(tmp_path):
    files = {
        "clusters/prod/sync.yaml": """\
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 10m
              path: ./apps
              sourceRef: {kind: GitRepository, name: repo}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: tools, namespace: argocd}
            spec:
              project: default
              source: {repoURL: "https://example.com/repo.git", path: tools}
              destination: {server: "https://kubernetes.default.svc", namespace: tools}
            """,
        "apps/a/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n",
        "apps/b/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n",
        "tools/x.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n",
        "tools/y.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n",
        "tools/sub/z.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n",
    }
    write_files(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})
    res = lint(tmp_path, select=["duplicate-object"])
    got = sorted((f.path, f.line, f.related[-1].path, f.related[-1].line) for f in res.findings)
    assert got == [
        ("apps/b/cm.yaml", 3, "clusters/prod/sync.yaml", 6),
        ("tools/y.yaml", 3, "clusters/prod/sync.yaml", 14),
    ]


def test_two_whole_objects_are_still_duplicates(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": WHOLE, "k8s/web2.yaml": WHOLE.replace("1.27", "1.28"), ".github/workflows/d.yml": APPLY})
    assert [r for r, _ in rule_paths(lint(tmp_path, select=RULES))] == ["duplicate-object"]  # the workflow applies k8s/ as a whole
