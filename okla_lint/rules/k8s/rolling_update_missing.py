"""`rolling-update-missing`: A Deployment, StatefulSet or DaemonSet updates with Recreate or
OnDelete instead of RollingUpdate.
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder


@check("rolling-update-missing", on="k8s_object")
def strategy(ctx, obj: K8sObject) -> None:
    if obj.kind not in ("Deployment", "DaemonSet", "StatefulSet"):
        return
    key = "strategy" if obj.kind == "Deployment" else "updateStrategy"
    strat = get_path(obj.root, "spec", key)
    if not isinstance(strat, LMap) or strat.get("type") in (None, "RollingUpdate") or is_placeholder(strat.get("type")):
        return
    ctx.report(
        "rolling-update-missing",
        strat.value_span("type"),
        f"{obj.ident} updates with {key}.type {strat.get('type')}: every pod is replaced at once (Recreate) or only when deleted by hand (OnDelete), so an update means downtime",
        context=f"{obj.ident}:strategy",
    )
