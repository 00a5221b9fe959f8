"""`priority-class-missing`: A workload sets no priorityClassName."""
from __future__ import annotations

from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.workloads import is_long_running


@check("priority-class-missing", on="pod")
def priority_class(ctx, pod: PodSpec) -> None:
    if not is_long_running(ctx, pod) or "priorityClassName" in pod.spec:
        return
    ctx.report(
        "priority-class-missing",
        pod.obj.metadata.value_span("name"),
        f"{pod.obj.ident} sets no priorityClassName: under resource pressure it is preempted like any other pod",
        context=f"{pod.obj.ident}:priority",
        once="priority",
    )
