"""ocelot-invalid-http-version: DownstreamHttpVersion or DownstreamHttpVersionPolicy has a
value Ocelot's validator rejects."""
from __future__ import annotations

import re

from ...core.files import FileUnit
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root, suggest_key


_HTTP_VERSION = re.compile(r"^[0-9]([.,][0-9])?$")


_VERSION_POLICIES = ("RequestVersionExact", "RequestVersionOrHigher", "RequestVersionOrLower")


@check("ocelot-invalid-http-version", on="ocelot")
def http_versions(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(config_root(unit)):
        k = route.ikey("DownstreamHttpVersion")
        v = S.sget(route, "DownstreamHttpVersion")
        if k is not None and v and not _HTTP_VERSION.match(str(v)):
            ctx.report(
                route.value_span(k),
                f"{sect}[{i}].DownstreamHttpVersion {v!r} is not a version such as \"1.1\", \"2.0\" "
                "or \"3\": Ocelot's start-up validation rejects it (^[0-9]([.,][0-9])?$); write "
                "the bare version number",
                context="http-version",
            )
        k = route.ikey("DownstreamHttpVersionPolicy")
        v = S.sget(route, "DownstreamHttpVersionPolicy")
        if k is not None and v and v not in _VERSION_POLICIES:
            version = VV.gateway_version(ctx, unit)
            reads = version.at_least(VV.HTTP_VERSION_POLICY) if version is not None else None
            if reads is False:
                continue  # not read before 23.3: ocelot-unknown-key says so
            who = (
                f"the gateway's {version.label} rejects it at start-up"
                if reads
                else "Ocelot's start-up validation rejects it (23.3 and later, the versions that read the key)"
            )
            guess = suggest_key(str(v), list(_VERSION_POLICIES))
            ctx.report(
                route.value_span(k),
                f"{sect}[{i}].DownstreamHttpVersionPolicy {v!r} is not one of "
                f"{', '.join(_VERSION_POLICIES)} (case-sensitive): {who}"
                f"{f'; did you mean {guess!r}?' if guess else ''}",
                context="http-version-policy",
            )
