"""ocelot-invalid-downstream-scheme: DownstreamScheme is not http, https, ws or wss (a typo, or
a URL fragment such as "http://")."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root, osa_distance, rename_fix


_SCHEMES = ("http", "https", "ws", "wss")


@check("ocelot-invalid-downstream-scheme", on="ocelot")
def downstream_scheme_values(ctx, unit: FileUnit) -> None:
    root = config_root(unit)
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
        g = [s for s in _SCHEMES if osa_distance(bare, s) <= 1]
        hint = (
            f"write just {bare!r} (no '://')"
            if bare in _SCHEMES
            else f"did you mean {g[0]!r}?" if g else "use http, https, ws or wss"
        )
        one = bare if bare in _SCHEMES else g[0] if len(g) == 1 else None
        ctx.report(
            node.node.value_span(k),
            f"{node.path}.DownstreamScheme {v!r} is not a scheme Ocelot can call (http, https, ws, "
            f"wss): the downstream URL is built as '{v}://host...' and every request that uses it "
            f"fails with an error; {hint}",
            context=f"scheme:{v}",
            fix=rename_fix(ctx, node.node.value_span(k), v, one) if one else None,
        )
