"""What `hpa-target-missing` reports (a HorizontalPodAutoscaler's scaleTargetRef names a
workload the repository does not define): exact rule, path, line and column."""
from __future__ import annotations

from k8s_wiring_util import WORKLOAD_TEMPLATES, obj
from helpers import lint, write_files


def test_hpa_kind_mismatch_hint(tmp_path):
    files = {
        "k8s/a.yaml": obj("StatefulSet", "q", WORKLOAD_TEMPLATES["StatefulSet"][1]) + "---\n"
        + obj("Deployment", "api", WORKLOAD_TEMPLATES["Deployment"][1]),
        "k8s/hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: q}\n"
        "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: q}\n  maxReplicas: 3\n",
    }
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["hpa-target-missing"])
    assert [(f.path, f.line, f.col) for f in res.findings] == [("k8s/hpa.yaml", 5, 65)]
    assert "StatefulSet named 'q'" in res.findings[0].message
