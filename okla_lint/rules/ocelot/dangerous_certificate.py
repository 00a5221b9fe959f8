"""ocelot-dangerous-certificate: A route accepts any downstream TLS certificate
(DangerousAcceptAnyServerCertificateValidator)."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


@check("ocelot-dangerous-certificate", on="ocelot")
def dangerous_certificate(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(config_root(unit)):
        k = route.ikey("DangerousAcceptAnyServerCertificateValidator")
        scheme = str(S.sget(route, "DownstreamScheme") or "").strip().lower()
        if scheme in ("http", "ws"):
            continue  # no TLS to the service, no certificate to validate: the flag changes nothing
        if k is not None and S.as_bool(route[k]) is True:
            ctx.report(
                route.value_span(k),
                f"{S.route_label(route, i, sect)} sets DangerousAcceptAnyServerCertificateValidator: "
                "the gateway accepts any TLS certificate from the downstream service, so anyone "
                "who can intercept that traffic can impersonate it; trust the service's CA "
                "instead (or call it over plain http inside the cluster)",
                context="dangerous-cert",
            )
