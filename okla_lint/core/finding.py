"""What a rule reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .fix import Fix

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: i for i, name in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Related:
    """Another place a finding is about (the other end of a cross-file finding)."""

    path: str
    line: int
    col: int
    message: str = ""


@dataclass
class Finding:
    rule: str
    severity: str
    path: str  # path as shown to the user: relative to the working directory, '/'-separated
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    related: list[Related] = field(default_factory=list)
    # what the finding is about, independent of line numbers (object identity, key path);
    # baselines and SARIF fingerprints are built from it
    context: str = ""
    snippet: str = ""  # the offending line, stripped (set by the engine)
    fingerprint: str = ""  # content hash for baselines and SARIF (set by the engine)
    # "(N more places: ...)" that post/merge.fold appended to the message: the one-line text
    # format keeps it when it shortens the message
    also: str = ""
    fix: "Fix | None" = None  # the change that removes the finding (okla_lint/core/fix.py)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.rule, self.message)

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def to_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.col,
            "end_line": self.end_line,
            "end_column": self.end_col,
            "message": self.message,
        }
        if self.related:
            d["related"] = [
                {"path": r.path, "line": r.line, "column": r.col, "message": r.message}
                for r in self.related
            ]
        if self.fix is not None:
            d["fix"] = self.fix.to_dict()
        return d
