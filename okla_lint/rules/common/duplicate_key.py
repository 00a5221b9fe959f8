"""`duplicate-key`: A mapping defines the same key twice."""
from __future__ import annotations

from ...core import files as F
from ...core.files import FileUnit
from ...core.located import Span
from ...core.registry import check


_DUP_CONSEQUENCE = {
    F.KUBERNETES: "kubectl and the API server reject a manifest with duplicate fields "
    "(strict decoding), and tools that do accept it keep only the last value",
    F.WORKFLOW: "GitHub refuses to run a workflow with a duplicate key",
    F.ACTION: "GitHub refuses to load an action with a duplicate key",
    F.OCELOT: "ASP.NET's JSON configuration provider refuses a file that sets the same key "
    "twice ('A duplicate key ... was found'), so a gateway that loads it with AddJsonFile fails "
    "at start-up (when AddOcelot merges ocelot.*.json files, the last value silently wins)",
}


@check("duplicate-key", on="file")
def duplicate_keys(ctx, unit: FileUnit) -> None:
    why = _DUP_CONSEQUENCE.get(unit.kind, "most readers silently keep only the last value")
    for doc in unit.docs:
        for key, first, dup in doc.dups:
            ctx.report(
                Span(dup.line, dup.col, dup.end_line, dup.end_col),
                f"key {key!r} is defined twice in the same mapping (first at line {first.line}); "
                f"{why}. Remove one of them or merge their contents",
                context=f"dup:{key}",
            )
