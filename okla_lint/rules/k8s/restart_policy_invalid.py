"""`restart-policy-invalid`: A restartPolicy the workload kind does not allow (Never in a
Deployment, Always or none in a Job).

The API server refuses the whole object (pkg/apis/core/validation,
pkg/apis/apps|batch/validation), so nothing of it is deployed.
"""
from __future__ import annotations

from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_patch_obj
from ...lib.k8s.names import built_in, checkable


WORKLOAD_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController")


JOB_KINDS = ("Job", "CronJob")


@check("restart-policy-invalid", on="pod")
def restart_policy(ctx, pod: PodSpec) -> None:
    kind = pod.obj.kind
    policy = pod.spec.get("restartPolicy")
    if policy is None and "restartPolicy" not in pod.spec and kind in JOB_KINDS and built_in(pod.obj):
        # the pod template defaults to Always, which a Job refuses
        if pod.template is None or "spec" not in pod.template or is_patch_obj(ctx.model, pod.obj):
            return
        ctx.report(
            pod.template.key_span("spec"),
            f"the pod template of {pod.obj.ident} sets no restartPolicy, so it defaults to 'Always', which the API "
            f"server rejects for a {kind} (`spec.template.spec.restartPolicy: Unsupported value: \"Always\"`); "
            "set `restartPolicy: OnFailure` (retry in the same pod) or `Never` (a new pod per retry)",
            context=f"{pod.obj.ident}:restartPolicy:missing",
            once="restartPolicy:missing",
        )
        return
    if not checkable(policy):
        return
    if kind in WORKLOAD_KINDS:
        allowed = ("Always",)
    elif kind in JOB_KINDS:
        allowed = ("OnFailure", "Never")
    elif kind == "Pod":
        allowed = ("Always", "OnFailure", "Never")
    else:
        return
    if policy in allowed:
        return
    ctx.report(
        pod.spec.value_span("restartPolicy"),
        f"restartPolicy {policy!r} of {pod.obj.ident} is rejected by the API server: a {kind} supports only {' or '.join(allowed)}",
        context=f"{pod.obj.ident}:restartPolicy",
        once="restartPolicy",
    )
