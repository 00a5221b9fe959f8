"""Knowledge the Ocelot rules share (split out of rules/ocelot/checks.py)."""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap, Span
from ...core.suggest import closest
from . import schema as S
from ...core.fix import SAFE, Fix, replace_key


def config_root(unit: FileUnit) -> Any:
    return unit.docs[0].root if unit.docs else None


def suggest_key(key: str, candidates: list[str]) -> str | None:
    return closest(key, candidates, 0.75)


def rename_fix(ctx, span: Span, old: str, new: str) -> Fix | None:
    """The safe fix that writes ``new`` in place of the key or value ``old``."""
    src = ctx.file.src if ctx.file is not None else None
    edit = replace_key(src, span, old, new) if src is not None else None
    return Fix(SAFE, (edit,), f"Replace {old!r} with {new!r}") if edit else None


def identity(m: LMap) -> tuple:
    up = m.iget("UpstreamPathTemplate")
    host = S.sget(m, "UpstreamHost") or ""
    return (up, host, S.header_templates(m))


def overlap(a: list[str], b: list[str]) -> set[str] | None:
    """Verbs two routes share; {'*'} when one accepts every verb; None when disjoint."""
    if not a or not b:
        return {"*"}
    common = set(a) & set(b)
    return common or None


def verbs_text(shared: set[str]) -> str:
    return "every verb" if "*" in shared else ", ".join(sorted(shared))


def osa_distance(a: str, b: str) -> int:
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
