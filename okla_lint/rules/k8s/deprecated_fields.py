"""Pod fields that still work under an old name."""
from __future__ import annotations

from ...core.model import PodSpec
from ...core.registry import check


@check("service-account-field-deprecated", on="pod")
def service_account_field(ctx, pod: PodSpec) -> None:
    if "serviceAccount" not in pod.spec:
        return
    ctx.report(
        pod.spec.key_span("serviceAccount"),
        f"{pod.obj.ident} uses the deprecated field serviceAccount; use serviceAccountName",
        context=f"{pod.obj.ident}:serviceAccount",
        once="serviceAccount",
    )
