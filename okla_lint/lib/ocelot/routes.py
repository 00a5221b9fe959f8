"""What a request gets from an Ocelot route: the downstream it reaches and the settings
applied on the way. Used to tell whether a route that another one shadows would behave any
differently (issue 10, family 3): a catch-all that sends the same path to the same service
with the same settings changes nothing, and reporting it helps nobody."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap, LSeq
from . import schema as S

# settings a route applies, with how to name them in a message; each is compared after
# normalising (keys lower-cased, an empty or disabled block the same as none)
_SETTINGS = (
    ("RouteClaimsRequirement", "authorization (RouteClaimsRequirement)"),
    ("RateLimitOptions", "rate limiting"),
    ("QoSOptions", "QoS (timeout and circuit breaker)"),
    ("AddHeadersToRequest", "headers added to the request"),
    ("UpstreamHeaderTransform", "upstream header transforms"),
    ("DownstreamHeaderTransform", "downstream header transforms"),
    ("AddClaimsToRequest", "claims added to the request"),
    ("AddQueriesToRequest", "query parameters added to the request"),
    ("ChangeDownstreamPathTemplate", "downstream path changes"),
    ("DownstreamHttpMethod", "the downstream HTTP method"),
    ("DownstreamHttpVersion", "the downstream HTTP version"),
    ("LoadBalancerOptions", "load balancing"),
    ("HttpHandlerOptions", "HTTP handler options"),
    ("CacheOptions", "caching"),
    ("DelegatingHandlers", "delegating handlers"),
    ("SecurityOptions", "IP allow/block lists"),
    ("DangerousAcceptAnyServerCertificateValidator", "certificate validation"),
    ("Timeout", "the timeout"),
    ("RequestIdKey", "the request id header"),
)


def _norm(v: Any) -> Any:
    if isinstance(v, LMap) or isinstance(v, dict):
        out = {str(k).lower(): _norm(x) for k, x in v.items() if not (isinstance(k, str) and k.startswith(("_", "$")))}
        return {k: x for k, x in out.items() if x not in (None, "", [], {}, False, 0)} or None
    if isinstance(v, (LSeq, list)):
        return [_norm(x) for x in v] or None
    if isinstance(v, str):
        return v.strip() or None
    if v in (False, 0):
        return None
    return v


def _setting(route: LMap, key: str) -> Any:
    if key == "CacheOptions":
        v = route.iget("CacheOptions")
        if v is None:
            v = route.iget("FileCacheOptions")
        n = _norm(v)
        return n if n and n.get("ttlseconds") else None
    v = _norm(route.iget(key))
    if key == "RateLimitOptions" and v is not None and S.as_bool(v.get("enableratelimiting")) is not True:
        return None
    if key == "DangerousAcceptAnyServerCertificateValidator":
        return True if S.as_bool(route.iget(key)) is True else None
    return v


def auth_keys(route: LMap) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(authentication schemes, allowed scopes) a route requires; ((), ()) when none."""
    a = route.iget("AuthenticationOptions")
    if not isinstance(a, LMap):
        return (), ()
    keys: list[str] = []
    one = a.iget("AuthenticationProviderKey")
    if isinstance(one, str) and one.strip():
        keys.append(one.strip())
    many = a.iget("AuthenticationProviderKeys")
    if isinstance(many, LSeq):
        keys += [str(x).strip() for x in many if isinstance(x, str) and x.strip()]
    if S.as_bool(a.iget("AllowAnonymous")) is True:
        return (), ()
    scopes = a.iget("AllowedScopes")
    sc = tuple(sorted(str(x) for x in scopes if isinstance(x, str))) if isinstance(scopes, LSeq) and keys else ()
    return tuple(sorted(set(keys))), sc


def _hosts(route: LMap) -> Any:
    svc = S.sget(route, "ServiceName")
    if svc:
        return ("service", str(svc).lower(), str(S.sget(route, "ServiceNamespace") or "").lower())
    hp = route.iget("DownstreamHostAndPorts")
    out = []
    if isinstance(hp, LSeq):
        for item in hp:
            if isinstance(item, LMap):
                out.append((str(S.sget(item, "Host") or "").lower(), str(S.sget(item, "Port") or "")))
    return ("hosts", tuple(out))


def _show_hosts(route: LMap) -> str:
    h = _hosts(route)
    if h[0] == "service":
        return f"service {h[1]!r}"
    return ", ".join(f"{host}:{port}" if port else host for host, port in h[1]) or "no host"


def downstream_for(catch_all: LMap, prefix: str, request_path: str) -> str | None:
    """The downstream path the catch-all ``prefix{rest}`` builds for ``request_path``."""
    down = catch_all.iget("DownstreamPathTemplate")
    up = catch_all.iget("UpstreamPathTemplate")
    if not isinstance(down, str) or not isinstance(up, str):
        return None
    placeholder = up[len(prefix):]
    return down.replace(placeholder, request_path[len(prefix):])


def differences(shadowed: LMap, catch_all: LMap, prefix: str) -> tuple[list[str], bool]:
    """What a request for ``shadowed``'s path gets differently from the catch-all that takes
    it (phrases for a message), and whether it skips the shadowed route's authentication."""
    out: list[str] = []
    up = shadowed.iget("UpstreamPathTemplate")
    down = shadowed.iget("DownstreamPathTemplate")
    if isinstance(up, str) and isinstance(down, str):
        # the shadowed route's placeholders stand for themselves: the same text reaches both
        got = downstream_for(catch_all, prefix, up)
        if got is not None and got != down:
            out.append(f"the downstream path {got!r} instead of {down!r}")
    if _hosts(shadowed) != _hosts(catch_all):
        out.append(f"the downstream {_show_hosts(catch_all)} instead of {_show_hosts(shadowed)}")
    sa, sb = (S.sget(shadowed, "DownstreamScheme") or "").lower(), (S.sget(catch_all, "DownstreamScheme") or "").lower()
    if sa != sb:
        out.append(f"the scheme {sb or 'of the request'!r} instead of {sa or 'of the request'!r}")
    mine, theirs = auth_keys(shadowed), auth_keys(catch_all)
    skipped = bool(mine[0]) and not theirs[0]
    if skipped:
        out.insert(0, f"no authentication although this route requires {', '.join(map(repr, mine[0]))}")
    elif not mine[0] and theirs[0]:
        out.append(f"the catch-all's authentication ({', '.join(map(repr, theirs[0]))}), which this route does not require (401 without a token)")
    elif mine != theirs:
        out.append(f"other authentication ({', '.join(map(repr, theirs[0] + theirs[1]))} instead of {', '.join(map(repr, mine[0] + mine[1]))})")
    for key, label in _SETTINGS:
        a, b = _setting(shadowed, key), _setting(catch_all, key)
        if a != b:
            out.append(("none of this route's " if b is None else "other ") + label if a is not None else f"the catch-all's {label}")
    return out, skipped
