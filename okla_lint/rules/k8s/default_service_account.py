"""`default-service-account`: A pod runs as the default service account with its token mounted."""
from __future__ import annotations

from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.workloads import is_whole


@check("default-service-account", on="pod")
def default_sa(ctx, pod: PodSpec) -> None:
    if not is_whole(ctx, pod.obj):
        return
    name = pod.spec.get("serviceAccountName", pod.spec.get("serviceAccount"))
    if name not in (None, "default"):
        return
    if pod.spec.get("automountServiceAccountToken") is False:
        return  # the token is not mounted: the account grants nothing to the pod
    key = "serviceAccountName" if "serviceAccountName" in pod.spec else ("serviceAccount" if "serviceAccount" in pod.spec else None)
    span = pod.spec.value_span(key) if key else pod.obj.metadata.value_span("name")
    ctx.report(
        "default-service-account",
        span,
        f"{pod.obj.ident} runs as the namespace's default service account with its token mounted",
        context=f"{pod.obj.ident}:default-sa",
        once="default-sa",
    )
