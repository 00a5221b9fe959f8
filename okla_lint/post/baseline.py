"""Baselines: record today's findings, then report only new ones.

    okla-lint check --write-baseline .okla-lint-baseline.json
    okla-lint check --baseline .okla-lint-baseline.json

Findings are matched by content fingerprint (see ``fingerprint.py``), so a baseline
survives edits that only move findings to other lines. Identical fingerprints are counted:
a second copy of a baselined problem is new.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from .. import __version__
from ..core.finding import Finding
from ..core.settings import SettingsError

VERSION = 1


def write(path: Path, findings: list[Finding]) -> None:
    doc = {
        "version": VERSION,
        "tool": {"name": "okla-lint", "version": __version__},
        "findings": [
            {
                "fingerprint": f.fingerprint,
                "rule": f.rule,
                "path": f.path,
                "line": f.line,  # informational: matching never uses it
                "message": f.message,
            }
            for f in findings
        ],
    }
    atomic_write(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def load(path: Path) -> Counter:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"--baseline: no such file: {path} (create it with --write-baseline)") from None
    except (OSError, ValueError) as exc:
        raise SettingsError(f"--baseline: cannot read {path}: {exc}") from None
    if not isinstance(doc, dict) or doc.get("version") != VERSION or not isinstance(doc.get("findings"), list):
        raise SettingsError(f"--baseline: {path} is not an okla-lint baseline (version {VERSION})")
    counts: Counter = Counter()
    for item in doc["findings"]:
        if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
            counts[item["fingerprint"]] += 1
    return counts


def new_findings(findings: list[Finding], known: Counter) -> list[Finding]:
    left = Counter(known)
    out = []
    for f in findings:
        if left[f.fingerprint] > 0:
            left[f.fingerprint] -= 1
        else:
            out.append(f)
    return out


def atomic_write(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename it into place, so a
    reader never sees half a report."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)  # `--output reports/okla.sarif` in a fresh CI checkout
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        try:  # mkstemp creates 0600; give the report the mode a plain open() would
            mode = path.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
