"""What Kubernetes rule tests and integration tests share (they came from
test_k8s_wiring.py): ``WORKLOAD_TEMPLATES``, ``obj``, ``DEP``."""
from __future__ import annotations

WORKLOAD_TEMPLATES = {
    "Deployment": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "StatefulSet": ("apps/v1", "spec:\n  serviceName: s\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "DaemonSet": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "ReplicaSet": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "ReplicationController": ("v1", "spec:\n  selector: {app: x}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "Job": ("batch/v1", "spec:\n  manualSelector: true\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {restartPolicy: Never, containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "Rollout": ("argoproj.io/v1alpha1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
}


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
