"""ocelot-invalid-rate-limit: A route's rate limiting has a Period or Limit that the gateway's
Ocelot rejects at start-up or fails every request on.
ocelot-rate-limit-not-applied: A route enables rate limiting, but its Limit or Period turns it
off on the gateway's Ocelot version (or, with no version known, on some versions while
others reject it).

What Ocelot does with a route's RateLimitOptions changed twice (ThreeMammals/Ocelot at each
release tag: RouteFluentValidator, RateLimitCore / RateLimiting, ClientRateLimitMiddleware /
RateLimitingMiddleware, MemoryCacheRateLimit*):

- before 23.0: only `EnableRateLimiting: true` enables it; the validator requires a Period that
  starts with `[0-9]+[smhd]` (not trimmed); each request converts the Period by its last
  character and `double.Parse` of the rest ("100ms" -> "100m": FormatException, a 500 on every
  request), stores the counter with the Period as a memory-cache expiration (a zero Period
  throws: a 500 on every request), and skips limiting when `Limit <= 0` (0 when missing);
- 23.0 to 24.0: the same, the validator trims the Period first (the request-time conversion
  does not: "10m " fails every request);
- 24.1 and later: a RateLimitOptions without EnableRateLimiting is on; the validator rejects
  `Limit <= 0` and accepts `\\d+(\\.\\d+)?(ms|s|m|h|d)` (prefix); each request parses the trimmed
  Period with its unit ("10sec": FormatException), and a zero Period is an empty counting
  window (never limited).

A finding reports what the gateway's version does; with no version known it reports only what
is a defect on every version (error when every version rejects or fails, else the warning).
"""
from __future__ import annotations

import re

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root


# eras: 0 before 23.0, 1 from 23.0 to 24.0, 2 from 24.1
BOUNDS = (VV.RATE_LIMIT_PERIOD_TRIMMED, VV.RATE_LIMIT_PERIOD_DECIMAL)
_ERA_TEXT = {
    (0,): "before 23.0",
    (1,): "23.0 to 24.0",
    (2,): "24.1 and later",
    (0, 1): "before 24.1",
    (1, 2): "23.0 and later",
    (0, 2): "before 23.0 and from 24.1",
}

_OLD_VALID = re.compile(r"[0-9]+[smhd]")  # RouteFluentValidator.IsValidPeriod before 24.1 (prefix)
_NEW_VALID = re.compile(r"\d+(\.\d+)?(ms|s|m|h|d)")  # from 24.1 (prefix)
_OLD_NUMBER = re.compile(r"\s*[0-9]+(\.[0-9]+)?\s*")  # what double.Parse takes of the rest
_NEW_PARSED = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)")  # RateLimitRule.ParseTimespan, case as validated

START, FAIL, OFF = "start", "fail", "off"
_PERIOD_FORMAT_OLD = "'RateLimitOptions.Period does not contain integer then s (second), m (minute), h (hour), d (day)'"
_PERIOD_FORMAT_NEW = "'RateLimitOptions.Period does not contain integer then ms (millisecond), s (second), m (minute), h (hour), d (day)'"


def _period_outcome(period: str, era: int, counts: bool, headers: bool) -> tuple[str, str] | None:
    """What an era does with a non-empty Period: None when it works. Before 24.1 the Period is
    converted only when requests are counted (``counts``: Limit > 0) or the rate-limit headers
    are written (``headers``)."""
    if era < 2:
        shown = period.strip() if era == 1 else period
        if not _OLD_VALID.match(shown):
            return START, f"rejects the configuration at start-up ({_PERIOD_FORMAT_OLD})"
        value, unit = period[:-1], period[-1:]
        if not counts and not headers:
            return None
        if unit not in "smhd" or not _OLD_NUMBER.fullmatch(value):
            return FAIL, (
                f"accepts it at start-up, then fails every request on the route with 500 (it takes "
                f"the last character as the unit and {value!r} as the number, which does not parse)"
                if unit in "smhd"
                else f"accepts it at start-up, then fails every request on the route with 500 "
                f"({unit!r} is no unit it converts)"
            )
        if float(value) == 0 and counts:
            return FAIL, (
                "fails every request on the route with 500 (a zero Period is a zero expiration "
                "of the request counter, which the memory cache rejects)"
            )
        return None
    p = period.strip()
    if not _NEW_VALID.match(p):
        return START, f"rejects the configuration at start-up ({_PERIOD_FORMAT_NEW})"
    m = _NEW_PARSED.fullmatch(p)
    if not m:
        return FAIL, (
            f"accepts it at start-up, then fails every request on the route with 500 (it cannot "
            f"convert {p!r} to a time span)"
        )
    if float(m.group(1)) == 0:
        return OFF, "never limits the route (a zero Period is an empty counting window)"
    return None


def _limit_outcome(limit: int | None, present: bool, era: int) -> tuple[str, str] | None:
    if era < 2:
        if not present:
            return OFF, "never limits the route (a route without Limit has 0, and 0 turns limiting off)"
        if limit is not None and limit <= 0:
            return OFF, "never limits the route (a Limit of 0 or less turns limiting off)"
        return None
    if present and limit is not None and limit <= 0:
        return START, "rejects the configuration at start-up ('RateLimitOptions.Limit is negative or zero')"
    return None


def _headers_disabled(root: LMap) -> bool:
    """GlobalConfiguration.RateLimitOptions.DisableRateLimitHeaders (before 24.1 only the
    global options hold it)."""
    g = root.iget("GlobalConfiguration")
    g = g.iget("RateLimitOptions") if isinstance(g, LMap) else None
    return isinstance(g, LMap) and S.as_bool(g.iget("DisableRateLimitHeaders")) is True


def _enabled(rl: LMap, era: int) -> bool | None:
    k = rl.ikey("EnableRateLimiting")
    if k is None:
        return era >= 2  # bool? from 24.1: null is on; a bool (false) before
    return S.as_bool(rl[k])


def _report(ctx, version, eras: list[int], outcomes: dict[int, tuple[str, str] | None], span, subject: str, fix: str, context: str) -> None:
    if any(outcomes[e] is None for e in eras):
        return  # works on some version the gateway may run: nothing holds for every version
    kinds = {outcomes[e][0] for e in eras}
    rule = "ocelot-invalid-rate-limit" if kinds <= {START, FAIL} else "ocelot-rate-limit-not-applied"
    if len(kinds) == 1:
        outcomes = {e: outcomes[eras[-1]] for e in eras}  # one effect: the newest version's words
    groups: list[tuple[list[int], tuple[str, str]]] = []
    for e in eras:
        if groups and groups[-1][1] == outcomes[e]:
            groups[-1][0].append(e)
        else:
            groups.append(([e], outcomes[e]))
    if version is not None and len(groups) == 1:
        why = f"the gateway's {version.label} {groups[0][1][1]}"
    elif len(groups) == 1 and len(eras) == len(BOUNDS) + 1:
        why = f"every Ocelot version {groups[0][1][1]}"
    else:
        why = ", and ".join(f"Ocelot {_ERA_TEXT[tuple(es)]} {o[1]}" for es, o in groups)
        if version is not None:
            why += f" (the gateway runs {version.label})"
    ctx.report(rule, span, f"{subject}: {why}; {fix}", context=context)


@check("ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied", on="ocelot")
def rate_limits(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    if not isinstance(root, LMap):
        return
    version = None
    for i, route, sect in S.routes(root):
        rk = route.ikey("RateLimitOptions")
        rl = route.get(rk) if rk is not None else None
        if not isinstance(rl, LMap):
            continue
        if version is None:
            version = VV.gateway_version(ctx, unit) or False
        v = version or None
        eras = VV.eras(v, BOUNDS)
        if not all(_enabled(rl, e) is True for e in eras):
            continue  # off on a version the gateway may run (before 24.1 without EnableRateLimiting)
        where = f"{sect}[{i}].RateLimitOptions"
        ek = rl.ikey("EnableRateLimiting")
        pk = rl.ikey("Period")
        period = S.sget(rl, "Period")
        if not isinstance(period, str) or not period.strip():
            span = rl.value_span(pk) if pk is not None else (rl.key_span(ek) if ek is not None else route.key_span(rk))
            outcomes = {e: (START, "rejects the configuration at start-up ('RateLimitOptions.Period is empty')") for e in eras}
            _report(ctx, v, eras, outcomes, span, f"{where} enables rate limiting without a Period",
                    'set a period such as "1s", "5m" or "1h"', "rate:period-empty")
        else:
            counts = S.as_int(rl.iget("Limit")) is not None and S.as_int(rl.iget("Limit")) > 0
            headers = not _headers_disabled(root)
            outcomes = {e: _period_outcome(period, e, counts, headers) for e in eras}
            zero = any(o is not None and "zero Period" in o[1] for o in outcomes.values())
            _report(ctx, v, eras, outcomes, rl.value_span(pk), f"{where}.Period {period!r}",
                    "set a period longer than 0" if zero else 'write it like "1s", "10m" or "1d" (a whole number and a lower-case unit)',
                    "rate:period-invalid")
        lk = rl.ikey("Limit")
        limit = S.as_int(rl.get(lk)) if lk is not None else None
        if lk is not None and limit is None:
            continue  # not a number: ocelot-wrong-type
        outcomes = {e: _limit_outcome(limit, lk is not None, e) for e in eras}
        span = rl.value_span(lk) if lk is not None else (rl.key_span(ek) if ek is not None else route.key_span(rk))
        subject = f"{where}.Limit is {limit}" if lk is not None else f"{where} enables rate limiting without a Limit"
        _report(ctx, v, eras, outcomes, span, subject,
                "set the number of requests allowed per Period (1 or more), or set EnableRateLimiting to false",
                "rate:limit")
