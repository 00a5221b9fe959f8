"""Review: k8s-schema reports values the API server's validation rejects (closed value sets
are case-sensitive; a quoted number is a port name without a letter)."""
from __future__ import annotations

from helpers import lint, triples, write_files

DEP = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  strategy: {type: rollingUpdate}
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      restartPolicy: always
      initContainers:
        - {name: i, image: "busybox:1.36", imagePullPolicy: ifNotPresent}
      containers:
        - name: c
          image: nginx:1.27
          imagePullPolicy: Always
          ports: [{containerPort: 80, protocol: udp}]
"""


def test_enums_in_every_place(tmp_path):
    write_files(tmp_path, {"d.yaml": DEP})
    assert triples(lint(tmp_path, select=["k8s-schema"])) == [
        ("k8s-schema", "d.yaml:10:22"),
        ("k8s-schema", "d.yaml:12:61"),
        ("k8s-schema", "d.yaml:17:49"),
        ("k8s-schema", "d.yaml:5:20"),
    ]


def test_custom_resources_and_valid_values_are_left_alone(tmp_path):
    rollout = DEP.replace("apps/v1", "argoproj.io/v1alpha1").replace("Deployment", "Rollout")
    ok = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n"
        "  selector: {app: d}\n  ports: [{port: 80, targetPort: http, protocol: UDP}, {port: 81, targetPort: 8081}]\n"
    )
    write_files(tmp_path, {"r.yaml": rollout, "s.yaml": ok})
    assert triples(lint(tmp_path, select=["k8s-schema"])) == []
