"""ocelot-case-duplicate-key: The same Ocelot key appears twice in one object with different
casing, which Ocelot reads as one key."""
from __future__ import annotations

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.registry import check
from ...lib.ocelot import schema as S
from ...lib.ocelot.config import config_root


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
    root = config_root(unit)
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
                    m.key_span(k),
                    f"{k!r} and {seen[low]!r} (line {m.key_span(seen[low]).line}) in {where} are the "
                    f"same key to Ocelot, which reads keys case-insensitively: {effect}",
                    related=[(unit, m.key_span(seen[low]), "the same key, other casing")],
                    context=f"case-dup:{low}",
                )
            else:
                seen[low] = k
