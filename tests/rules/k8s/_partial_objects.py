"""What several Kubernetes rule test files of this folder share (they came from
test_partial_objects.py): ``RULES``, ``WHOLE``, ``FRAGMENT``, ``APPLY``."""
from __future__ import annotations

from _workloads import workload


RULES = ["k8s-schema", "bare-pod", "duplicate-object-in-folder", "duplicate-object"]


WHOLE = workload("Deployment", 'containers: [{name: web, image: "nginx:1.27"}]\n', "web").replace("{name: web}", "{name: web, namespace: shop}", 1)


FRAGMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: web
          resources: {limits: {memory: 512Mi}}
"""


APPLY = "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -f k8s/\n"
