"""What a run returns: the findings, the files read and skipped, internal errors."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import files as F
from .files import FileUnit
from .finding import Finding


@dataclass
class RunResult:
    findings: list[Finding]
    units: list[FileUnit]
    skipped: list[FileUnit] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once on standard error (overlays not rendered)

    @property
    def files_checked(self) -> int:
        return sum(1 for u in self.units if u.kind not in (F.HELM,))

    @property
    def placeholders_skipped(self) -> int:
        """Skipped files that are `{NAME}` placeholder templates (the rest are Helm/Go)."""
        return sum(1 for u in self.skipped if (u.note or "").startswith(F.PLACEHOLDER_NOTE))
