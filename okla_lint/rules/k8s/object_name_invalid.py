"""`object-name-invalid`: An object's metadata.name that the API server rejects (upper case,
underscores, too long).

The API server refuses the whole object (pkg/apis/core/validation,
pkg/apis/apps|batch/validation), so nothing of it is deployed.
"""
from __future__ import annotations

from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.names import NAME_RULES
from ...lib.k8s.names import built_in, checkable


@check("object-name-invalid", on="k8s_object")
def object_name(ctx, obj: K8sObject) -> None:
    rule = NAME_RULES.get(obj.kind)
    name = obj.metadata.get("name")
    if rule is None or not checkable(name) or not built_in(obj):
        return
    errs = rule(name)
    if obj.kind == "CronJob" and len(name) > 52:
        errs.append(f"must be no more than 52 characters (it has {len(name)}; the controller appends 11 to name its Jobs)")
    if errs:
        ctx.report(
            obj.metadata.value_span("name"),
            f"{obj.kind} name {name!r} is rejected by the API server: it {'; '.join(errs)}",
            context=f"{obj.ident}:name",
        )
