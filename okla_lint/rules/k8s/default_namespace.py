"""`default-namespace`: An object is deployed to the `default` namespace."""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check


@check("default-namespace", on="k8s_object")
def default_namespace(ctx, obj: K8sObject) -> None:
    if obj.namespace != "default" or obj.kind in ("Namespace",):
        return
    ctx.report(
        "default-namespace",
        obj.metadata.value_span("namespace"),
        f"{obj.ident} is deployed to the default namespace",
        context=f"{obj.ident}:default-ns",
    )
