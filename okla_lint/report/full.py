"""``--output-format full``: the concise line, then a code frame of the offending line
with a caret under the span, the whole message when the line had to shorten it, the other
ends of cross-file findings, and why it breaks and how to fix it from the catalogue.

    k8s/web.yaml:17:30: error: env 'URL' uses $(PASSWORD), ... [env-ref-before-definition]
       |
    17 |           value: "redis://:$(PASSWORD)@redis"
       |                            ^^^^^^^^^^^
       = related: k8s/web.yaml:19:19: PASSWORD is defined here
       = why: Kubernetes expands $(VAR) only from ...
       = fix: Move the definition above ...
       = docs: https://...
"""
from __future__ import annotations

import textwrap

from ..core.finding import Finding
from .safe import printable
from .short import short_message
from .text import line as concise_line
from ..core.files import display_path
from ..post.masking import masked_column, source_line

_WIDTH = 100


def sources_of(result) -> dict:
    if result is None:
        return {}

    return {display_path(u.path): u.src for u in result.units if u.src is not None}


def frame(src, f: Finding) -> list[str]:
    """The offending line with carets under the finding's span (to the end of the line
    when the span goes on)."""
    if src is None or not (1 <= f.line <= src.line_count):
        return []

    raw = src.line_text(f.line).rstrip("\r\n")
    text = source_line(src, f.line).rstrip("\r\n")  # never a credential (post/masking.py)
    col = max(1, f.col)
    if f.end_line == f.line and f.end_col > col:
        width = f.end_col - col
    else:
        width = len(raw) - col + 1
    if text != raw:  # the masked line is shorter or longer: the caret follows the change
        start, end = masked_column(raw, col), masked_column(raw, col + width)
        col, width = start, max(1, end - start)
    width = max(1, min(width, max(1, len(text) - col + 1)))
    # tabs stay tabs so the caret lines up whatever the tab width
    pad = "".join("\t" if ch == "\t" else " " for ch in text[: col - 1])
    num = str(f.line)
    gutter = " " * len(num)
    return [f"{gutter} |", f"{num} | {printable(text)}", f"{gutter} | {pad}{'^' * width}"]


def _note(label: str, text: str, indent: str) -> list[str]:
    body = printable(" ".join(text.split()))
    lines = textwrap.wrap(body, width=_WIDTH, initial_indent=f"{indent}= {label}: ",
                          subsequent_indent=indent + " " * (len(label) + 4))
    return lines or [f"{indent}= {label}:"]


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, fixable=None, **_) -> str:
    catalogue = catalogue or {}
    sources = sources_of(result)
    out: list[str] = []
    for f in findings:
        out.append(concise_line(f, colour, bool(fixable and fixable(f))))
        fr = frame(sources.get(f.path), f)
        out += fr
        indent = " " * (len(str(f.line)) + 1) if fr else "  "
        if short_message(f.message) != f.message:
            out += _note("message", f.message, indent)
        for r in f.related:
            out += _note("related", f"{r.path}:{r.line}:{r.col}: {r.message}".rstrip(": "), indent)
        fix = getattr(f, "fix", None)
        if fix is not None:
            how = "--fix" if fix.applicability == "safe" else "--fix --unsafe-fixes"
            out += _note("autofix", f"{fix.message} ({how})", indent)
        doc = catalogue.get(f.rule)
        if doc is not None:
            out += _note("why", doc.rationale, indent)
            out += _note("fix", doc.fix, indent)
            out += _note("docs", doc.url, indent)
        out.append("")
    return "\n".join(out)
