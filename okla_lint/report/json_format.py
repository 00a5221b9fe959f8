"""``--format json``: a stable object for scripts.

    {"version": 1, "tool": {"name": "okla-lint", "version": "..."},
     "findings": [{"rule", "severity", "path", "line", "column", "end_line", "end_column",
                   "message", "short_message", "help": {"summary", "why", "fix", "url"},
                   "related"?: [{"path", "line", "column", "message"}]}],
     "skipped": [{"path", "reason"}],
     "summary": {"files": N, "findings": N, "error": N, "warning": N, "info": N}}
"""
from __future__ import annotations

import json

from .. import __version__
from ..core.finding import Finding
from .short import short_message
from ..core.files import display_path


def _finding(f: Finding, catalogue) -> dict:
    d = f.to_dict()
    d["short_message"] = short_message(f.message)
    doc = catalogue.get(f.rule)
    if doc is not None:
        d["help"] = {"summary": doc.summary, "why": doc.rationale, "fix": doc.fix, "url": doc.url}
    if "related" in d:  # keep the documented key order: related last
        d["related"] = d.pop("related")
    return d


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, **_) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    skipped = []
    files = 0
    if result is not None:
        skipped = [{"path": display_path(u.path), "reason": u.note} for u in result.skipped]
        files = result.files_checked
    doc = {
        "version": 1,
        "tool": {"name": "okla-lint", "version": __version__},
        "findings": [_finding(f, catalogue or {}) for f in findings],
        "skipped": skipped,
        "summary": {"files": files, "findings": len(findings), **counts},
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
