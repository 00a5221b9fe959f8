"""``--output-format rdjson``: reviewdog's Diagnostic Format (``DiagnosticResult``), for
``reviewdog -f=rdjson``. Positions are 1-based lines and columns counted in UTF-8 bytes,
the end exclusive, as reviewdog.proto defines them; paths are relative to the repository
root. A finding with a safe fix carries it as ``suggestions``."""
from __future__ import annotations

import json

from ..core.finding import Finding
from .paths import in_repo, repo_root
from .full import sources_of

SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
URL = "https://github.com/okla-lint/okla-lint"


def _byte_col(line_text: str | None, col: int) -> int:
    """1-based code-point column -> 1-based UTF-8 byte column."""
    if not line_text:
        return col
    return len(line_text[: max(0, col - 1)].encode("utf-8")) + 1


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, **_) -> str:
    catalogue = catalogue or {}
    sources = sources_of(result)
    root = repo_root()
    diags = []
    for f in findings:
        src = sources.get(f.path)

        def text(n: int) -> str | None:
            return src.line_text(n) if src is not None and 1 <= n <= src.line_count else None

        end_line = max(f.line, f.end_line or f.line)
        end_col = f.end_col if f.end_col and (end_line > f.line or f.end_col > f.col) else f.col + 1
        d = {
            "message": f.message,
            "location": {
                "path": in_repo(f.path, root),
                "range": {
                    "start": {"line": f.line, "column": _byte_col(text(f.line), f.col)},
                    "end": {"line": end_line, "column": _byte_col(text(end_line), end_col)},
                },
            },
            "severity": SEVERITY.get(f.severity, "WARNING"),
            "code": {"value": f.rule},
        }
        doc = catalogue.get(f.rule)
        if doc is not None:
            d["code"]["url"] = doc.url
        fix = getattr(f, "fix", None)
        if fix is not None and fix.applicability == "safe" and len(fix.positions) == len(fix.edits) and fix.edits:
            # reviewdog shows these as suggested changes (GitHub's "Commit suggestion")
            d["suggestions"] = [
                {"range": {"start": {"line": l1, "column": _byte_col(text(l1), c1)},
                           "end": {"line": l2, "column": _byte_col(text(l2), c2)}},
                 "text": e.text}
                for e, (l1, c1, l2, c2) in zip(fix.edits, fix.positions)
            ]
        diags.append(d)
    doc = {"source": {"name": "okla-lint", "url": URL}, "diagnostics": diags}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
