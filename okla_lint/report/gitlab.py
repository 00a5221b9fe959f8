"""``--output-format gitlab``: a GitLab Code Quality report (the subset of the Code Climate
issue format GitLab reads: ``description``, ``check_name``, ``fingerprint``, ``severity``,
``location.path`` relative to the repository root and ``location.lines.begin``/``end``),
for ``artifacts: reports: codequality``. Fingerprints are content-based (rule, path in the
repository, what the finding is about, the offending line), made unique per report."""
from __future__ import annotations

import hashlib
import json

from ..core.finding import Finding
from .paths import in_repo, repo_root
from .short import short_message
from ..post.fingerprints import with_occurrences

# GitLab's scale is info, minor, major, critical, blocker
SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, **_) -> str:
    root = repo_root()
    hashes = with_occurrences([f.fingerprint[:16] or "0" * 16 for f in findings])
    issues = []
    for f, h in zip(findings, hashes):
        path = in_repo(f.path, root)
        issues.append({
            "type": "issue",
            "description": f"{short_message(f.message)} [{f.rule}]",
            "check_name": f.rule,
            "categories": ["Style"] if f.severity == "info" else ["Bug Risk"],
            "fingerprint": hashlib.md5(f"{f.rule}\0{path}\0{h}".encode()).hexdigest(),
            "severity": SEVERITY.get(f.severity, "minor"),
            "location": {"path": path, "lines": {"begin": f.line, "end": max(f.line, f.end_line or f.line)}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
