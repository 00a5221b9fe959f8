"""ocelot-aggregate-unknown-route-key: An aggregate's RouteKeys names a route Key that no route of
the file, or of the files AddOcelot merges with it, has; Ocelot refuses to start."""
from __future__ import annotations

import json

from ...core.files import FileUnit
from ...core.located import LSeq
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.merge import folders
from ...lib.ocelot.config import config_root


def _route_keys(unit: FileUnit) -> set[str]:
    keys = set()
    for _, route, _ in S.routes(config_root(unit)):
        k = route.iget("Key")
        if isinstance(k, str) and k:
            keys.add(k)
    return keys


@check("ocelot-aggregate-unknown-route-key", on="repository")
def aggregate_keys(ctx, model: RepoModel) -> None:
    partners: dict[int, set[int]] = {}
    units = {id(u): u for u in model.ocelot}
    for folder in folders(model):
        for group in folder.groups():
            ids = {id(u) for u in group}
            for u in group:
                partners.setdefault(id(u), set()).update(ids)
    for unit in model.ocelot:
        root = config_root(unit)
        aggs = list(S.aggregates(root))
        if not aggs:
            continue
        known = set(_route_keys(unit))
        for pid in partners.get(id(unit), ()):
            known |= _route_keys(units[pid])
        for i, agg in aggs:
            for name in ("RouteKeys", "ReRouteKeys"):
                k = agg.ikey(name)
                seq = agg.get(k) if k is not None else None
                if not isinstance(seq, LSeq):
                    continue
                for j, rk in enumerate(seq):
                    if not isinstance(rk, str) or rk in known:
                        continue
                    near = [x for x in known if x.lower() == rk.lower()]
                    hint = f" (a route has Key {near[0]!r}: keys are case-sensitive)" if near else ""
                    ctx.report(
                        seq.item_span(j),
                        f"Aggregates[{i}].{k}[{j}] {rk!r} names no route Key{hint}"
                        + (" in this file or the files merged with it" if id(unit) in partners else "")
                        + ": Ocelot's start-up validation rejects the configuration ('Routes for "
                        "aggregateRoute ... either do not exist'); add "
                        f"\"Key\": {json.dumps(rk)} to the route or fix the name",
                        file=unit,
                        context=f"agg-key:{rk}",
                    )
