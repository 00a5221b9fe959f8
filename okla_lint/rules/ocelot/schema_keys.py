"""ocelot-unknown-key: An Ocelot configuration key that Ocelot does not know (misspelt, or
removed long ago) is silently ignored.
ocelot-legacy-reroutes: The configuration uses the pre-16.0 `ReRoutes` names, which Ocelot
16 and later ignore, so every route answers 404.
ocelot-deprecated-key: A deprecated Ocelot key that still works on the gateway's version,
whose replacement that version already reads (advice)."""
from __future__ import annotations

import posixpath

from ...core.files import OCELOT_NAME, FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...core.fix import SAFE, Edit, Fix, replace_key
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root, rename_fix, suggest_key


@check("ocelot-unknown-key", "ocelot-legacy-reroutes", "ocelot-deprecated-key", on="ocelot")
def schema_keys(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    if not isinstance(root, LMap):
        return
    version = VV.gateway_version(ctx, unit)
    before_16 = version is not None and version.at_least(VV.ROUTES_RENAMED) is False
    # top level: other sections are legitimate (appsettings.json embeds Ocelot keys), so only
    # legacy names and near-misses of the four sections are reported
    for k in root:
        if not isinstance(k, str):
            continue
        hit = S.ilookup(S.LEGACY["TOP"], k)
        if hit:
            if not before_16:  # the names a gateway before 16.0 reads
                _legacy(ctx, root, k, hit[1], "top level", version)
            continue
        if S.lookup(S.TOP, k)[0] is not None:
            if before_16:
                _renamed_later(ctx, root, "TOP", k, "top level", version)
            continue
        guess = suggest_key(k, list(S.TOP))
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
    _schema_objects(ctx, unit, root, version)


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


def _schema_objects(ctx, unit: FileUnit, root: LMap, version: VV.OcelotVersion | None) -> None:
    before_16 = version is not None and version.at_least(VV.ROUTES_RENAMED) is False
    for node in S.iter_objects(root):
        table = S.OBJECTS[node.kind]
        for k in node.node:
            if not isinstance(k, str) or k.startswith(("_", "$")):
                continue
            if S.lookup(table, k)[0] is not None:
                canon = S.lookup(table, k)[0]
                if before_16 and _renamed_later(ctx, node.node, node.kind, k, node.path, version):
                    continue
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
                if not before_16:
                    _legacy(ctx, node.node, k, leg[1], node.path, version)
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
                guess = suggest_key(k, list(table))
                if guess is None and _custom_property(ctx, unit, node.kind, k):
                    continue
                hint = f"; did you mean {guess!r}?" if guess else f"; the keys Ocelot reads here are {_keys_hint(table)}"
                msg = (
                    f"unknown key {k!r} in {node.path}: Ocelot ignores unknown keys silently "
                    f"(keys are case-insensitive), so this setting has no effect{hint}"
                )
            ctx.report("ocelot-unknown-key", node.node.key_span(k), msg, context=f"unknown:{node.kind}:{k}")


# where Ocelot 25.0 documents custom properties ("Extend with Custom Properties"): keys of
# a route, dynamic route, aggregate or GlobalConfiguration that the gateway's own code reads
_CUSTOM_LEVELS = ("Route", "DynamicRoute", "Aggregate", "GlobalConfiguration")


def _custom_property(ctx, unit: FileUnit, kind: str, key: str) -> bool:
    """An unknown key that is no near-miss and no Ocelot key of another object, on a level
    that may hold custom properties, named by the gateway's C# code: the application reads
    it through IConfiguration (Ocelot.Samples.Configuration's `DefaultCity`), so it is not
    dead. Asks the file system last, only then."""
    if kind not in _CUSTOM_LEVELS or any(S.lookup(t, key)[0] for t in S.OBJECTS.values()):
        return False
    return VV.gateway_code_names(ctx, unit, key)


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
        return rename_fix(ctx, node.node.key_span(key), key, new)
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


def _renamed_later(ctx, holder: LMap, kind: str, key: str, where: str, version: VV.OcelotVersion) -> bool:
    """On a gateway before 16.0, a key written with its 16.0 name (Routes for ReRoutes) is not
    read. True when reported."""
    old = next((o for o, n in S.LEGACY.get(kind, {}).items() if n.lower() == key.lower()), None)
    if old is None:
        return False
    ctx.report(
        "ocelot-legacy-reroutes",
        holder.key_span(key),
        f"{key!r} ({where}) is the 16.0 name of {old!r}: the gateway's {version.label} reads only "
        f"{old!r} and ignores it without any error, so "
        f"{'every route answers 404 (UnableToFindDownstreamRouteError)' if old.lower() == 'reroutes' else 'this setting has no effect'}; "
        f"rename it to {old!r} or upgrade Ocelot to 16.0 or later",
        context=f"legacy-new:{key.lower()}",
        fix=rename_fix(ctx, holder.key_span(key), key, old),
    )
    return True


def _legacy(ctx, holder: LMap, key: str, new: str, where: str, version: VV.OcelotVersion | None) -> None:
    who = f"the gateway's {version.label} ignores" if version is not None else "Ocelot 16.0 and later ignore"
    ctx.report(
        "ocelot-legacy-reroutes",
        holder.key_span(key),
        f"{key!r} ({where}) is the pre-16.0 name of {new!r}: {who} it "
        f"without any error, so {'' if version is not None else 'on a current gateway '}{'every route answers 404 (UnableToFindDownstreamRouteError)' if key.lower() == 'reroutes' else 'this setting has no effect'}; "
        f"rename it to {new!r}",
        context=f"legacy:{key.lower()}",
        fix=rename_fix(ctx, holder.key_span(key), key, new),
    )
