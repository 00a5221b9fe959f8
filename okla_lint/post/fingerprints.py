"""Content fingerprints of findings, for baselines and SARIF ``partialFingerprints``.

A fingerprint hashes what a finding is about, never where it is: the rule, the file's path
inside its project, the finding's ``context`` (object identity, key path: set by the check)
and the offending line's text with surrounding whitespace removed. Edits elsewhere in the
file that shift lines leave it unchanged; editing the offending line itself changes it.
"""
from __future__ import annotations

import hashlib


def fingerprint(rule: str, rel_path: str, context: str, snippet: str) -> str:
    h = hashlib.sha256()
    for part in (rule, rel_path, context, " ".join(snippet.split())):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()[:32]


def with_occurrences(fps: list[str]) -> list[str]:
    """``fp:n`` where n counts identical fingerprints in order (GitHub's convention for
    ``primaryLocationLineHash``), so identical findings in one file stay distinct."""
    seen: dict[str, int] = {}
    out = []
    for fp in fps:
        seen[fp] = seen.get(fp, 0) + 1
        out.append(f"{fp}:{seen[fp]}")
    return out
