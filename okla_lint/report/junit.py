"""``--format junit``: JUnit XML for CI systems that show test reports (GitLab, Jenkins,
Azure). One test suite per file, one failing test case per finding; a clean run is one
passing test case."""
from __future__ import annotations

from collections import OrderedDict
from xml.sax.saxutils import escape, quoteattr

from ..core.finding import Finding
from .safe import printable


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, **_) -> str:
    by_file: "OrderedDict[str, list[Finding]]" = OrderedDict()
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    n = len(findings)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="okla-lint" tests="{max(n, 1)}" failures="{n}" errors="0">']
    if not findings:
        out.append('  <testsuite name="okla-lint" tests="1" failures="0" errors="0">')
        out.append('    <testcase name="no findings" classname="okla-lint"/>')
        out.append("  </testsuite>")
    for raw_path, fs in by_file.items():
        path = printable(raw_path)  # XML 1.0 cannot hold most control characters
        out.append(f'  <testsuite name={quoteattr(path)} tests="{len(fs)}" failures="{len(fs)}" errors="0">')
        for f in fs:
            name = quoteattr(f"{f.rule} at {f.line}:{f.col}")
            out.append(f"    <testcase name={name} classname={quoteattr(path)} file={quoteattr(path)} line=\"{f.line}\">")
            message = printable(f.message)
            body = escape(f"{path}:{f.line}:{f.col}: {f.severity}: {message} [{f.rule}]")
            out.append(f"      <failure message={quoteattr(message)} type={quoteattr(f.severity)}>{body}</failure>")
            out.append("    </testcase>")
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
