"""What Kubernetes rule tests and integration tests share (they came from
test_containers.py): ``indent``, ``WORKLOADS``, ``workload``, ``line_of``."""
from __future__ import annotations

import textwrap


def indent(text: str, n: int) -> str:
    return textwrap.indent(textwrap.dedent(text).strip("\n"), " " * n)


# every workload kind, with the pod spec at its place; {spec} is indented by the caller
WORKLOADS = {
    "Pod": ("v1", "spec:\n{spec}", 2),
    "Deployment": (
        "apps/v1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "StatefulSet": (
        "apps/v1",
        "spec:\n  serviceName: x\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "DaemonSet": (
        "apps/v1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "ReplicaSet": (
        "apps/v1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "Job": ("batch/v1", "spec:\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n{spec}", 6),
    "CronJob": (
        "batch/v1",
        "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n{spec}",
        10,
    ),
    "Rollout": (
        "argoproj.io/v1alpha1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
}


def workload(kind: str, spec: str) -> str:
    api, body, n = WORKLOADS[kind]
    return f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: x\n" + body.format(spec=indent(spec, n)) + "\n"


def line_of(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, col) of the nth occurrence of needle."""
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col
