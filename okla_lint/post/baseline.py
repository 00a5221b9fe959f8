"""Baselines: record today's findings, then report only new ones.

    okla-lint check --write-baseline .okla-lint-baseline.json
    okla-lint check --baseline .okla-lint-baseline.json

Findings are matched by content fingerprint (see ``fingerprint.py``), so a baseline
survives edits that only move findings to other lines. Identical fingerprints are counted:
a second copy of a baselined problem is new.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .. import __version__
from ..core.finding import Finding
from ..core.io import open_regular, write_output_atomically
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
    write_output_atomically(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def load(path: Path) -> Counter:
    try:
        with open_regular(path) as fh:
            doc = json.loads(fh.read().decode("utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"--baseline: no such file: {path} (create it with --write-baseline)") from None
    except OSError as exc:
        raise SettingsError(f"--baseline: cannot read {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
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
