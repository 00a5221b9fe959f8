"""``--format sarif``: SARIF 2.1.0 as GitHub code scanning reads it.

* every enabled rule is a ``reportingDescriptor`` in ``tool.driver.rules`` with its summary
  (``shortDescription``), rationale (``fullDescription``), ``help`` text and markdown
  (rationale, fix, an example), ``helpUri``, ``defaultConfiguration.level`` and properties
  (``tags``, ``precision`` from the rule's confidence, ``problem.severity`` and, for rules
  tagged ``security``, ``security-severity``);
* each result has ``ruleId``/``ruleIndex``, its effective ``level``, an exact 1-based
  ``region``, an ``artifactLocation.uri`` relative to the repository root (``%SRCROOT%``,
  whatever the working directory: see paths.py), ``relatedLocations`` for the other ends of cross-file findings, and
  ``partialFingerprints.primaryLocationLineHash`` built from content (see fingerprint.py);
* ``results`` is present (empty) when nothing is found.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..core.finding import Finding
from ..post.fingerprints import with_occurrences
from .paths import in_repo, repo_root

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFO_URI = "https://github.com/okla-lint/okla-lint"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
PRECISION = {"very-high": "very-high", "high": "high", "medium": "medium", "low": "low"}
SECURITY_SEVERITY = {"error": "8.0", "warning": "5.0", "info": "2.0"}
MAX_DESCRIPTION = 1024


def _clip(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _uri(path: str) -> str:
    return quote(path.replace(os.sep, "/"), safe="/-._~")


def _help(doc) -> tuple[str, str]:
    example = next((e for e in doc.examples if e.fails), None)
    text = [doc.summary, "", "Why it breaks:", doc.rationale, "", "How to fix:", doc.fix]
    md = [f"**{doc.summary}**", "", "## Why it breaks", "", doc.rationale, "", "## How to fix", "", doc.fix]
    if example is not None:
        text += ["", f"Example ({example.title}):"]
        md += ["", f"## Example: {example.title}", ""]
        for path, content in example.files.items():
            lang = "json" if path.endswith(".json") else "yaml"
            text += [f"# {path}", content.rstrip("\n")]
            md += [f"`{path}`", "", f"```{lang}", content.rstrip("\n"), "```", ""]
    text += ["", f"Documentation: {doc.url}"]
    md += ["", f"[Rule documentation]({doc.url})"]
    return "\n".join(text), "\n".join(md).rstrip() + "\n"


def descriptor(doc, severity: str) -> dict:
    help_text, help_md = _help(doc)
    props: dict = {
        "tags": list(dict.fromkeys(list(doc.tags) + ([doc.kind] if doc.kind != "any" else []))),
        "precision": PRECISION.get(doc.confidence, "medium"),
        "problem.severity": PROBLEM_SEVERITY[severity],
    }
    if "security" in doc.tags:
        props["security-severity"] = SECURITY_SEVERITY[severity]
    return {
        "id": doc.id,
        "name": doc.id,
        "shortDescription": {"text": _clip(doc.summary)},
        "fullDescription": {"text": _clip(doc.rationale)},
        "help": {"text": help_text, "markdown": help_md},
        "helpUri": doc.url,
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": props,
    }


def _region(line: int, col: int, end_line: int, end_col: int, snippet: str = "") -> dict:
    line = max(1, line)
    col = max(1, col)
    end_line = max(line, end_line or line)
    end_col = end_col or col + 1
    if end_line == line and end_col <= col:
        end_col = col + 1
    region = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": max(1, end_col)}
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _location(path: str, region: dict) -> dict:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }


def _fix(f: Finding, path: str) -> dict:
    """A SARIF ``fix``: the finding's edits as ``replacements`` of one ``artifactChange``
    (a deleted region, empty for an insertion, and the inserted text)."""
    reps = []
    for e, (l1, c1, l2, c2) in zip(f.fix.edits, f.fix.positions):
        reps.append({
            "deletedRegion": {"startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2},
            "insertedContent": {"text": e.text},
        })
    return {
        "description": {"text": f.fix.message},
        "artifactChanges": [{"artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}, "replacements": reps}],
        "properties": {"applicability": f.fix.applicability},
    }


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, enabled=None, severity=None, **_) -> str:
    catalogue = catalogue or {}
    severity = severity or {}

    root = repo_root()
    rule_ids = sorted(set(enabled if enabled is not None else catalogue) | {f.rule for f in findings})
    index = {rid: i for i, rid in enumerate(rule_ids)}
    rules = []
    for rid in rule_ids:
        doc = catalogue.get(rid)
        if doc is None:  # pragma: no cover - every finding's rule is catalogued
            rules.append({"id": rid, "shortDescription": {"text": rid}, "fullDescription": {"text": rid},
                          "help": {"text": rid}})
            continue
        rules.append(descriptor(doc, severity.get(rid, doc.severity)))

    hashes = with_occurrences([f.fingerprint[:16] or "0" * 16 for f in findings])
    results = []
    for f, h in zip(findings, hashes):
        res = {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [_location(in_repo(f.path, root), _region(f.line, f.col, f.end_line, f.end_col, f.snippet))],
            "partialFingerprints": {"primaryLocationLineHash": h},
        }
        if f.fix is not None and f.fix.positions:
            res["fixes"] = [_fix(f, in_repo(f.path, root))]
        if f.related:
            res["relatedLocations"] = [
                {"id": i, **_location(in_repo(r.path, root), _region(r.line, r.col, r.line, 0)), "message": {"text": r.message or "related"}}
                for i, r in enumerate(f.related, 1)
            ]
        results.append(res)
    cwd = Path.cwd().resolve().as_uri().rstrip("/") + "/"
    srcroot = root.resolve().as_uri().rstrip("/") + "/"
    ok = not (result is not None and result.internal_errors)
    run = {
        "tool": {
            "driver": {
                "name": "okla-lint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": rules,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": srcroot}},
        "invocations": [{"executionSuccessful": ok, "workingDirectory": {"uri": cwd}}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if result is not None and result.internal_errors:
        run["invocations"][0]["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": e.splitlines()[0]}} for e in result.internal_errors
        ]
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
