"""ocelot-placeholder-mismatch: The DownstreamPathTemplate uses a placeholder that the
UpstreamPathTemplate does not capture.

Ocelot 23.2.0 and 23.2.1 (only) also reject at start-up a route whose two templates do not hold
the same placeholders, in either direction (FileConfigurationFluentValidator,
IsUpstreamPlaceholderDefinedInDownstream / IsDownstreamPlaceholderDefinedInUpstream, removed in
23.2.2); on a gateway known to run one of them that is what is reported."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot import versions as VV
from ...lib.ocelot.config import config_root


def _names(template: str) -> list[tuple[str, int, int]]:
    return [(m.group(1), m.start(), m.end()) for m in S.PLACEHOLDER.finditer(template)]


def _strict(ctx, route: LMap, i: int, sect: str, up: str, down: str, version: VV.OcelotVersion, fabric: bool) -> None:
    """23.2.0 and 23.2.1: every placeholder of one template must be in the other."""
    if fabric and S.DUP_PLACEHOLDER.search(str(route.iget("ServiceName") or "")):
        down_full = str(route.iget("ServiceName")) + down  # Service Fabric: the service name counts
    else:
        down_full = down
    ups = [m for m in S.DUP_PLACEHOLDER.finditer(up)]
    downs = [m for m in S.DUP_PLACEHOLDER.finditer(down)]
    up_names = {m.group(0) for m in ups}
    down_names = {m.group(0) for m in S.DUP_PLACEHOLDER.finditer(down_full)}
    for name, ms, other, key, other_key, text in (
        ("UpstreamPathTemplate", ups, down_names, route.ikey("UpstreamPathTemplate"), "DownstreamPathTemplate", up),
        ("DownstreamPathTemplate", downs, up_names, route.ikey("DownstreamPathTemplate"), "UpstreamPathTemplate", down),
    ):
        done: set[str] = set()
        for m in ms:
            if m.group(0) in other or m.group(0) in done:
                continue
            done.add(m.group(0))
            ctx.report(
                ctx.sub_span(route.value_span(key), text, m.start(), m.end()),
                f"{sect}[{i}].{name} uses {m.group(0)}, which {other_key} does not: the gateway's "
                f"{version.label} rejects the configuration at start-up (\"{name} '{text}' doesn't "
                f"contain the same placeholders in {other_key}\"; only 23.2.0 and 23.2.1 check this); "
                "use the same placeholders in both templates, or upgrade Ocelot to 23.2.2 or later",
                context=f"placeholder-strict:{name}:{m.group(0)}",
            )


@check("ocelot-placeholder-mismatch", on="ocelot")
def placeholder_mismatch(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
    version: VV.OcelotVersion | None | bool = None
    for i, route, sect in S.routes(root):
        up = route.iget("UpstreamPathTemplate")
        dk = route.ikey("DownstreamPathTemplate")
        down = route.get(dk) if dk is not None else None
        if not isinstance(up, str) or not isinstance(down, str):
            continue
        if version is None:
            version = VV.gateway_version(ctx, unit) or False
        if version and version.between(*VV.PLACEHOLDERS_MUST_MATCH) is True:
            g = root.iget("GlobalConfiguration") if isinstance(root, LMap) else None
            sd = g.iget("ServiceDiscoveryProvider") if isinstance(g, LMap) else None
            fabric = isinstance(sd, LMap) and str(sd.iget("Type") or "").lower() == "servicefabric"
            _strict(ctx, route, i, sect, up, down, version, fabric)
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
                ctx.sub_span(route.value_span(dk), down, s, e),
                f"{sect}[{i}].DownstreamPathTemplate uses {{{name}}}, which "
                f"UpstreamPathTemplate {up!r} does not capture{hint}: Ocelot sends the literal "
                f"text {{{name}}} to the service; capture it upstream or remove it",
                context=f"placeholder:{name}",
            )
