"""ocelot-env-route-missing: A route exists in one environment's Ocelot file but not in its
sibling (for example dev but not prod)."""
from __future__ import annotations

import posixpath

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.merge import folders
from ...lib.ocelot.config import config_root


def _route_index(unit: FileUnit) -> dict[tuple, tuple[int, LMap, str]] | None:
    root = config_root(unit)
    if not isinstance(root, LMap):
        return None
    out: dict[tuple, tuple[int, LMap, str]] = {}
    has = False
    for i, route, sect in S.routes(root):
        has = True
        up = route.iget("UpstreamPathTemplate")
        if isinstance(up, str):
            out.setdefault((up.lower(), (S.sget(route, "UpstreamHost") or "").lower()), (i, route, sect))
    return out if has else None


def _routes_key_span(unit: FileUnit):
    root = config_root(unit)
    for name in ("Routes", "ReRoutes"):
        k = root.ikey(name) if isinstance(root, LMap) else None
        if k is not None:
            return root.key_span(k)
    return unit.docs[0].span


@check("ocelot-env-route-missing", on="repository")
def env_siblings(ctx, model: RepoModel) -> None:
    for folder in folders(model):
        families: list[list[FileUnit]] = []
        full = list(folder.env_files.values())
        if folder.primary is not None and not folder.merges:
            full.append(folder.primary)
        families.append(full)
        areas: dict[str, list[FileUnit]] = {}
        for env, frs in folder.env_fragments.items():
            for area, unit in frs.items():
                areas.setdefault(area, []).append(unit)
        families.extend(areas.values())
        for fam in families:
            indexed = [(u, _route_index(u)) for u in sorted(fam, key=lambda u: u.rel)]
            indexed = [(u, ix) for u, ix in indexed if ix]
            if len(indexed) < 2:
                continue
            for unit, ix in indexed:
                for ident, (i, route, sect) in ix.items():
                    missing = [u for u, oix in indexed if u is not unit and ident not in oix]
                    if not missing:
                        continue
                    names = ", ".join(posixpath.basename(u.rel) for u in missing)
                    ctx.report(
                        S.vspan(route, "UpstreamPathTemplate"),
                        f"{sect}[{i}] {route.iget('UpstreamPathTemplate')!r} exists in "
                        f"{posixpath.basename(unit.rel)} but not in its sibling {names}: in that "
                        "environment the gateway answers 404 for this path; add the route there "
                        "too if the omission is not deliberate",
                        file=unit,
                        related=[(u, _routes_key_span(u), "the sibling without this route") for u in missing],
                        context=f"env-missing:{ident[0]}:{ident[1]}:{names}",
                    )
