"""ocelot-missing-downstream-host: A route has no ServiceName and no (or an empty)
DownstreamHostAndPorts entry; Ocelot refuses to start."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


@check("ocelot-missing-downstream-host", on="ocelot")
def downstream_hosts(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(config_root(unit)):
        if S.sget(route, "ServiceName"):
            continue
        k = route.ikey("DownstreamHostAndPorts")
        hp = route.get(k) if k is not None else None
        if hp is None or (isinstance(hp, LSeq) and not hp):
            ctx.report(
                route.value_span(k) if k is not None else route.span,
                f"{S.route_label(route, i, sect)} has no ServiceName and "
                f"{'an empty' if k is not None else 'no'} DownstreamHostAndPorts: Ocelot's start-up "
                "validation rejects it ('DownstreamHostAndPorts must be set and not empty'); add "
                "[{\"Host\": ..., \"Port\": ...}] or a ServiceName with service discovery",
                context="no-host",
            )
            continue
        if not isinstance(hp, LSeq):
            continue
        for j, item in enumerate(hp):
            if not isinstance(item, LMap):
                continue
            hk = item.ikey("Host")
            host = S.sget(item, "Host")
            if not host or not str(host).strip():
                ctx.report(
                    item.value_span(hk) if hk is not None else hp.item_span(j),
                    f"{S.route_label(route, i, sect)} DownstreamHostAndPorts[{j}] has "
                    f"{'an empty' if hk is not None else 'no'} Host: Ocelot's start-up validation "
                    "rejects it ('When not using service discovery Host must be set'); set the "
                    "downstream host name",
                    context="empty-host",
                )
