"""A family of rules decided by one check: `json-comments` (a JSON configuration file contains
// or /* */ comments); `json-trailing-comma` (a JSON configuration file has a comma before a
closing } or ]).

One scan of a JSON document for the extensions a strict parser rejects: comments, and commas
before a closing bracket.
"""
from __future__ import annotations

import posixpath

from ...core import files as F
from ...core.files import FileUnit
from ...core.fix import SAFE, Edit, Fix, delete_span
from ...core.located import Span
from ...core.registry import check
from ...lib.ocelot.versions import gateway_project_above


@check("json-comments", "json-trailing-comma", on="json")
def json_extensions(ctx, unit: FileUnit) -> None:
    doc = unit.json if unit.json is not None else unit.json_partial
    src = unit.src
    if doc is None or src is None:
        return
    what = "an Ocelot configuration" if unit.kind == F.OCELOT else "a JSON file"
    it = "the mounted file" if unit.host is not None else "it"  # embedded in a ConfigMap
    reader = None
    if unit.kind == F.OCELOT and doc is unit.json and unit.host is None:
        # the gateway reads its files with ASP.NET's configuration provider, which skips
        # comments and accepts trailing commas: where the repository shows the gateway's
        # project and nothing else that reads the file, they break nothing (issue 10)
        reader = strict_reader(ctx.model, unit)
        if reader is None and gateway_project_above(ctx, unit):
            return
    for start, end, style in doc.comments:
        l1, c1 = src.position(start)
        l2, c2 = src.position(end)
        text = src.text[start:end]
        flat = " ".join(text.split())  # a block comment over several lines, on one line
        shown = flat if len(flat) <= 40 else flat[:37] + "..."
        ctx.report(
            "json-comments",
            Span(l1, c1, l2, c2),
            f"{'line' if style == '//' else 'block'} comment {shown!r} in {what}: JSON has no "
            "comments, so strict readers (jq, python -m json.tool, JSON schema validators, "
            f"deploy scripts that validate the file) fail on {it}"
            + (f" ({reader})" if reader else "")
            + "; delete the comment, or move the note into a property such as \"_comment\"",
            context=f"comment:{text.strip()}",
            fix=comment_fix(src.text, start, end) if unit.json is not None else None,
        )
    for off in doc.trailing_commas:
        line, col = src.position(off)
        ctx.report(
            "json-trailing-comma",
            Span(line, col, line, col + 1),
            f"trailing comma in {what}: strict JSON readers reject a comma before '}}' or ']'"
            + (f" ({reader})" if reader else "")
            + "; delete it",
            context="trailing-comma",
            fix=comma_fix(off) if unit.json is not None else None,
        )


def strict_reader(model, unit: FileUnit) -> str | None:
    """A workflow or composite-action step that names the file (ships it into a ConfigMap,
    runs jq on it, copies it): something other than the gateway reads it."""
    if model is None:
        return None

    steps = model.extra.get("syntax.step-texts")
    if steps is None:
        steps = []
        for step in model.steps():
            parts = [v for v in step.node.values() if isinstance(v, str)]
            w = step.node.get("with")
            if hasattr(w, "values"):
                parts += [v for v in w.values() if isinstance(v, str)]
            steps.append((step, "\n".join(parts)))
        model.extra["syntax.step-texts"] = steps
    base = posixpath.basename(unit.rel)
    unique = sum(1 for u in model.ocelot if posixpath.basename(u.rel) == base) == 1
    for step, text in steps:
        if unit.rel in text or (unique and base in text):
            return f"{step.ident} in {step.file.rel} reads or ships it"
    return None


def comment_fix(text: str, start: int, end: int) -> Fix:
    """Delete a JSON comment: its whole line when nothing else is on it, else the comment
    and the blanks that separate it from the rest of the line."""
    return Fix(SAFE, (delete_span(text, start, end),), "Delete the comment", same_data=True)


def comma_fix(offset: int) -> Fix:
    return Fix(SAFE, (Edit(offset, offset + 1, ""),), "Delete the trailing comma", same_data=True)
