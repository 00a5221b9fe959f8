"""What several Kubernetes rule test files of this folder share (they came from
test_k8s_wiring.py): ``WORKLOAD_TEMPLATES``, ``run``, ``obj``, ``DEP``."""
from __future__ import annotations

import textwrap

from helpers import lint, write_files


WORKLOAD_TEMPLATES = {
    "Deployment": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "StatefulSet": ("apps/v1", "spec:\n  serviceName: s\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "DaemonSet": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "ReplicaSet": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "ReplicationController": ("v1", "spec:\n  selector: {app: x}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "Job": ("batch/v1", "spec:\n  manualSelector: true\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {restartPolicy: Never, containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "Rollout": ("argoproj.io/v1alpha1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
}


def run(tmp_path, files, rules):
    files = {k: textwrap.dedent(v) if isinstance(v, str) else v for k, v in files.items()}
    write_files(tmp_path, files)
    res = lint(tmp_path, select=rules)
    assert not res.internal_errors, res.internal_errors
    out = []
    for f in res.findings:
        raw = (tmp_path / f.path).read_bytes().decode("utf-8").splitlines()[f.line - 1]
        out.append((f.rule, f.path, f.line, raw[f.col - 1 :].split(",")[0].split("}")[0].strip()))
    return sorted(out)


def obj(kind: str, name: str, body: str, api: str | None = None) -> str:
    api = api or WORKLOAD_TEMPLATES[kind][0]
    return f"apiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}}}\n{body}"


DEP = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
"""
