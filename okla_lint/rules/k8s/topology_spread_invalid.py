"""`topology-spread-invalid`: A topologySpreadConstraint the API server rejects (maxSkew 0,
unknown whenUnsatisfiable, duplicate key).

The API server refuses the whole object (pkg/apis/core/validation,
pkg/apis/apps|batch/validation), so nothing of it is deployed.
"""
from __future__ import annotations

from ...core.located import LSeq, iter_maps
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.podutil import is_int
from ...lib.k8s.names import checkable


@check("topology-spread-invalid", on="pod")
def topology_spread(ctx, pod: PodSpec) -> None:
    seq = pod.spec.get("topologySpreadConstraints")
    if not isinstance(seq, LSeq):
        return
    seen: dict[tuple, int] = {}
    ident = pod.obj.ident
    for i, tsc in iter_maps(seq):
        skew = tsc.get("maxSkew")
        if is_int(skew) and skew < 1:
            ctx.report(
                tsc.value_span("maxSkew"),
                f"maxSkew {skew} of {ident} is rejected by the API server: it must be greater than zero",
                context=f"{ident}:tsc[{i}].maxSkew",
                once=f"tsc[{i}].maxSkew",
            )
        when = tsc.get("whenUnsatisfiable")
        if checkable(when) and when not in ("DoNotSchedule", "ScheduleAnyway"):
            ctx.report(
                tsc.value_span("whenUnsatisfiable"),
                f"whenUnsatisfiable {when!r} of {ident} is rejected by the API server: use DoNotSchedule or ScheduleAnyway",
                context=f"{ident}:tsc[{i}].when",
                once=f"tsc[{i}].when",
            )
        min_domains = tsc.get("minDomains")
        if is_int(min_domains) and min_domains < 1:
            ctx.report(
                tsc.value_span("minDomains"),
                f"minDomains {min_domains} of {ident} is rejected by the API server: it must be greater than zero",
                context=f"{ident}:tsc[{i}].minDomains",
                once=f"tsc[{i}].minDomains",
            )
        elif min_domains is not None and when == "ScheduleAnyway":
            ctx.report(
                tsc.value_span("minDomains"),
                f"minDomains of {ident} is rejected by the API server with whenUnsatisfiable: ScheduleAnyway; it applies only to DoNotSchedule",
                context=f"{ident}:tsc[{i}].minDomains-anyway",
                once=f"tsc[{i}].minDomains-anyway",
            )
        key = (tsc.get("topologyKey"), when)
        if all(checkable(k) for k in key):
            if key in seen:
                ctx.report(
                    tsc.value_span("topologyKey"),
                    f"{ident} has two topologySpreadConstraints for topologyKey {key[0]!r} and {key[1]}: the API server rejects the duplicate pair",
                    related=[(pod.obj.file, seq[seen[key]].value_span("topologyKey"), "first constraint")],
                    context=f"{ident}:tsc-dup:{key}",
                    once=f"tsc-dup:{key}",
                )
            else:
                seen[key] = i
