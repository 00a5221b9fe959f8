"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

import pytest

from helpers import lint, write_files


RULES = ["service-selector-no-match", "pdb-selector-no-match", "networkpolicy-selector-no-match"]


NEIGHBOUR = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: adapter, namespace: monitoring}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: adapter, app.kubernetes.io/part-of: kp}}
  template:
    metadata: {labels: {app.kubernetes.io/name: adapter, app.kubernetes.io/part-of: kp}}
    spec:
      containers: [{name: a, image: "adapter:1"}]
"""


CRS = {
    "prometheus": """\
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  podMetadata:
    labels:
      app.kubernetes.io/name: prometheus
      app.kubernetes.io/part-of: kp
""",
    "alertmanager-flow": """\
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: {name: main, namespace: monitoring}
spec: {replicas: 3, podMetadata: {labels: {app.kubernetes.io/name: prometheus, app.kubernetes.io/part-of: kp}}}
""",
    "rollout-template": """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r, namespace: monitoring}
spec:
  template:
    metadata:
      labels: {app.kubernetes.io/name: prometheus}
    spec:
      containers: [{name: r, image: "r:1"}]
""",
    # Argo Rollouts: an experiment step's template gets its own labels (the Rollout's
    # template has others); ephemeral canary/preview metadata adds labels to the pods
    "rollout-experiment-step": """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r, namespace: monitoring}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: production}}
  template:
    metadata:
      labels: {app.kubernetes.io/name: production}
    spec:
      containers: [{name: r, image: "r:1"}]
  strategy:
    canary:
      steps:
        - setWeight: 20
        - experiment:
            duration: 1h
            templates:
              - name: preview
                specRef: canary
                selector:
                  matchLabels: {app.kubernetes.io/name: prometheus}
                metadata:
                  labels:
                    app.kubernetes.io/name: prometheus
""",
    "rollout-canary-metadata-flow": """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r, namespace: monitoring}
spec:
  template: {metadata: {labels: {app.kubernetes.io/name: production}}, spec: {containers: [{name: r, image: "r:1"}]}}
  strategy: {canary: {canaryMetadata: {labels: {app.kubernetes.io/part-of: kp}}, stableMetadata: {labels: {role: stable}}}}
""",
    "rollout-bluegreen-preview-metadata": """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r, namespace: monitoring}
spec:
  template:
    metadata:
      labels: {app: r}
    spec:
      containers: [{name: r, image: "r:1"}]
  strategy:
    blueGreen:
      activeService: r
      previewMetadata:
        labels:
          app.kubernetes.io/name: prometheus
""",
    "nested-podTemplate": """\
apiVersion: example.com/v1
kind: Cluster
metadata: {name: c}
spec:
  nodes:
    - podTemplate:
        metadata:
          labels: {app.kubernetes.io/name: prometheus}
""",
}


SELECTORS = """\
apiVersion: v1
kind: Service
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  selector: {app.kubernetes.io/name: prometheus, app.kubernetes.io/part-of: kp}
  ports: [{port: 9090}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  minAvailable: 1
  selector: {matchLabels: {app.kubernetes.io/name: prometheus, app.kubernetes.io/part-of: kp}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: prometheus-k8s, namespace: monitoring}
spec:
  podSelector: {matchLabels: {app.kubernetes.io/name: prometheus, app.kubernetes.io/part-of: kp}}
  policyTypes: [Ingress]
"""


def test_without_the_custom_resource_all_three_are_reported(tmp_path):
    write_files(tmp_path, {"m/adapter.yaml": NEIGHBOUR, "m/sel.yaml": SELECTORS})
    assert sorted(f.rule for f in lint(tmp_path, select=RULES).findings) == sorted(RULES)


@pytest.mark.parametrize("cr", sorted(CRS))
def test_pods_of_a_custom_resource_are_possible_targets(tmp_path, cr):
    write_files(tmp_path, {"m/adapter.yaml": NEIGHBOUR, "m/sel.yaml": SELECTORS, "m/cr.yaml": CRS[cr]})
    assert lint(tmp_path, select=RULES).findings == []


def test_a_contradicting_label_or_another_namespace_is_still_reported(tmp_path):
    other = CRS["prometheus"].replace("app.kubernetes.io/part-of: kp", "app.kubernetes.io/part-of: other")
    write_files(tmp_path, {"m/adapter.yaml": NEIGHBOUR, "m/sel.yaml": SELECTORS, "m/cr.yaml": other})
    assert len(lint(tmp_path, select=RULES).findings) == 3
    elsewhere = CRS["prometheus"].replace("namespace: monitoring", "namespace: other")
    write_files(tmp_path, {"m/cr.yaml": elsewhere})
    assert len(lint(tmp_path, select=RULES).findings) == 3


def test_a_builtin_kind_is_not_an_operator_resource(tmp_path):
    # a PodTemplate (core/v1) describes no running pods
    pt = ("apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t, namespace: monitoring}\n"
          "template:\n  metadata: {labels: {app.kubernetes.io/name: prometheus}}\n  spec: {containers: [{name: a, image: 'a:1'}]}\n")
    write_files(tmp_path, {"m/adapter.yaml": NEIGHBOUR, "m/sel.yaml": SELECTORS, "m/pt.yaml": pt})
    assert len(lint(tmp_path, select=RULES).findings) == 3
