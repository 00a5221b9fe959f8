"""ocelot-placeholder-mismatch: The DownstreamPathTemplate uses a placeholder that the
UpstreamPathTemplate does not capture."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


def _names(template: str) -> list[tuple[str, int, int]]:
    return [(m.group(1), m.start(), m.end()) for m in S.PLACEHOLDER.finditer(template)]


@check("ocelot-placeholder-mismatch", on="ocelot")
def placeholder_mismatch(ctx, unit: FileUnit) -> None:
    for i, route, sect in S.routes(config_root(unit)):
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
                ctx.sub_span(route.value_span(dk), down, s, e),
                f"{sect}[{i}].DownstreamPathTemplate uses {{{name}}}, which "
                f"UpstreamPathTemplate {up!r} does not capture{hint}: Ocelot sends the literal "
                f"text {{{name}}} to the service; capture it upstream or remove it",
                context=f"placeholder:{name}",
            )
