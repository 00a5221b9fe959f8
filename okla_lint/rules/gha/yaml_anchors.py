"""YAML anchors in workflows (GitHub reads anchors and aliases since 2025, but not the
merge key): yaml-merge-key and yaml-anchor-unused. Undefined and recursive aliases make
the file unreadable: parse-error reports them."""
from __future__ import annotations

from ...core import files as F
from ...core.files import FileUnit
from ...core.located import Span
from ...core.parse_yaml import anchor_marks
from ...core.registry import check


def _span(unit: FileUnit, start: int, end: int) -> Span:
    src = unit.src
    return Span(*src.position(start), *src.position(end), start, end)


@check("yaml-merge-key", "yaml-anchor-unused", on="file")
def yaml_anchors(ctx, unit: FileUnit) -> None:
    if unit.kind != F.WORKFLOW or unit.src is None or unit.host is not None:
        return
    marks = anchor_marks(unit.src.text)
    if not marks:
        return
    used = {(m.doc, m.name) for m in marks if m.kind == "alias"}
    for m in marks:
        if m.kind == "merge":
            ctx.report(
                "yaml-merge-key",
                _span(unit, m.start, m.end),
                "merge key `<<`: GitHub reads YAML anchors and aliases but not merge keys; it takes `<<` for an "
                "ordinary key, so it rejects the workflow (\"Unexpected value '<<'\") or the keys meant to be merged are "
                "missing; write the keys out, or alias the whole mapping (`env: *common`) when nothing differs",
                context="merge-key",
            )
        elif m.kind == "anchor" and (m.doc, m.name) not in used:
            ctx.report(
                "yaml-anchor-unused",
                _span(unit, m.start, m.end),
                f"anchor `&{m.name}` is never used by an alias (`*{m.name}`): a leftover, or the alias that should "
                "repeat this node is misspelled; remove the anchor or use it",
                context=f"anchor:{m.name}",
            )
