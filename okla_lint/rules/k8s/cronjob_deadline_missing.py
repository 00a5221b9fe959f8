"""`cronjob-deadline-missing`: A CronJob that runs at least hourly sets no
startingDeadlineSeconds.
"""
from __future__ import annotations

from ...core.located import LMap
from ...core.model import K8sObject
from ...core.registry import check
from ...lib.k8s.workloads import is_whole


def _fires_hourly_or_more(schedule) -> bool:
    """At least once an hour: @hourly, or an hour field of * or */n (with any minute)."""
    if not isinstance(schedule, str):
        return False
    s = schedule.strip()
    if s.startswith("@"):
        return s in ("@hourly", "@every")
    fields = s.split()
    if len(fields) == 6 and fields[0].startswith("TZ="):
        fields = fields[1:]
    return len(fields) == 5 and (fields[1] == "*" or fields[1].startswith("*/"))


@check("cronjob-deadline-missing", on="k8s_object")
def cronjob_deadline(ctx, obj: K8sObject) -> None:
    if obj.kind != "CronJob" or not is_whole(ctx, obj):
        return
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap) or "startingDeadlineSeconds" in spec or not _fires_hourly_or_more(spec.get("schedule")):
        return
    ctx.report(
        "cronjob-deadline-missing",
        spec.value_span("schedule"),
        f"CronJob {obj.name!r} runs at least hourly and sets no startingDeadlineSeconds: after more than 100 missed schedules the controller refuses to start it",
        context=f"{obj.ident}:deadline",
    )
