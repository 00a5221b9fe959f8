"""What `duplicate-object-in-folder` and `duplicate-object` report (two files in one folder
define the same object, so applying the folder keeps only the later one; the same object is
defined twice in files that are applied together): exact rule, path, line and column."""
from __future__ import annotations

from helpers import lint, locs, triples, write_files


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
