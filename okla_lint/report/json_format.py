"""``--format json``: a stable object for scripts.

    {"version": 1, "tool": {"name": "okla-lint", "version": "..."},
     "findings": [{"rule", "severity", "path", "line", "column", "end_line", "end_column",
                   "message", "related"?: [{"path", "line", "column", "message"}]}],
     "skipped": [{"path", "reason"}],
     "summary": {"files": N, "findings": N, "error": N, "warning": N, "info": N}}
"""
from __future__ import annotations

import json

from .. import __version__
from ..core.finding import Finding


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, **_) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    skipped = []
    files = 0
    if result is not None:
        from ..core.engine import display_path

        skipped = [{"path": display_path(u.path), "reason": u.note} for u in result.skipped]
        files = result.files_checked
    doc = {
        "version": 1,
        "tool": {"name": "okla-lint", "version": __version__},
        "findings": [f.to_dict() for f in findings],
        "skipped": skipped,
        "summary": {"files": files, "findings": len(findings), **counts},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
