"""ocelot-missing-downstream-scheme: A static route has no DownstreamScheme, so Ocelot forwards
with the scheme of the incoming request."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


@check("ocelot-missing-downstream-scheme", on="ocelot")
def downstream_scheme(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(config_root(unit)):
        if S.sget(route, "ServiceName"):
            continue
        k = route.ikey("DownstreamScheme")
        v = S.sget(route, "DownstreamScheme")
        if v and str(v).strip():
            continue
        ctx.report(
            route.value_span(k) if k is not None else route.span,
            f"{S.route_label(route, i, sect)} has {'an empty' if k is not None else 'no'} "
            "DownstreamScheme: Ocelot then reuses the scheme of the incoming request, so a "
            "gateway behind TLS calls the service with https (or ws/wss for websockets) and "
            "fails; GlobalConfiguration.DownstreamScheme does not apply to static routes. Set "
            "\"DownstreamScheme\": \"http\" (or https) on the route",
            context="no-scheme",
        )
