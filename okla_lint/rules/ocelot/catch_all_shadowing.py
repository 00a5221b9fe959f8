"""ocelot-catch-all-shadowing: A catch-all route listed earlier with the same or a higher
Priority hides a more specific route."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import routes as R
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root, overlap, verbs_text


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
    rs = [(i, r, sect) for i, r, sect in S.routes(config_root(unit)) if isinstance(r.iget("UpstreamPathTemplate"), str)]
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
    version = VV.gateway_version(ctx, unit)
    headers_read = version is None or version.at_least(VV.UPSTREAM_HEADER_ROUTING) is not False
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
            if headers_read and S.header_templates(a) and S.header_templates(a) != S.header_templates(b):
                continue  # header routing (23.3+) may send the request elsewhere
            shared = overlap(S.verbs(a) or [], S.verbs(b) or [])
            if not shared:
                continue
            diffs, skipped = R.differences(b, a, prefix)
            if not diffs:
                break  # the catch-all sends the request to the same place with the same settings
            shown = "; ".join(diffs[:4]) + (f"; and {len(diffs) - 4} more difference{'s' if len(diffs) > 5 else ''}" if len(diffs) > 4 else "")
            ctx.report(
                S.vspan(b, "UpstreamPathTemplate"),
                f"{bsect}[{i}] {bup!r} is never reached for {verbs_text(shared)}: "
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
