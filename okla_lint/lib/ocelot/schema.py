"""The Ocelot configuration schema: every key Ocelot has understood from 16.0 to 24.x and the
development branch (the union, so that a valid key of any supported version is never
reported), the legacy ``ReRoute*`` names, removed keys and deprecated keys with their
replacements, and helpers to walk a configuration.

Sources: ``ThreeMammals/Ocelot`` ``src/Ocelot/Configuration/File/*.cs`` (FileRoute,
FileRouteBase, FileDynamicRoute, FileAggregateRoute, AggregateRouteConfig,
FileGlobalConfiguration, FileQoSOptions, FileRateLimitRule/ByHeaderRule/Options,
FileCacheOptions, FileHttpHandlerOptions, FileAuthenticationOptions,
FileLoadBalancerOptions, FileServiceDiscoveryProvider, FileHostAndPort,
FileSecurityOptions, FileMetadataOptions) and ``docs/features/configuration.rst``.

Ocelot binds the configuration with the ASP.NET configuration binder (and Newtonsoft for the
merged file): property names are case-insensitive, unknown properties are ignored and
scalars are converted from strings (``"Port": "8000"`` works).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from ...core.located import LMap, LSeq, Span

# value types
STR, INT, NUM, BOOL = "str", "int", "num", "bool"
STRLIST = "list[str]"  # a JSON array of scalars
DICT = "dict"  # free-form map of scalars (header names, claims, metadata): keys not checked
ANY = "any"  # not checked


def _obj(name: str) -> str:
    return "obj:" + name


def _list(name: str) -> str:
    return "list:" + name


# object name -> {Key: type}. Keys as Ocelot spells them (matching is case-insensitive).
_AUTH = {
    "AuthenticationProviderKey": STR,
    "AuthenticationProviderKeys": STRLIST,
    "AllowedScopes": STRLIST,
    "AllowAnonymous": BOOL,
    "RequiredRole": STRLIST,
    "ScopeKey": STR,
    "RoleKey": STR,
    "PolicyName": STR,
    "RouteKeys": STRLIST,
}
_CACHE = {"TtlSeconds": INT, "Region": STR, "Header": STR, "EnableContentHashing": BOOL, "RouteKeys": STRLIST}
_QOS = {
    "ExceptionsAllowedBeforeBreaking": INT,
    "DurationOfBreak": INT,
    "TimeoutValue": INT,
    "FailureRatio": NUM,
    "SamplingDuration": INT,
    "MinimumThroughput": INT,
    "BreakDuration": INT,
    "Timeout": INT,
    "RouteKeys": STRLIST,
}
_RATE = {
    "EnableRateLimiting": BOOL,
    "ClientWhitelist": STRLIST,
    "ClientIdHeader": STR,
    "Limit": INT,
    "Period": STR,
    "PeriodTimespan": NUM,
    "Wait": STR,
    "StatusCode": INT,
    "HttpStatusCode": INT,
    "QuotaMessage": STR,
    "QuotaExceededMessage": STR,
    "KeyPrefix": STR,
    "RateLimitCounterPrefix": STR,
    "EnableHeaders": BOOL,
    "DisableRateLimitHeaders": BOOL,
    "RouteKeys": STRLIST,
}
_HTTP = {
    "AllowAutoRedirect": BOOL,
    "UseCookieContainer": BOOL,
    "UseTracing": BOOL,
    "UseProxy": BOOL,
    "MaxConnectionsPerServer": INT,
    "PooledConnectionLifetimeSeconds": INT,
    "UseDefaultCredentials": BOOL,
    "RouteKeys": STRLIST,
}
_LB = {"Type": STR, "Key": STR, "Expiry": INT, "RouteKeys": STRLIST}
_SD = {
    "Scheme": STR,
    "Host": STR,
    "Port": INT,
    "Type": STR,
    "Token": STR,
    "ConfigurationKey": STR,
    "PollingInterval": INT,
    "Namespace": STR,
}
_HOSTPORT = {"Host": STR, "Port": INT}
_SECURITY = {"IPAllowedList": STRLIST, "IPBlockedList": STRLIST, "ExcludeAllowedFromBlocked": BOOL}
_METAOPTS = {
    "CurrentCulture": STR,
    "NumberStyle": STR,
    "Separators": STRLIST,
    "StringSplitOption": STR,
    "TrimChars": STRLIST,
    "Metadata": DICT,
}
_AGGCONF = {"RouteKey": STR, "Parameter": STR, "JsonPath": STR}
_WEBSOCKET = {"BufferSize": INT}

# FileRouteBase: shared by static and dynamic routes
_ROUTE_BASE = {
    "AuthenticationOptions": _obj("AuthenticationOptions"),
    "CacheOptions": _obj("CacheOptions"),
    "DownstreamHttpVersion": STR,
    "DownstreamHttpVersionPolicy": STR,
    "DownstreamScheme": STR,
    "HttpHandlerOptions": _obj("HttpHandlerOptions"),
    "Key": STR,
    "LoadBalancerOptions": _obj("LoadBalancerOptions"),
    "Metadata": DICT,
    "QoSOptions": _obj("QoSOptions"),
    "RateLimitOptions": _obj("RateLimitOptions"),
    "RateLimiting": ANY,
    "ServiceName": STR,
    "ServiceNamespace": STR,
    "Timeout": INT,
    "WebSocket": _obj("WebSocket"),
}
_ROUTE = dict(
    _ROUTE_BASE,
    AddClaimsToRequest=DICT,
    AddHeadersToRequest=DICT,
    AddQueriesToRequest=DICT,
    ChangeDownstreamPathTemplate=DICT,
    ConnectionClose=BOOL,
    DangerousAcceptAnyServerCertificateValidator=BOOL,
    DelegatingHandlers=STRLIST,
    DownstreamHeaderTransform=DICT,
    DownstreamHostAndPorts=_list("DownstreamHostAndPorts"),
    DownstreamHttpMethod=STR,
    DownstreamPathTemplate=STR,
    FileCacheOptions=_obj("CacheOptions"),
    Priority=INT,
    RequestIdKey=STR,
    RouteClaimsRequirement=DICT,
    RouteIsCaseSensitive=BOOL,
    SecurityOptions=_obj("SecurityOptions"),
    UpstreamHeaderTemplates=DICT,
    UpstreamHeaderTransform=DICT,
    UpstreamHeaderRoutingOptions=ANY,
    UpstreamHost=STR,
    UpstreamHttpMethod=STRLIST,
    UpstreamPathTemplate=STR,
)
_DYNAMIC = dict(_ROUTE_BASE, RateLimitRule=_obj("RateLimitOptions"))
_AGGREGATE = {
    "Aggregator": STR,
    "Priority": INT,
    "RouteIsCaseSensitive": BOOL,
    "RouteKeys": STRLIST,
    "RouteKeysConfig": _list("AggregateRouteConfig"),
    "UpstreamHeaderTemplates": DICT,
    "UpstreamHost": STR,
    "UpstreamHttpMethod": STRLIST,
    "UpstreamPathTemplate": STR,
}
_GLOBAL = {
    "AuthenticationOptions": _obj("AuthenticationOptions"),
    "BaseUrl": STR,
    "CacheOptions": _obj("CacheOptions"),
    "ConnectionClose": BOOL,
    "DownstreamHeaderTransform": DICT,
    "DownstreamHttpVersion": STR,
    "DownstreamHttpVersionPolicy": STR,
    "DownstreamScheme": STR,
    "HttpHandlerOptions": _obj("HttpHandlerOptions"),
    "LoadBalancerOptions": _obj("LoadBalancerOptions"),
    "Metadata": DICT,
    "MetadataOptions": _obj("MetadataOptions"),
    "QoSOptions": _obj("QoSOptions"),
    "RateLimitOptions": _obj("RateLimitOptions"),
    "RateLimiting": ANY,
    "RequestIdKey": STR,
    "SecurityOptions": _obj("SecurityOptions"),
    "ServiceDiscoveryProvider": _obj("ServiceDiscoveryProvider"),
    "Timeout": INT,
    "UpstreamHeaderTransform": DICT,
    "WebSocket": _obj("WebSocket"),
}

OBJECTS: dict[str, dict[str, str]] = {
    "Route": _ROUTE,
    "DynamicRoute": _DYNAMIC,
    "Aggregate": _AGGREGATE,
    "GlobalConfiguration": _GLOBAL,
    "AuthenticationOptions": _AUTH,
    "CacheOptions": _CACHE,
    "QoSOptions": _QOS,
    "RateLimitOptions": _RATE,
    "HttpHandlerOptions": _HTTP,
    "LoadBalancerOptions": _LB,
    "ServiceDiscoveryProvider": _SD,
    "DownstreamHostAndPorts": _HOSTPORT,
    "SecurityOptions": _SECURITY,
    "MetadataOptions": _METAOPTS,
    "AggregateRouteConfig": _AGGCONF,
    "WebSocket": _WEBSOCKET,
}

TOP = {"Routes": _list("Route"), "DynamicRoutes": _list("DynamicRoute"), "Aggregates": _list("Aggregate"), "GlobalConfiguration": _obj("GlobalConfiguration")}

# legacy ReRoute names: ignored since Ocelot 16.0 (PR #1239)
LEGACY: dict[str, dict[str, str]] = {
    "TOP": {"ReRoutes": "Routes", "DynamicReRoutes": "DynamicRoutes"},
    "Route": {"ReRouteIsCaseSensitive": "RouteIsCaseSensitive"},
    "Aggregate": {
        "ReRouteKeys": "RouteKeys",
        "ReRouteKeysConfig": "RouteKeysConfig",
        "ReRouteIsCaseSensitive": "RouteIsCaseSensitive",
    },
    "AggregateRouteConfig": {"ReRouteKey": "RouteKey"},
}

# keys that older Ocelot versions had and that are now ignored, with what replaced them
REMOVED: dict[str, dict[str, str]] = {
    "Route": {
        "DownstreamHost": "DownstreamHostAndPorts: [{\"Host\": ..., \"Port\": ...}]",
        "DownstreamPort": "DownstreamHostAndPorts: [{\"Host\": ..., \"Port\": ...}]",
        "LoadBalancer": "LoadBalancerOptions: {\"Type\": ...}",
        "UpstreamTemplate": "UpstreamPathTemplate",
        "UseServiceDiscovery": "ServiceName (service discovery is used when ServiceName is set)",
    },
    "GlobalConfiguration": {
        "AdministrationPath": "AddAdministration(\"/path\", secret) in Program.cs",
        "UseServiceDiscovery": "ServiceName on each route",
    },
    "AuthenticationOptions": {
        "Provider": "AuthenticationProviderKeys (register the scheme with AddAuthentication)",
        "ProviderRootUrl": "the AddJwtBearer/AddIdentityServerAuthentication options in Program.cs",
        "ApiName": "the authentication handler options in Program.cs",
        "ApiSecret": "the authentication handler options in Program.cs",
        "RequireHttps": "the authentication handler options in Program.cs",
        "ScopeName": "AllowedScopes",
        "ScopeSecret": "the authentication handler options in Program.cs",
        "AdditionalScopes": "AllowedScopes",
    },
    "ServiceDiscoveryProvider": {"Provider": "Type", "Address": "Host and Port"},
}

# keys Ocelot ignores but popular extensions read from the same objects: never reported
EXTENSION_KEYS: dict[str, dict[str, str]] = {
    "Route": {"SwaggerKey": "MMLib.SwaggerForOcelot"},
    "Aggregate": {"SwaggerKey": "MMLib.SwaggerForOcelot"},
}

# deprecated (marked [Obsolete], "will be removed in version 25.0"); still read today
DEPRECATED: dict[str, dict[str, str]] = {
    "Route": {"FileCacheOptions": "CacheOptions"},
    "DynamicRoute": {"RateLimitRule": "RateLimitOptions"},
    "AuthenticationOptions": {"AuthenticationProviderKey": "AuthenticationProviderKeys (an array)"},
    "QoSOptions": {
        "ExceptionsAllowedBeforeBreaking": "MinimumThroughput",
        "DurationOfBreak": "BreakDuration",
        "TimeoutValue": "Timeout",
    },
    "RateLimitOptions": {
        "PeriodTimespan": "Wait (a period string such as \"10s\")",
        "HttpStatusCode": "StatusCode",
        "QuotaExceededMessage": "QuotaMessage",
        "RateLimitCounterPrefix": "KeyPrefix",
        "DisableRateLimitHeaders": "EnableHeaders (with the opposite value)",
    },
}

HTTP_VERBS = ("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
DUP_PLACEHOLDER = re.compile(r"\{\w+\}")  # FileConfigurationFluentValidator.PlaceholderRegex


def lookup(schema: dict[str, str], key: Any) -> tuple[str | None, str | None]:
    """(canonical key, type) for ``key`` matched case-insensitively, or (None, None)."""
    if not isinstance(key, str):
        return None, None
    t = schema.get(key)
    if t is not None:  # as written (no table holds two keys that differ only in case)
        return key, t
    low = key.lower()
    for k, t in schema.items():
        if k.lower() == low:
            return k, t
    return None, None


def ilookup(table: dict[str, str], key: Any) -> tuple[str, str] | None:
    if not isinstance(key, str):
        return None
    v = table.get(key)
    if v is not None:  # as written (no table holds two keys that differ only in case)
        return key, v
    low = key.lower()
    for k, v in table.items():
        if k.lower() == low:
            return k, v
    return None


class Node:
    """An Ocelot object found in a configuration: its schema name, the map, where it sits."""

    __slots__ = ("kind", "node", "path", "parent", "key")

    def __init__(self, kind: str, node: LMap, path: str, parent: Any, key: Any):
        self.kind = kind
        self.node = node
        self.path = path  # e.g. Routes[3].QoSOptions
        self.parent = parent  # the container holding it
        self.key = key  # its key or index in the parent


def iter_objects(root: LMap) -> Iterator[Node]:
    """Every typed Ocelot object in a configuration (routes, options, host-and-ports...),
    including routes under the legacy ``ReRoutes`` key."""
    if not isinstance(root, LMap):
        return
    sections = dict(TOP)
    sections["ReRoutes"] = _list("Route")
    sections["DynamicReRoutes"] = _list("DynamicRoute")
    for k in list(root):
        canon, typ = lookup(sections, k)
        if canon is None:
            continue
        yield from _walk(root[k], typ, canon, root, k)


def _walk(value: Any, typ: str, path: str, parent: Any, key: Any) -> Iterator[Node]:
    if typ.startswith("obj:") and isinstance(value, LMap):
        name = typ[4:]
        yield Node(name, value, path, parent, key)
        schema = OBJECTS[name]
        for k in list(value):
            canon, t = lookup(schema, k)
            if canon is None:
                if name == "Aggregate" and isinstance(k, str) and k.lower() == "reroutekeysconfig":
                    canon, t = "ReRouteKeysConfig", _list("AggregateRouteConfig")
                else:
                    continue
            if t.startswith(("obj:", "list:")):
                yield from _walk(value[k], t, f"{path}.{canon}", value, k)
    elif typ.startswith("list:") and isinstance(value, LSeq):
        name = typ[5:]
        for i, item in enumerate(value):
            if name == "Route" and isinstance(item, LMap) and not looks_like_route(item):
                continue
            yield from _walk(item, "obj:" + name, f"{path}[{i}]", value, i)


def looks_like_route(m: LMap) -> bool:
    """A map under Routes that has at least one key an Ocelot route has ever had: other
    tools also use a top-level "Routes" array, and their entries are not Ocelot's business."""
    for k in m:
        if lookup(_ROUTE, k)[0] or ilookup(LEGACY["Route"], k) or ilookup(REMOVED["Route"], k):
            return True
    return False


def routes(root: Any) -> Iterator[tuple[int, LMap, str]]:
    """(index, route, section key as written) for static routes, under Routes or ReRoutes."""
    if not isinstance(root, LMap):
        return
    for sect in ("Routes", "ReRoutes"):
        k = root.ikey(sect)
        if k is None:
            continue
        seq = root[k]
        if isinstance(seq, LSeq):
            for i, r in enumerate(seq):
                if isinstance(r, LMap) and looks_like_route(r):
                    yield i, r, k


def aggregates(root: Any) -> Iterator[tuple[int, LMap]]:
    if not isinstance(root, LMap):
        return
    seq = root.iget("Aggregates")
    if isinstance(seq, LSeq):
        for i, a in enumerate(seq):
            if isinstance(a, LMap):
                yield i, a


def sget(m: LMap, name: str) -> Any:
    """A string-ish scalar value (the binder converts numbers to strings)."""
    v = m.iget(name)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return v


def vspan(m: LMap, name: str) -> Span:
    k = m.ikey(name)
    return m.value_span(k) if k is not None else m.span


def kspan(m: LMap, name: str) -> Span:
    k = m.ikey(name)
    return m.key_span(k) if k is not None else m.span


def as_int(v: Any) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str):
        try:
            return int(v.strip())
        except ValueError:
            return None
    return None


def as_bool(v: Any) -> bool | None:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.strip().lower() in ("true", "false"):
        return v.strip().lower() == "true"
    return None


def verbs(route: LMap) -> list[str] | None:
    """Upstream verbs, upper-cased; [] = every verb; None when not a list (wrong type)."""
    v = route.iget("UpstreamHttpMethod")
    if v is None:
        return []
    if not isinstance(v, list):
        return None
    return [str(x).strip().upper() for x in v if isinstance(x, (str, int, float)) and str(x).strip()]


def header_templates(route: LMap) -> tuple:
    h = route.iget("UpstreamHeaderTemplates")
    if not isinstance(h, dict):
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in h.items()))  # exact, as conservative as the validator


def route_label(route: LMap, index: int, section: str = "Routes") -> str:
    up = route.iget("UpstreamPathTemplate")
    key = route.iget("Key")
    label = f"{section}[{index}]"
    if isinstance(up, str):
        label += f" ({up!r})"
    elif isinstance(key, str):
        label += f" (key {key!r})"
    return label
