"""ocelot-invalid-rate-limit: A route enables rate limiting with an empty or malformed Period
or a Limit of zero or less; Ocelot refuses to start."""
from __future__ import annotations

import re

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


_PERIOD = re.compile(r"^\d+(\.\d+)?(ms|s|m|h|d)")  # RouteFluentValidator.IsValidPeriod (prefix match)


@check("ocelot-invalid-rate-limit", on="ocelot")
def rate_limits(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(config_root(unit)):
        rl = route.iget("RateLimitOptions")
        if not isinstance(rl, LMap) or S.as_bool(rl.iget("EnableRateLimiting")) is not True:
            continue
        where = f"{sect}[{i}].RateLimitOptions"
        pk = rl.ikey("Period")
        period = S.sget(rl, "Period")
        if not period or not str(period).strip():
            ctx.report(
                rl.value_span(pk) if pk is not None else rl.key_span(rl.ikey("EnableRateLimiting")),
                f"{where} enables rate limiting without a Period: Ocelot's start-up validation "
                "rejects it ('RateLimitOptions.Period is empty'); set a period such as \"1s\", "
                "\"5m\" or \"1h\"",
                context="rate:period-empty",
            )
        elif not _PERIOD.match(str(period).strip()):
            ctx.report(
                rl.value_span(pk),
                f"{where}.Period {period!r} is not a number followed by ms, s, m, h or d: Ocelot's "
                "start-up validation rejects it; write it like \"1s\", \"10m\" or \"1d\" "
                "(lower-case unit)",
                context="rate:period-invalid",
            )
        lk = rl.ikey("Limit")
        limit = S.as_int(rl.get(lk)) if lk is not None else None
        if lk is not None and limit is not None and limit <= 0:
            ctx.report(
                rl.value_span(lk),
                f"{where}.Limit is {limit}: Ocelot rejects a zero or negative limit ('Limit is "
                "negative or zero'), and older versions reject every request; set the number of "
                "requests allowed per Period",
                context="rate:limit",
            )
