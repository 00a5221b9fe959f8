"""ocelot-duplicate-route: Two routes (or aggregates) have the same upstream template, host and
header templates with overlapping verbs; Ocelot refuses to start. Within one file, and across
the files AddOcelot merges into one configuration (lib/ocelot/merge.py).

FileConfigurationFluentValidator compares UpstreamHeaderTemplates only from 23.3 (the release
that reads them): on an older gateway, routes that differ only there are duplicates."""
from __future__ import annotations

import posixpath

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root, identity, overlap, verbs_text
from ...lib.ocelot.merge import folders


@check("ocelot-duplicate-route", on="ocelot")
def duplicate_routes(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    seen: dict[tuple, list[tuple[int, LMap, str]]] = {}
    version = VV.gateway_version(ctx, unit) if any(S.header_templates(r) for _, r, _ in S.routes(root)) else None
    no_headers = version is not None and version.at_least(VV.UPSTREAM_HEADER_ROUTING) is False
    for i, route, sect in S.routes(root):
        ident = identity(route)
        headers_differ = False
        if no_headers:
            headers_differ = bool(ident[2])
            ident = (ident[0], ident[1], ())
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
                    + f" and overlapping verbs ({verbs_text(shared)})"
                    + (
                        f" (their UpstreamHeaderTemplates do not count: the gateway's {version.label} "
                        "reads them from 23.3 on)"
                        if no_headers and (headers_differ or S.header_templates(other))
                        else ""
                    )
                    + "; Ocelot's start-up validation rejects the configuration ('route ... has "
                    "duplicate'); merge the two routes or give them disjoint UpstreamHttpMethod lists",
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


# the same rule across the files AddOcelot merges into one configuration
@check("ocelot-duplicate-route", on="repository")
def merged_duplicates(ctx, model: RepoModel) -> None:
    done: set[tuple[int, int]] = set()
    for folder in folders(model):
        for group in folder.groups():
            seen: dict[tuple, list[tuple[FileUnit, int, LMap, str]]] = {}
            for unit in sorted(group, key=lambda u: u.rel):
                version = VV.gateway_version(ctx, unit)
                no_headers = version is not None and version.at_least(VV.UPSTREAM_HEADER_ROUTING) is False
                for i, route, sect in S.routes(config_root(unit)):
                    ident = identity(route)
                    if no_headers:
                        ident = (ident[0], ident[1], ())  # not compared before 23.3
                    vs = S.verbs(route)
                    if not isinstance(ident[0], str) or not ident[0] or vs is None:
                        continue
                    for ounit, j, other, osect in seen.get(ident, []):
                        if ounit is unit:
                            continue
                        shared = overlap(S.verbs(other) or [], vs)
                        if not shared or (id(unit), i) in done:
                            continue
                        done.add((id(unit), i))
                        ospan = S.vspan(other, "UpstreamPathTemplate")
                        ctx.report(
                            "ocelot-duplicate-route",
                            S.vspan(route, "UpstreamPathTemplate"),
                            f"{sect}[{i}] duplicates {osect}[{j}] of {posixpath.basename(ounit.rel)} "
                            f"(line {ospan.line}), which AddOcelot merges into the same "
                            f"configuration: same UpstreamPathTemplate {ident[0]!r}"
                            + (f", UpstreamHost {ident[1]!r}" if ident[1] else "")
                            + f" and overlapping verbs ({verbs_text(shared)})"
                            + (
                                f" (their UpstreamHeaderTemplates do not count: the gateway's "
                                f"{version.label} reads them from 23.3 on)"
                                if no_headers and (S.header_templates(route) or S.header_templates(other))
                                else ""
                            )
                            + "; Ocelot's start-up validation rejects the merged configuration "
                            "('route ... has duplicate'); keep the route in one file only",
                            file=unit,
                            related=[(ounit, ospan, "the same route in the other merged file")],
                            context=f"merged-dup:{ident[0]}:{ident[1]}",
                        )
                        break
                    seen.setdefault(ident, []).append((unit, i, route, sect))
