"""What `resources-missing` reports (a container sets no cpu request, memory request or memory
limit): exact rule, path, line and column."""
from __future__ import annotations

from k8s_containers_util import line_of, workload
from helpers import lint, locs, triples, write_files


def test_resources_missing_limitrange_namespaces_and_require_param(tmp_path):
    lr = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: d, namespace: a}\nspec:\n  limits:\n    - type: Container\n      default: {cpu: 500m, memory: 256Mi}\n"
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: NS}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n  ephemeralContainers:\n    - name: e\n      image: nginx:1.27\n"
    write_files(tmp_path, {"lr.yaml": lr, "a.yaml": pod.replace("NS", "a"), "b.yaml": pod.replace("NS", "b")})
    res = lint(tmp_path, select=["resources-missing"])
    assert locs(res) == ["b.yaml:6:7"]
    res = lint(tmp_path, select=["resources-missing"], params={"resources-missing": {"require": ["cpu-limit"]}})
    assert locs(res) == ["b.yaml:6:7"]


def test_resources_missing_checks_sidecars_not_init_containers(tmp_path):
    spec = """
    initContainers:
      - {name: migrate, image: "busybox:1.36"}
      - {name: proxy, image: "envoyproxy/envoy:v1.31.0", restartPolicy: Always}
    containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 32Mi}}
    """
    text = workload("Deployment", spec)
    write_files(tmp_path, {"w.yaml": text})
    line, col = line_of(text, "{name: proxy")
    assert locs(lint(tmp_path, select=["resources-missing"])) == [f"w.yaml:{line}:{col + 1}"]


def test_pod_level_resources_satisfy_resources_missing(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  resources: {requests: {cpu: 500m, memory: 256Mi}, limits: {memory: 512Mi}}
  containers:
    - name: a
      image: nginx:1.27
    - name: b
      image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  containers:
    - name: a
      image: nginx:1.27
      resources: {requests: {cpu: 100m}}
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=["resources-missing"])) == [("resources-missing", "p.yaml:19:7")]
