"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

    ::group::deploy/app.yaml
    ::error file=deploy/app.yaml,line=12,endLine=12,col=11,endColumn=22,title=startup-probe-budget::message
    ::endgroup::

Values are escaped as ``@actions/core`` does (``command.ts``): data escapes ``%``, CR and
LF; properties also ``:`` and ``,``. Columns are given only for single-line spans (GitHub
ignores them otherwise). ``file=`` is relative to the repository root (GITHUB_WORKSPACE),
whatever folder okla-lint ran in. GitHub shows at most 10 errors and 10 warnings per step as
annotations; the log keeps every line.
"""
from __future__ import annotations

from ..core.finding import Finding
from .safe import printable
from .paths import in_repo, repo_root

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, path: str | None = None) -> str:
    """``path``: the file relative to the repository root (what GitHub resolves ``file=``
    against), default the finding's own path."""
    # control characters from the linted files never reach the log raw (safe.py)
    props = [("file", printable(path or f.path, keep_newlines=True)), ("line", str(f.line))]
    end_line = f.end_line or f.line
    props.append(("endLine", str(end_line)))
    if end_line == f.line:
        props.append(("col", str(f.col)))
        if f.end_col and f.end_col > f.col:
            props.append(("endColumn", str(f.end_col)))
    props.append(("title", f.rule))
    msg = printable(f.message, keep_newlines=True)
    for r in f.related:
        msg += f"\n{printable(r.path)}:{r.line}:{r.col}: {printable(r.message, keep_newlines=True)}".rstrip(": ")
    prop_text = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{COMMAND.get(f.severity, 'warning')} {prop_text}::{escape_data(msg)}"


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, **_) -> str:
    root = repo_root()
    out: list[str] = []
    current = None
    for f in findings:
        if f.path != current:
            if current is not None:
                out.append("::endgroup::")
            current = f.path
            # the same path as the annotations' file=, relative to the repository root
            out.append(f"::group::{escape_data(printable(in_repo(f.path, root)))}")
        out.append(command(f, in_repo(f.path, root)))
    if current is not None:
        out.append("::endgroup::")
    return "\n".join(out) + ("\n" if out else "")
