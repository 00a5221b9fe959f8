"""Shared by the k8s rule tests: a pod spec wrapped in every workload kind."""
from __future__ import annotations

KINDS = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"]


def _indent(text: str, n: int) -> str:
    return "\n".join((" " * n + line) if line else line for line in text.splitlines())


def workload(kind: str, spec: str, name: str = "x") -> str:
    """A manifest of ``kind`` whose pod spec is ``spec`` (YAML at column 0)."""
    api = {"Pod": "v1", "ReplicationController": "v1", "Job": "batch/v1", "CronJob": "batch/v1"}.get(kind, "apps/v1")
    head = f"apiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}}}\n"
    if kind == "Pod":
        return head + "spec:\n" + _indent(spec, 2) + "\n"
    tmpl = "template:\n  metadata: {labels: {app: %s}}\n  spec:\n%s\n" % (name, _indent(spec, 4))
    if kind == "CronJob":
        return head + "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n" + _indent(tmpl, 6) + "\n"
    sel = "" if kind in ("Job", "ReplicationController") else f"  selector: {{matchLabels: {{app: {name}}}}}\n"
    return head + "spec:\n" + sel + _indent(tmpl, 2) + "\n"
