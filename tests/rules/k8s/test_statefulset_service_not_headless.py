"""What `statefulset-service-not-headless` reports (a StatefulSet's serviceName is not a
headless Service selecting its pods): exact rule, path, line and column."""
from __future__ import annotations

from k8s_wiring_util import WORKLOAD_TEMPLATES, obj
from helpers import found_tokens, lint, triples, write_files


def test_statefulset_headless_service_not_selecting_its_pods(tmp_path):
    files = {
        "db.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n  selector: {app: database}\n  ports: [{port: 5432}]\n---\n"
        + obj("StatefulSet", "db", WORKLOAD_TEMPLATES["StatefulSet"][1].replace("serviceName: s", "serviceName: db\n  replicas: 3"))
    }
    got = found_tokens(tmp_path, files, ["statefulset-service-not-headless"])
    assert got == [("statefulset-service-not-headless", "db.yaml", 13, "db")]


STS = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16.4"}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
"""


def test_statefulset_service_not_headless_replicas_omitted(tmp_path):
    write_files(tmp_path, {"db.yaml": STS})
    assert triples(lint(tmp_path, select=["statefulset-service-not-headless"])) == [
        ("statefulset-service-not-headless", "db.yaml:5:16")
    ]
    write_files(tmp_path, {"db.yaml": STS.replace("  serviceName: db\n", "  serviceName: db\n  replicas: 1\n")})
    assert triples(lint(tmp_path, select=["statefulset-service-not-headless"])) == []
    write_files(tmp_path, {"db.yaml": STS.replace("  selector: {app: db}\n  ports", "  clusterIP: None\n  selector: {app: db}\n  ports")})
    assert triples(lint(tmp_path, select=["statefulset-service-not-headless"])) == []
