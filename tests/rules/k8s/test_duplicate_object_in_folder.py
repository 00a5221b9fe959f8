"""duplicate-object-in-folder: alternatives side by side are not duplicates (issue 10,
family 11); accidental copies still are."""
from __future__ import annotations

import pytest

from helpers import lint, locs, triples, write_files

RULE = "duplicate-object-in-folder"
CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {A: '%s'}\n"


@pytest.mark.parametrize("a, b", [
    ("mandatory.yaml", "mandatory-istio.yaml"),
    ("gpu-monitor-gke.yaml", "gpu-monitor-generic.yaml"),
    ("install.yaml", "namespace-install.yaml"),
    ("install.yaml", "install-with-hydrator.yaml"),
    ("core-install.yaml", "install-with-hydrator.yaml"),
    ("service-nodeport.yaml", "local-svc.yaml"),
    ("app_dev.yml", "app_prod.yml"),
])
def test_variant_names(tmp_path, a, b):
    write_files(tmp_path, {f"k8s/{a}": CM % 1, f"k8s/{b}": CM % 2})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize("note", ["# Alternative to settings.yaml for clusters with Istio",
                                  "# Use this file instead of settings.yaml on bare metal",
                                  "# Apply only one: either this or settings.yaml"])
def test_a_comment_that_says_alternative(tmp_path, note):
    write_files(tmp_path, {"k8s/settings.yaml": CM % 1, "k8s/other.yaml": note + "\n" + CM % 2})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize("a, b", [("web.yaml", "web-v2.yaml"), ("settings.yaml", "backend.yaml"), ("a.yaml", "b.yaml")])
def test_accidental_copies_still_reported(tmp_path, a, b):
    write_files(tmp_path, {f"k8s/{a}": CM % 1, f"k8s/{b}": "# settings for the backend\n" + CM % 2})
    assert [f.rule for f in lint(tmp_path, select=[RULE]).findings] == [RULE]


# -- merged from tests/test_duplicates_in_folder.py: duplicate-object-in-folder: same-folder duplicates nothing is known to apply together.

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
"""
SVC = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n"
RULES = ["duplicate-object", "duplicate-object-in-folder"]


def test_two_files_of_one_folder(tmp_path):
    write_files(tmp_path, {"k8s/a.yaml": DEPLOY, "k8s/b.yaml": DEPLOY})
    assert triples(lint(tmp_path, select=RULES)) == [("duplicate-object-in-folder", "k8s/b.yaml:4:9")]


def test_one_finding_per_pair_of_files_with_every_object_related(tmp_path):
    both = DEPLOY + "---\n" + SVC
    write_files(tmp_path, {"k8s/a.yaml": both, "k8s/b.yaml": both})
    (f,) = lint(tmp_path, select=RULES).findings
    assert f.location() == "k8s/b.yaml:4:9" and "1 more object" in f.message
    assert [(r.path, r.line) for r in f.related] == [("k8s/a.yaml", 4), ("k8s/a.yaml", 15)]


def test_a_workflow_that_applies_the_folder_makes_it_an_error(tmp_path):
    wf = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n"
    write_files(tmp_path, {"k8s/a.yaml": DEPLOY, "k8s/b.yaml": DEPLOY, ".github/workflows/d.yml": wf})
    assert triples(lint(tmp_path, select=RULES)) == [("duplicate-object", "k8s/b.yaml:4:9")]


def test_examples_bundles_other_folders_and_namespaces_are_not_duplicates(tmp_path):
    write_files(
        tmp_path,
        {
            "examples/a.yaml": DEPLOY,
            "examples/b.yaml": DEPLOY,
            "k8s/all-in-one.yaml": DEPLOY,
            "k8s/web.yaml": DEPLOY,
            "base/web.yaml": DEPLOY,
            "prod/web.yaml": DEPLOY.replace("name: web\n", "name: web\n  namespace: prod\n", 1),
            "prod/web-default.yaml": DEPLOY,
        },
    )
    assert locs(lint(tmp_path, select=RULES)) == []
