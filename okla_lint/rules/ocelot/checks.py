"""Per-file Ocelot checks: the schema (unknown, legacy, deprecated keys, wrong types), what
Ocelot's start-up validation rejects (FileConfigurationFluentValidator,
RouteFluentValidator, HostAndPortValidator) and the silent failure modes."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ...core.files import OCELOT_NAME, FileUnit
from ...core.located import LMap, LSeq, Span
from ...core.suggest import closest
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...core.fix import SAFE, Edit, Fix, replace_key, replace_scalar
from ...lib.ocelot import routes as R
from ...lib.ocelot import versions as VV

_PERIOD = re.compile(r"^\d+(\.\d+)?(ms|s|m|h|d)")  # RouteFluentValidator.IsValidPeriod (prefix match)
_HTTP_VERSION = re.compile(r"^[0-9]([.,][0-9])?$")
_VERSION_POLICIES = ("RequestVersionExact", "RequestVersionOrHigher", "RequestVersionOrLower")
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # an HTTP method token (RFC 9110)
_DAY_MS = 86_400_000


def _root(unit: FileUnit) -> Any:
    return unit.docs[0].root if unit.docs else None


def _suggest(key: str, candidates: list[str]) -> str | None:
    return closest(key, candidates, 0.75)


# -- schema ------------------------------------------------------------------------------


@check("ocelot-unknown-key", "ocelot-legacy-reroutes", "ocelot-deprecated-key", on="ocelot")
def schema_keys(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return
    # top level: other sections are legitimate (appsettings.json embeds Ocelot keys), so only
    # legacy names and near-misses of the four sections are reported
    for k in root:
        if not isinstance(k, str):
            continue
        hit = S.ilookup(S.LEGACY["TOP"], k)
        if hit:
            _legacy(ctx, root, k, hit[1], "top level")
            continue
        if S.lookup(S.TOP, k)[0] is not None:
            continue
        guess = _suggest(k, list(S.TOP))
        if guess and not k.startswith(("_", "$")):
            ctx.report(
                "ocelot-unknown-key",
                root.key_span(k),
                f"unknown top-level key {k!r}: Ocelot ignores it silently, so its contents are "
                f"never loaded; did you mean {guess!r}?",
                context=f"unknown:top:{k}",
            )
        else:
            _misplaced_top_level(ctx, unit, root, k)
    _schema_objects(ctx, unit, root)


def _misplaced_top_level(ctx, unit: FileUnit, root: LMap, k: str) -> bool:
    """A route or GlobalConfiguration setting (RateLimitOptions, QoSOptions...) written at the
    top level of a file named ocelot*.json: Ocelot's FileConfiguration has only the four
    sections there, and AddOcelot's merge of ocelot.*.json keeps nothing else. (In
    appsettings.json such a key may be another library's section: not reported there.)"""
    if k.startswith(("_", "$")) or not OCELOT_NAME.match(posixpath.basename(unit.rel or "")):
        return False
    in_global = S.lookup(S.OBJECTS["GlobalConfiguration"], k)[0]
    in_route = S.lookup(S.OBJECTS["Route"], k)[0]
    if not (in_global or in_route):
        return False
    where = "into GlobalConfiguration to apply it to every route" + (", or into each route" if in_route else "") if in_global else "into each route that needs it"
    ctx.report(
        "ocelot-unknown-key",
        root.key_span(k),
        f"{k!r} at the top level of {posixpath.basename(unit.rel)} is not read: Ocelot reads only "
        "Routes, DynamicRoutes, Aggregates and GlobalConfiguration at the top level (and AddOcelot's "
        f"merge of ocelot.*.json files keeps only those), so this setting has no effect; move it {where}",
        context=f"unknown:top-level-setting:{k}",
    )
    return True


def _schema_objects(ctx, unit: FileUnit, root: LMap) -> None:
    version = VV.gateway_version(ctx, unit)
    for node in S.iter_objects(root):
        table = S.OBJECTS[node.kind]
        for k in node.node:
            if not isinstance(k, str) or k.startswith(("_", "$")):
                continue
            if S.lookup(table, k)[0] is not None:
                canon = S.lookup(table, k)[0]
                if version is not None and _not_read_by(ctx, version, node, canon):
                    continue
                dep = S.ilookup(S.DEPRECATED.get(node.kind, {}), k)
                if dep:
                    _deprecated(ctx, node, k, dep[1], version)
                continue
            if S.ilookup(S.EXTENSION_KEYS.get(node.kind, {}), k):
                continue
            leg = S.ilookup(S.LEGACY.get(node.kind, {}), k)
            if leg:
                _legacy(ctx, node.node, k, leg[1], node.path)
                continue
            removed = S.ilookup(S.REMOVED.get(node.kind, {}), k)
            if removed:
                msg = (
                    f"{node.path}.{k} is not read by current Ocelot (it was removed in an early "
                    f"version) and is silently ignored; use {removed[1]} instead"
                )
            elif node.kind == "GlobalConfiguration" and S.lookup(S.OBJECTS["Route"], k)[0]:
                msg = (
                    f"{k!r} in GlobalConfiguration is a per-route setting: Ocelot has no global "
                    "equivalent and ignores it silently, so it has no effect; set it on each route"
                )
            else:
                guess = _suggest(k, list(table))
                hint = f"; did you mean {guess!r}?" if guess else f"; the keys Ocelot reads here are {_keys_hint(table)}"
                msg = (
                    f"unknown key {k!r} in {node.path}: Ocelot ignores unknown keys silently "
                    f"(keys are case-insensitive), so this setting has no effect{hint}"
                )
            ctx.report("ocelot-unknown-key", node.node.key_span(k), msg, context=f"unknown:{node.kind}:{k}")


def _not_read_by(ctx, version: VV.OcelotVersion, node: S.Node, canon: str) -> bool:
    """Report (as ocelot-unknown-key) a key of the schema that the gateway's Ocelot version
    does not read yet: a key added in a later release, or a rate-limit key on the wrong level
    before 24.1. True when reported."""
    kind, low = node.kind, canon.lower()
    since = VV.INTRODUCED.get((kind, canon))
    why = None
    if since is not None and version.at_least(since) is False:
        why = f"Ocelot reads it from {VV.fmt(since)} on"
    elif version.at_least(VV.POLLY_SUBSTITUTES) is False:
        if kind == "DynamicRoute" and low not in VV.DYNAMIC_BEFORE_24_1:
            why = "dynamic routes read it from Ocelot 24.1 on"
        elif kind == "RateLimitOptions" and isinstance(node.path, str):
            on_route = not node.path.startswith("GlobalConfiguration")
            if on_route and low in VV.GLOBAL_RATE_BEFORE_24_1:
                why = "before 24.1 Ocelot reads it only in GlobalConfiguration.RateLimitOptions"
            elif not on_route and low in VV.ROUTE_RATE_BEFORE_24_1:
                why = "before 24.1 Ocelot reads it only in each route's RateLimitOptions"
    if why is None:
        return False
    alt = _older_spelling(kind, canon)
    ctx.report(
        "ocelot-unknown-key",
        node.node.key_span(next(k for k in node.node if isinstance(k, str) and k.lower() == low)),
        f"{node.path}.{canon} is not read by the gateway's {version.label}: {why}, so this "
        f"version ignores it silently and the setting has no effect; "
        + (f"write {alt} instead, or upgrade Ocelot" if alt else "upgrade Ocelot or remove it"),
        context=f"unknown-for-version:{kind}:{canon}",
    )
    return True


def _older_spelling(kind: str, canon: str) -> str | None:
    """The deprecated key that older versions read for what ``canon`` (its replacement) sets."""
    for old, new in S.DEPRECATED.get(kind, {}).items():
        if new.split(" ", 1)[0] == canon:
            return old + (" (a string, one key)" if old == "AuthenticationProviderKey" else "")
    if kind == "Route" and canon == "CacheOptions":
        return "FileCacheOptions"
    return None


def _deprecated(ctx, node: S.Node, key: str, replacement: str, version: VV.OcelotVersion | None) -> None:
    since = VV.DEPRECATED_SINCE.get((node.kind, S.lookup(S.OBJECTS[node.kind], key)[0] or key), (24, 1, 0))
    if version is not None and version.at_least(since) is not True:
        return  # the gateway's version has no replacement yet (or may not): nothing to change
    where = f"the gateway's {version.label}" if version is not None else "every release up to 25.0"
    ctx.report(
        "ocelot-deprecated-key",
        node.node.key_span(key),
        f"{node.path}.{key} is deprecated since Ocelot {VV.fmt(since)} (marked [Obsolete]); "
        f"{where} still reads it, so nothing breaks today; use {replacement}, which Ocelot "
        f"reads from {VV.fmt(since)} on",
        context=f"deprecated:{node.kind}:{key}",
        fix=_deprecated_fix(ctx, node, key) if version is not None else None,
    )


# deprecated keys whose replacement reads the same value under a new name (checked in
# Ocelot's source: the File*Options copy constructors map one onto the other)
_PURE_RENAMES = {
    ("Route", "filecacheoptions"): "CacheOptions",
    ("QoSOptions", "exceptionsallowedbeforebreaking"): "MinimumThroughput",
    ("QoSOptions", "durationofbreak"): "BreakDuration",
    ("QoSOptions", "timeoutvalue"): "Timeout",
    ("RateLimitOptions", "httpstatuscode"): "StatusCode",
    ("RateLimitOptions", "quotaexceededmessage"): "QuotaMessage",
    ("RateLimitOptions", "ratelimitcounterprefix"): "KeyPrefix",
}


def _deprecated_fix(ctx, node: S.Node, key: str) -> Fix | None:
    """Safe once the gateway's version reads the replacement (the finding is reported only
    then): the new name for a pure rename; `"AuthenticationProviderKey": "x"` becomes
    `"AuthenticationProviderKeys": ["x"]`; `"DisableRateLimitHeaders": b` becomes
    `"EnableHeaders": !b`."""
    src = ctx.file.src if ctx.file is not None else None
    if src is None:
        return None
    low = key.lower()
    new = _PURE_RENAMES.get((node.kind, low))
    if new is not None:
        return _rename(ctx, node.node.key_span(key), key, new)
    value = node.node[key]
    vspan = node.node.value_span(key)
    if (node.kind, low) == ("AuthenticationOptions", "authenticationproviderkey") and isinstance(value, str):
        k = replace_key(src, node.node.key_span(key), key, "AuthenticationProviderKeys")
        if k is None or vspan.style != '"' or vspan.end <= vspan.start:
            return None
        edits = (k, Edit(vspan.start, vspan.start, "["), Edit(vspan.end, vspan.end, "]"))
        return Fix(SAFE, edits, f"Write \"AuthenticationProviderKeys\": [{value!r}]")
    if (node.kind, low) == ("RateLimitOptions", "disableratelimitheaders") and isinstance(value, bool):
        k = replace_key(src, node.node.key_span(key), key, "EnableHeaders")
        old_text, new_text = ("true", "false") if value else ("false", "true")
        if k is None or src.text[vspan.start : vspan.end] != old_text:
            return None
        return Fix(SAFE, (k, Edit(vspan.start, vspan.end, new_text)), f"Write \"EnableHeaders\": {new_text}")
    return None


def _keys_hint(table: dict[str, str]) -> str:
    keys = sorted(table)
    return ", ".join(keys[:8]) + (", ..." if len(keys) > 8 else "")


def _rename(ctx, span: Span, old: str, new: str) -> Fix | None:
    """The safe fix that writes ``new`` in place of the key or value ``old``."""
    src = ctx.file.src if ctx.file is not None else None
    edit = replace_key(src, span, old, new) if src is not None else None
    return Fix(SAFE, (edit,), f"Replace {old!r} with {new!r}") if edit else None


def _legacy(ctx, holder: LMap, key: str, new: str, where: str) -> None:
    ctx.report(
        "ocelot-legacy-reroutes",
        holder.key_span(key),
        f"{key!r} ({where}) is the pre-16.0 name of {new!r}: Ocelot 16.0 and later ignore it "
        f"without any error, so on a current gateway {'every route answers 404 (UnableToFindDownstreamRouteError)' if key.lower() == 'reroutes' else 'this setting has no effect'}; "
        f"rename it to {new!r}",
        context=f"legacy:{key.lower()}",
        fix=_rename(ctx, holder.key_span(key), key, new),
    )


_SCALARS = (str, int, float, bool)


def _type_problem(typ: str, v: Any) -> str | None:
    if v is None or typ == S.ANY:
        return None
    if v == "" and typ in (S.INT, S.NUM, S.BOOL):
        return None  # the binder treats an empty string as "not set"
    if typ == S.STR:
        return None if isinstance(v, _SCALARS) else "a string"
    if typ == S.INT:
        if isinstance(v, bool) or isinstance(v, (LMap, LSeq)):
            return "an integer"
        if S.as_int(v) is None:
            return "an integer"
        return None
    if typ == S.NUM:
        if isinstance(v, bool) or isinstance(v, (LMap, LSeq)):
            return "a number"
        if isinstance(v, str):
            try:
                float(v)
            except ValueError:
                return "a number"
        return None
    if typ == S.BOOL:
        return None if S.as_bool(v) is not None else "true or false"
    if typ == S.STRLIST:
        if not isinstance(v, LSeq):
            return "an array of strings"
        return None
    if typ == S.DICT:
        return None if isinstance(v, LMap) else "an object of name/value pairs"
    if typ.startswith("obj:"):
        return None if isinstance(v, LMap) else "an object"
    if typ.startswith("list:"):
        return None if isinstance(v, LSeq) else "an array of objects"
    return None


def _shown(v: Any) -> str:
    if isinstance(v, LMap):
        return "an object"
    if isinstance(v, LSeq):
        return "an array"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v)
    return str(v)


def _schema_owns(ctx, kind: str, key: str) -> bool:
    """``key`` is one that ocelot-legacy-reroutes or ocelot-unknown-key reports at this
    place (every casing of it): Ocelot ignores it whichever copy wins, so a case duplicate
    of it is not a second defect."""
    if S.ilookup(S.LEGACY.get(kind, {}), key):
        return ctx.enabled("ocelot-legacy-reroutes")
    if kind == "TOP" or key.startswith(("_", "$")):
        return False  # unknown top-level keys are other sections (appsettings.json)
    if S.lookup(S.OBJECTS[kind], key)[0] is not None or S.ilookup(S.EXTENSION_KEYS.get(kind, {}), key):
        return False
    return ctx.enabled("ocelot-unknown-key")


@check("ocelot-case-duplicate-key", on="ocelot")
def case_duplicates(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return
    holders: list[tuple[LMap, str, str]] = [(root, "the top level", "TOP")]
    holders += [(n.node, n.path, n.kind) for n in S.iter_objects(root)]
    for m, where, kind in holders:
        seen: dict[str, str] = {}
        for k in m:
            if not isinstance(k, str):
                continue
            if _schema_owns(ctx, kind, k):
                continue  # unknown or legacy: ignored either way, and that rule says so
            low = k.lower()
            if low in seen:
                if isinstance(m[k], (LMap, LSeq)) and isinstance(m[seen[low]], (LMap, LSeq)):
                    effect = (
                        "the ASP.NET configuration merges the two blocks entry by entry, so the "
                        "settings are split over two places, and an entry set in both makes a "
                        "gateway that loads the file with AddJsonFile fail at start-up; merge them "
                        "into one"
                    )
                else:
                    effect = (
                        "loaded with AddJsonFile (the usual way), ASP.NET refuses the file ('A "
                        "duplicate key ... was found') and the gateway fails at start-up, and when "
                        "AddOcelot merges ocelot.*.json files only the last value is kept; keep one"
                    )
                ctx.report(
                    "ocelot-case-duplicate-key",
                    m.key_span(k),
                    f"{k!r} and {seen[low]!r} (line {m.key_span(seen[low]).line}) in {where} are the "
                    f"same key to Ocelot, which reads keys case-insensitively: {effect}",
                    related=[(unit, m.key_span(seen[low]), "the same key, other casing")],
                    context=f"case-dup:{low}",
                )
            else:
                seen[low] = k


@check("ocelot-wrong-type", on="ocelot")
def wrong_types(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return
    for k in root:
        canon, typ = S.lookup(S.TOP, k)
        if canon is None:
            canon, typ = S.lookup({"ReRoutes": "list:Route", "DynamicReRoutes": "list:DynamicRoute"}, k)
        if canon is not None:
            _report_type(ctx, root, k, canon, typ, "")
    for node in S.iter_objects(root):
        table = S.OBJECTS[node.kind]
        for k in node.node:
            canon, typ = S.lookup(table, k)
            if canon is not None:
                _report_type(ctx, node.node, k, canon, typ, node.path + ".")
                v = node.node[k]
                if typ == S.STRLIST and isinstance(v, LSeq):
                    for i, item in enumerate(v):
                        if isinstance(item, (LMap, LSeq)):
                            ctx.report(
                                "ocelot-wrong-type",
                                v.item_span(i),
                                f"{node.path}.{canon}[{i}] is {_shown(item)} but Ocelot expects a "
                                "string here; the item is dropped or the configuration fails to load; "
                                "write each item as a string",
                                context=f"type:{node.kind}:{canon}:item",
                            )


def _report_type(ctx, holder: LMap, key: Any, canon: str, typ: str, prefix: str) -> None:
    v = holder[key]
    want = _type_problem(typ, v)
    if want is None:
        return
    if isinstance(v, (LMap, LSeq)) or typ.startswith(("obj:", "list:")) or typ in (S.STRLIST, S.DICT):
        effect = (
            "the configuration binder cannot bind a value of this shape, so the setting is "
            "dropped without an error"
            + (" (an UpstreamHttpMethod that is not an array leaves the route open to every verb)" if canon == "UpstreamHttpMethod" else "")
            + ", and Newtonsoft (used when AddOcelot merges ocelot.*.json files) fails on it"
        )
    else:
        effect = "Ocelot cannot convert it and the gateway fails at start-up"
    ctx.report(
        "ocelot-wrong-type",
        holder.value_span(key),
        f"{prefix}{canon} is {_shown(v)} but Ocelot expects {want}; {effect}; write it as {want}",
        context=f"type:{prefix}{canon}",
    )


# -- start-up validation ------------------------------------------------------------------


@check("ocelot-invalid-path-template", "ocelot-duplicate-placeholder", on="ocelot")
def path_templates(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    for i, route, sect in S.routes(root):
        for name in ("UpstreamPathTemplate", "DownstreamPathTemplate"):
            k = route.ikey(name)
            v = route.get(k) if k is not None else None
            where = f"{sect}[{i}].{name}"
            if v is None or (isinstance(v, str) and not v):
                span = route.value_span(k) if k is not None else route.span
                ctx.report(
                    "ocelot-invalid-path-template",
                    span,
                    f"{where} is {'empty' if k is not None else 'missing'}: Ocelot's start-up "
                    f"validation rejects the configuration ('{name} cannot be empty'); set a path "
                    "that starts with '/'",
                    context=f"path:{name}:empty",
                )
                continue
            if not isinstance(v, str):
                continue
            _check_template(ctx, route, k, v, where, name)
            _dup_placeholders(ctx, route, k, v, where)


def _check_template(ctx, route: LMap, k: str, v: str, where: str, name: str) -> None:
    span = route.value_span(k)
    for scheme in ("https://", "http://"):
        pos = v.find(scheme)
        if pos != -1:
            ctx.report(
                "ocelot-invalid-path-template",
                ctx.sub_span(span, v, pos, pos + len(scheme)),
                f"{where} {v!r} contains a scheme: Ocelot's start-up validation rejects it "
                f"('contains scheme'); put only the path here and the scheme/host in "
                f"{'DownstreamScheme and DownstreamHostAndPorts' if name.startswith('Down') else 'UpstreamHost'}",
                context=f"path:{name}:scheme",
            )
            return
    if not v.startswith("/"):
        ctx.report(
            "ocelot-invalid-path-template",
            span,
            f"{where} {v!r} does not start with '/': Ocelot's start-up validation rejects the "
            f"configuration ('doesnt start with forward slash'); write '/{v}'",
            context=f"path:{name}:slash",
        )
    pos = v.find("//")
    if pos != -1:
        ctx.report(
            "ocelot-invalid-path-template",
            ctx.sub_span(span, v, pos, pos + 2),
            f"{where} {v!r} contains '//': Ocelot's start-up validation rejects the configuration "
            "('contains double forward slash'); remove the extra '/'",
            context=f"path:{name}:double",
        )


def _dup_placeholders(ctx, route: LMap, k: str, v: str, where: str) -> None:
    seen: set[str] = set()
    for m in S.DUP_PLACEHOLDER.finditer(v):
        if m.group(0) in seen:
            ctx.report(
                "ocelot-duplicate-placeholder",
                ctx.sub_span(route.value_span(k), v, m.start(), m.end()),
                f"{where} {v!r} uses the placeholder {m.group(0)} twice: Ocelot (23.x and later) "
                "rejects the configuration at start-up ('has duplicated placeholder'); give each "
                "placeholder its own name",
                context=f"dup-placeholder:{m.group(0)}",
            )
        seen.add(m.group(0))


@check("ocelot-missing-downstream-host", on="ocelot")
def downstream_hosts(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(_root(unit)):
        if S.sget(route, "ServiceName"):
            continue
        k = route.ikey("DownstreamHostAndPorts")
        hp = route.get(k) if k is not None else None
        if hp is None or (isinstance(hp, LSeq) and not hp):
            ctx.report(
                "ocelot-missing-downstream-host",
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
                    "ocelot-missing-downstream-host",
                    item.value_span(hk) if hk is not None else hp.item_span(j),
                    f"{S.route_label(route, i, sect)} DownstreamHostAndPorts[{j}] has "
                    f"{'an empty' if hk is not None else 'no'} Host: Ocelot's start-up validation "
                    "rejects it ('When not using service discovery Host must be set'); set the "
                    "downstream host name",
                    context="empty-host",
                )


def _identity(m: LMap) -> tuple:
    up = m.iget("UpstreamPathTemplate")
    host = S.sget(m, "UpstreamHost") or ""
    return (up, host, S.header_templates(m))


def overlap(a: list[str], b: list[str]) -> set[str] | None:
    """Verbs two routes share; {'*'} when one accepts every verb; None when disjoint."""
    if not a or not b:
        return {"*"}
    common = set(a) & set(b)
    return common or None


@check("ocelot-duplicate-route", on="ocelot")
def duplicate_routes(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    seen: dict[tuple, list[tuple[int, LMap, str]]] = {}
    for i, route, sect in S.routes(root):
        ident = _identity(route)
        if not isinstance(ident[0], str) or not ident[0]:
            continue
        vs = S.verbs(route)
        if vs is None:
            continue
        for j, other, osect in seen.get(ident, []):
            shared = overlap(S.verbs(other) or [], vs)
            if shared:
                ctx.report(
                    "ocelot-duplicate-route",
                    S.vspan(route, "UpstreamPathTemplate"),
                    f"{sect}[{i}] duplicates {osect}[{j}] (line {S.vspan(other, 'UpstreamPathTemplate').line}): "
                    f"same UpstreamPathTemplate {ident[0]!r}"
                    + (f", UpstreamHost {ident[1]!r}" if ident[1] else "")
                    + f" and overlapping verbs ({_verbs_text(shared)}); Ocelot's start-up "
                    "validation rejects the configuration ('route ... has duplicate'); merge the "
                    "two routes or give them disjoint UpstreamHttpMethod lists",
                    related=[(unit, S.vspan(other, "UpstreamPathTemplate"), "the first route")],
                    context=f"dup-route:{ident[0]}:{ident[1]}",
                )
                break
        seen.setdefault(ident, []).append((i, route, sect))
    # aggregates: against each other, and routes that answer GET on an aggregate's path
    agg_seen: dict[tuple, int] = {}
    for i, agg in S.aggregates(root):
        up = agg.iget("UpstreamPathTemplate")
        if not isinstance(up, str):
            continue
        key = (up, S.sget(agg, "UpstreamHost") or "")
        if key in agg_seen:
            ctx.report(
                "ocelot-duplicate-route",
                S.vspan(agg, "UpstreamPathTemplate"),
                f"Aggregates[{i}] has the same UpstreamPathTemplate {up!r} and UpstreamHost as "
                f"Aggregates[{agg_seen[key]}]: Ocelot's start-up validation rejects the "
                "configuration ('has duplicate aggregate'); remove or rename one",
                context=f"dup-aggregate:{up}",
            )
        agg_seen.setdefault(key, i)
        for j, route, sect in S.routes(root):
            if route.iget("UpstreamPathTemplate") == up and (S.sget(route, "UpstreamHost") or "") == key[1]:
                if "GET" in (S.verbs(route) or []):
                    ctx.report(
                        "ocelot-duplicate-route",
                        S.vspan(route, "UpstreamPathTemplate"),
                        f"{sect}[{j}] answers GET on {up!r}, the path of Aggregates[{i}]: Ocelot's "
                        "start-up validation rejects the configuration ('has duplicate "
                        "aggregate'); change the route's or the aggregate's UpstreamPathTemplate",
                        related=[(unit, S.vspan(agg, "UpstreamPathTemplate"), "the aggregate")],
                        context=f"dup-route-aggregate:{up}",
                    )


def _verbs_text(shared: set[str]) -> str:
    return "every verb" if "*" in shared else ", ".join(sorted(shared))


@check("ocelot-invalid-rate-limit", on="ocelot")
def rate_limits(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(_root(unit)):
        rl = route.iget("RateLimitOptions")
        if not isinstance(rl, LMap) or S.as_bool(rl.iget("EnableRateLimiting")) is not True:
            continue
        where = f"{sect}[{i}].RateLimitOptions"
        pk = rl.ikey("Period")
        period = S.sget(rl, "Period")
        if not period or not str(period).strip():
            ctx.report(
                "ocelot-invalid-rate-limit",
                rl.value_span(pk) if pk is not None else rl.key_span(rl.ikey("EnableRateLimiting")),
                f"{where} enables rate limiting without a Period: Ocelot's start-up validation "
                "rejects it ('RateLimitOptions.Period is empty'); set a period such as \"1s\", "
                "\"5m\" or \"1h\"",
                context="rate:period-empty",
            )
        elif not _PERIOD.match(str(period).strip()):
            ctx.report(
                "ocelot-invalid-rate-limit",
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
                "ocelot-invalid-rate-limit",
                rl.value_span(lk),
                f"{where}.Limit is {limit}: Ocelot rejects a zero or negative limit ('Limit is "
                "negative or zero'), and older versions reject every request; set the number of "
                "requests allowed per Period",
                context="rate:limit",
            )


@check("ocelot-invalid-http-version", on="ocelot")
def http_versions(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(_root(unit)):
        k = route.ikey("DownstreamHttpVersion")
        v = S.sget(route, "DownstreamHttpVersion")
        if k is not None and v and not _HTTP_VERSION.match(str(v)):
            ctx.report(
                "ocelot-invalid-http-version",
                route.value_span(k),
                f"{sect}[{i}].DownstreamHttpVersion {v!r} is not a version such as \"1.1\", \"2.0\" "
                "or \"3\": Ocelot's start-up validation rejects it (^[0-9]([.,][0-9])?$); write "
                "the bare version number",
                context="http-version",
            )
        k = route.ikey("DownstreamHttpVersionPolicy")
        v = S.sget(route, "DownstreamHttpVersionPolicy")
        if k is not None and v and v not in _VERSION_POLICIES:
            guess = _suggest(str(v), list(_VERSION_POLICIES))
            ctx.report(
                "ocelot-invalid-http-version",
                route.value_span(k),
                f"{sect}[{i}].DownstreamHttpVersionPolicy {v!r} is not one of "
                f"{', '.join(_VERSION_POLICIES)} (case-sensitive): Ocelot's start-up validation "
                f"rejects it{f'; did you mean {guess!r}?' if guess else ''}",
                context="http-version-policy",
            )


# -- silent failures ------------------------------------------------------------------------


@check("ocelot-missing-downstream-scheme", on="ocelot")
def downstream_scheme(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(_root(unit)):
        if S.sget(route, "ServiceName"):
            continue
        k = route.ikey("DownstreamScheme")
        v = S.sget(route, "DownstreamScheme")
        if v and str(v).strip():
            continue
        ctx.report(
            "ocelot-missing-downstream-scheme",
            route.value_span(k) if k is not None else route.span,
            f"{S.route_label(route, i, sect)} has {'an empty' if k is not None else 'no'} "
            "DownstreamScheme: Ocelot then reuses the scheme of the incoming request, so a "
            "gateway behind TLS calls the service with https (or ws/wss for websockets) and "
            "fails; GlobalConfiguration.DownstreamScheme does not apply to static routes. Set "
            "\"DownstreamScheme\": \"http\" (or https) on the route",
            context="no-scheme",
        )


def _names(template: str) -> list[tuple[str, int, int]]:
    return [(m.group(1), m.start(), m.end()) for m in S.PLACEHOLDER.finditer(template)]


@check("ocelot-placeholder-mismatch", on="ocelot")
def placeholder_mismatch(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(_root(unit)):
        up = route.iget("UpstreamPathTemplate")
        dk = route.ikey("DownstreamPathTemplate")
        down = route.get(dk) if dk is not None else None
        if not isinstance(up, str) or not isinstance(down, str):
            continue
        if route.iget("DelegatingHandlers"):
            continue  # handlers may fill placeholders themselves (Ocelot#2031)
        captured = {n for n, _, _ in _names(up)}
        fed: set[str] = set()
        change = route.iget("ChangeDownstreamPathTemplate")
        if isinstance(change, LMap):
            fed |= {str(k).strip("{}") for k in change}
        headers = route.iget("UpstreamHeaderTemplates")
        if isinstance(headers, LMap):
            for hv in headers.values():
                for n, _, _ in _names(str(hv)):
                    fed.add(n.split(":", 1)[1] if n.lower().startswith("header:") else n)
        reported: set[str] = set()
        for name, s, e in _names(down):
            if name in captured or name in fed or name.lower().startswith("header:") or name in reported:
                continue
            reported.add(name)
            near = [c for c in captured if c.lower() == name.lower()]
            hint = (
                f" (the upstream template has {{{near[0]}}}: placeholder names are case-sensitive)"
                if near
                else ""
            )
            ctx.report(
                "ocelot-placeholder-mismatch",
                ctx.sub_span(route.value_span(dk), down, s, e),
                f"{sect}[{i}].DownstreamPathTemplate uses {{{name}}}, which "
                f"UpstreamPathTemplate {up!r} does not capture{hint}: Ocelot sends the literal "
                f"text {{{name}}} to the service; capture it upstream or remove it",
                context=f"placeholder:{name}",
            )


def _catch_all_prefix(up: str) -> str | None:
    """'/api/' for '/api/{everything}': a template whose only placeholder is last and follows
    a '/' (Ocelot turns it into '.+', which matches the rest of any path)."""
    if "?" in up or not up.endswith("}"):
        return None
    start = up.rfind("{")
    if start <= 0 or up[start - 1] != "/" or "{" in up[:start] or "}" in up[:start]:
        return None
    return up[:start]


def _priority(route: LMap, up: str) -> int:
    if _catch_all_prefix(up) == "/":
        return 0  # Ocelot forces /{everything} to priority 0
    p = S.as_int(route.iget("Priority"))
    return 1 if p is None else p


@check("ocelot-catch-all-shadowing", on="ocelot")
def catch_all_shadowing(ctx, unit: FileUnit) -> None:
    rs = [(i, r, sect) for i, r, sect in S.routes(_root(unit)) if isinstance(r.iget("UpstreamPathTemplate"), str)]
    # only catch-all routes can shadow, and only those whose prefix (which ends with '/')
    # starts this route's template: index them by lower-cased prefix, look up each '/'-ended
    # prefix of the route (O(routes x depth), not O(routes^2))
    by_prefix: dict[str, list[tuple]] = {}
    for ai, (j, a, asect) in enumerate(rs):
        aup = a.iget("UpstreamPathTemplate")
        prefix = _catch_all_prefix(aup)
        if prefix is not None:
            by_prefix.setdefault(prefix.lower(), []).append((ai, j, a, asect, aup, prefix))
    if not by_prefix:
        return
    for bi, (i, b, bsect) in enumerate(rs):
        bup = b.iget("UpstreamPathTemplate")
        if "?" in bup:
            continue
        bprio = _priority(b, bup)
        # Ocelot tries routes by descending Priority, in file order within one Priority
        # (DownstreamRouteFinder: a stable OrderByDescending), so a catch-all wins when it
        # comes first with the same Priority or has a higher one wherever it is
        low = bup.lower()
        catch_alls = sorted(
            (e for k in range(len(low)) if low[k] == "/" for e in by_prefix.get(low[: k + 1], ())),
            key=lambda e: e[0],
        )
        for ai, j, a, asect, aup, prefix in catch_alls:
            if ai == bi or aup == bup:
                continue
            sensitive = S.as_bool(a.iget("RouteIsCaseSensitive")) is True
            if not (bup.startswith(prefix) if sensitive else bup.lower().startswith(prefix.lower())):
                continue
            if len(bup) <= len(prefix) or _catch_all_prefix(bup) == prefix:
                continue
            aprio = _priority(a, aup)
            if aprio < bprio or (aprio == bprio and ai > bi):
                continue
            # a route with an UpstreamHost beats host-less ones whatever the order
            if (S.sget(a, "UpstreamHost") or "").lower() != (S.sget(b, "UpstreamHost") or "").lower():
                continue
            if S.header_templates(a) and S.header_templates(a) != S.header_templates(b):
                continue
            shared = overlap(S.verbs(a) or [], S.verbs(b) or [])
            if not shared:
                continue
            diffs, skipped = R.differences(b, a, prefix)
            if not diffs:
                break  # the catch-all sends the request to the same place with the same settings
            shown = "; ".join(diffs[:4]) + (f"; and {len(diffs) - 4} more difference{'s' if len(diffs) > 5 else ''}" if len(diffs) > 4 else "")
            ctx.report(
                "ocelot-catch-all-shadowing",
                S.vspan(b, "UpstreamPathTemplate"),
                f"{bsect}[{i}] {bup!r} is never reached for {_verbs_text(shared)}: "
                f"{asect}[{j}] {aup!r} (line {S.vspan(a, 'UpstreamPathTemplate').line}) "
                + ("comes first with the same or a higher Priority" if ai < bi else f"has a higher Priority ({aprio} > {bprio})")
                + f" and its trailing placeholder {aup[len(prefix):]} matches the rest of the path, "
                "slashes included (Ocelot tries routes by Priority, then in file order, and uses the "
                f"first match), so these requests get {shown}"
                + (": anyone can call what this route protects" if skipped else "")
                + f"; give this route a higher \"Priority\" (for example {max(aprio, bprio) + 1}) or move "
                "the catch-all last with \"Priority\": 0",
                related=[(unit, S.vspan(a, "UpstreamPathTemplate"), "the catch-all route")],
                context=f"shadow:{aup}:{bup}",
            )
            break


def _qos_issues(q: LMap, version: VV.OcelotVersion) -> list[tuple[Any, str]]:
    """What the gateway's Ocelot version does with out-of-range QoS values (Ocelot.Provider.
    Polly at each release): 24.1 and later substitute a default and log a warning; 23.3 to
    24.0 substitute a short break silently, add the breaker only from 2 failures on, and let
    Polly v8 reject a timeout outside 10 ms..1 day; 23.2 hands every value to Polly v8, which
    rejects what is out of range; 23.1 and older (Polly v7) use the values as written."""
    out: list[tuple[Any, str]] = []

    def num(*names: str):
        for name in names:
            k = q.ikey(name)
            if k is None:
                continue
            v = q[k]
            if isinstance(v, bool):
                return k, None
            try:
                return k, float(v)
            except (TypeError, ValueError):
                return k, None
        return None, None

    fails = "Polly v8 rejects the options when the route's resilience pipeline is built, so every request on this route fails with an error"
    if version.at_least(VV.POLLY_SUBSTITUTES):
        ek, eab = num("MinimumThroughput", "ExceptionsAllowedBeforeBreaking")
        bk, brk = num("BreakDuration", "DurationOfBreak")
        tk, tmo = num("Timeout", "TimeoutValue")
        sk, smp = num("SamplingDuration")
        fk, frt = num("FailureRatio")
        then = "instead and only logs a warning"
        cb_on = eab is not None and eab > 0
        if cb_on and eab < 2:
            out.append((ek, f"{ek} = {eab:g} is below Polly's minimum of 2, so Ocelot uses 100 failures {then}"))
        if cb_on and brk is not None and brk != 0 and not (500 < brk < _DAY_MS):
            out.append((bk, f"{bk} = {brk:g} ms is outside the range Ocelot accepts (more than 500 ms and less than a day), so Ocelot breaks for 5000 ms {then}"))
        if cb_on and smp is not None and smp != 0 and not (500 < smp < _DAY_MS):
            out.append((sk, f"{sk} = {smp:g} ms is outside the range Ocelot accepts (more than 500 ms and less than a day), so Ocelot samples 30000 ms {then}"))
        if cb_on and frt is not None and frt != 0 and not (0 < frt < 1):
            out.append((fk, f"{fk} = {frt:g} is outside the range Ocelot accepts (more than 0 and less than 1), so Ocelot uses 0.1 {then}"))
        if tmo is not None and tmo > 0 and not (10 < tmo < _DAY_MS):
            out.append((tk, f"{tk} = {tmo:g} ms is outside the range Ocelot accepts (more than 10 ms and less than a day), so Ocelot times out after 30000 ms {then}"))
        return out
    guards = version.at_least(VV.POLLY_GUARDS)
    v8 = version.at_least(VV.POLLY_V8)
    if v8 is not True or guards is None:
        return out  # Polly v7 uses the values as written; or the range straddles 23.2/23.3
    ek, eab = num("ExceptionsAllowedBeforeBreaking")
    bk, brk = num("DurationOfBreak")
    tk, tmo = num("TimeoutValue")
    if tmo is not None and tmo > 0 and (tmo < 10 or tmo > _DAY_MS):
        out.append((tk, f"{tk} = {tmo:g} ms is outside Polly's range (10 ms to a day): {fails}"))
    if eab is None or eab <= 0:
        return out
    if guards:
        if eab < 2:
            out.append((ek, f"{ek} = {eab:g}: this version adds the circuit breaker only from 2 failures on, so the route has no circuit breaker at all"))
        elif brk is not None and brk != 0 and brk <= 500:
            out.append((bk, f"{bk} = {brk:g} ms is not more than 500 ms, so this version breaks for 5000 ms instead, without any log"))
        elif brk is not None and brk > _DAY_MS:
            out.append((bk, f"{bk} = {brk:g} ms is more than a day: {fails}"))
        return out
    if eab < 2:
        out.append((ek, f"{ek} = {eab:g} is below Polly's minimum of 2: {fails}"))
    if brk is not None and brk != 0 and (brk < 500 or brk > _DAY_MS):
        out.append((bk, f"{bk} = {brk:g} ms is outside Polly's range (500 ms to a day): {fails}"))
    return out


@check("ocelot-qos-value-replaced", on="ocelot")
def qos_values(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return
    version = VV.gateway_version(ctx, unit)
    if version is None:
        return  # Polly v7 (Ocelot 23.1 and older) uses any value as written: nothing holds for every version
    for node in S.iter_objects(root):
        if node.kind != "QoSOptions":
            continue
        for k, why in _qos_issues(node.node, version):
            ctx.report(
                "ocelot-qos-value-replaced",
                node.node.value_span(k),
                f"{node.path}.{why} (the gateway runs {version.label}); set a value inside the range",
                context=f"qos:{k}",
            )


@check("ocelot-dangerous-certificate", on="ocelot")
def dangerous_certificate(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(_root(unit)):
        k = route.ikey("DangerousAcceptAnyServerCertificateValidator")
        scheme = str(S.sget(route, "DownstreamScheme") or "").strip().lower()
        if scheme in ("http", "ws"):
            continue  # no TLS to the service, no certificate to validate: the flag changes nothing
        if k is not None and S.as_bool(route[k]) is True:
            ctx.report(
                "ocelot-dangerous-certificate",
                route.value_span(k),
                f"{S.route_label(route, i, sect)} sets DangerousAcceptAnyServerCertificateValidator: "
                "the gateway accepts any TLS certificate from the downstream service, so anyone "
                "who can intercept that traffic can impersonate it; trust the service's CA "
                "instead (or call it over plain http inside the cluster)",
                context="dangerous-cert",
            )


@check("ocelot-invalid-http-verb", on="ocelot")
def http_verbs(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    items: list[tuple[LMap, str]] = [(r, f"{s}[{i}]") for i, r, s in S.routes(root)]
    items += [(a, f"Aggregates[{i}]") for i, a in S.aggregates(root)]
    for m, where in items:
        seq = m.iget("UpstreamHttpMethod")
        if isinstance(seq, LSeq):
            for j, v in enumerate(seq):
                if isinstance(v, str):
                    _verb(ctx, v, seq.item_span(j), f"{where}.UpstreamHttpMethod[{j}]")
        k = m.ikey("DownstreamHttpMethod")
        if k is not None and isinstance(m[k], str) and m[k].strip():
            _verb(ctx, m[k], m.value_span(k), f"{where}.DownstreamHttpMethod")


def _osa(a: str, b: str) -> int:
    """Edit distance counting an adjacent transposition as one edit (GTE -> GET)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def _verb(ctx, v: str, span: Span, where: str) -> None:
    t = v.strip()
    if t.upper() in S.HTTP_VERBS:
        return
    if not _TOKEN.match(t):
        parts = [p for p in re.split(r"[\s,;|]+", t) if p]
        split = all(p.upper() in S.HTTP_VERBS for p in parts) and len(parts) > 1
        ctx.report(
            "ocelot-invalid-http-verb",
            span,
            f"{where} {v!r} is not an HTTP method: .NET's HttpMethod rejects it and Ocelot fails "
            f"to build the route; {'list each verb as its own array item' if split else 'use a standard method such as GET or POST'}",
            context=f"verb:{t}",
        )
        return
    guess = [v for v in S.HTTP_VERBS if _osa(t.upper(), v) <= 1]
    if guess:
        ctx.report(
            "ocelot-invalid-http-verb",
            span,
            f"{where} {v!r} is not a standard HTTP method (did you mean {guess[0]!r}?): Ocelot "
            "accepts any token, so the route only matches requests with this exact method and "
            f"real requests get 404; write {guess[0]!r}",
            context=f"verb:{t}",
            fix=_rename(ctx, span, v, guess[0]) if len(guess) == 1 else None,
        )


_SCHEMES = ("http", "https", "ws", "wss")
_LOAD_BALANCERS = ("NoLoadBalancer", "RoundRobin", "LeastConnection", "CookieStickySessions")


@check("ocelot-invalid-downstream-scheme", on="ocelot")
def downstream_scheme_values(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return
    for node in S.iter_objects(root):
        if node.kind not in ("Route", "DynamicRoute", "GlobalConfiguration"):
            continue
        k = node.node.ikey("DownstreamScheme")
        v = node.node.get(k) if k is not None else None
        if not isinstance(v, str) or not v.strip() or v.strip().lower() in _SCHEMES:
            continue
        bare = v.strip().lower().split(":", 1)[0]
        g = [s for s in _SCHEMES if _osa(bare, s) <= 1]
        hint = (
            f"write just {bare!r} (no '://')"
            if bare in _SCHEMES
            else f"did you mean {g[0]!r}?" if g else "use http, https, ws or wss"
        )
        one = bare if bare in _SCHEMES else g[0] if len(g) == 1 else None
        ctx.report(
            "ocelot-invalid-downstream-scheme",
            node.node.value_span(k),
            f"{node.path}.DownstreamScheme {v!r} is not a scheme Ocelot can call (http, https, ws, "
            f"wss): the downstream URL is built as '{v}://host...' and every request that uses it "
            f"fails with an error; {hint}",
            context=f"scheme:{v}",
            fix=_rename(ctx, node.node.value_span(k), v, one) if one else None,
        )


@check("ocelot-load-balancer-type-typo", on="ocelot")
def load_balancer_types(ctx, unit: FileUnit) -> None:
    root = _root(unit)
    if not isinstance(root, LMap):
        return
    for node in S.iter_objects(root):
        if node.kind != "LoadBalancerOptions":
            continue
        k = node.node.ikey("Type")
        v = node.node.get(k) if k is not None else None
        if not isinstance(v, str) or not v.strip() or v in _LOAD_BALANCERS:
            continue
        near = [lb for lb in _LOAD_BALANCERS if lb.lower() == v.strip().lower() or _osa(v.strip().lower(), lb.lower()) <= 2]
        if not near:
            continue  # a custom load balancer registered under its own name
        ctx.report(
            "ocelot-load-balancer-type-typo",
            node.node.value_span(k),
            f"{node.path}.Type {v!r} is not {near[0]!r}: Ocelot looks the load balancer up by exact, "
            "case-sensitive name, finds none, and answers every request on the route with an "
            f"error ('Could not find load balancer creator for Type: {v}'); write {near[0]!r}",
            context=f"lb:{v}",
            fix=_rename(ctx, node.node.value_span(k), v, near[0]) if len(near) == 1 else None,
        )
