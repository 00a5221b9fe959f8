"""What `replicas-too-few` reports (a Deployment or StatefulSet runs fewer replicas than the
minimum (default 2)): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files


DEP = (
    "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  replicas: 1\n"
    "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n"
    "    spec:\n      containers: [{name: api, image: 'nginx:1.27'}]\n"
)


@pytest.mark.parametrize(
    "scaler,silenced",
    [
        ("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: shop}\nspec:\n  scaleTargetRef: {kind: Deployment, name: api}\n  maxReplicas: 3\n", True),
        ("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: other}\nspec:\n  scaleTargetRef: {kind: Deployment, name: api}\n  maxReplicas: 3\n", False),
        ("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: shop}\nspec:\n  scaleTargetRef: {kind: StatefulSet, name: api}\n  maxReplicas: 3\n", False),
        ("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: api, namespace: shop}\nspec:\n  scaleTargetRef: {name: api}\n", True),
    ],
)
def test_who_decides_the_replica_count(tmp_path, scaler, silenced):
    write_files(tmp_path, {"k8s/api.yaml": DEP, "k8s/scaler.yaml": scaler})
    assert locs(lint(tmp_path, select=["replicas-too-few"], render=False)) == ([] if silenced else ["k8s/api.yaml:5:13"])


def test_a_kustomization_replicas_entry_decides(tmp_path):
    write_files(tmp_path, {"base/api.yaml": DEP, "base/kustomization.yaml": "resources: [api.yaml]\nreplicas:\n  - {name: api, count: 3}\n"})
    assert locs(lint(tmp_path, select=["replicas-too-few"], render=False)) == []
