"""``path:line:col: severity: message [rule]``, one line per finding
(``--output-format concise``, the default; ``text`` is its old name). The message is the
short form (short.py): at most about 160 characters.

A finding that ``--fix`` would fix (a safe fix; an unsafe one too when ``--unsafe-fixes``
is given) is marked as ruff marks it, with ``[*]``: ``message [*] [rule]``. The marker
goes before the rule, not after it, so that the line still ends with ``[rule]``: problem
matchers copied before it existed (anchored on ``[rule]`` at the end) keep matching every line,
and the current one (matcher.py) leaves the marker out of the message."""
from __future__ import annotations

from ..core.finding import Finding
from .safe import printable
from .short import short_message

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
FIXABLE = " [*]"


def line(f: Finding, colour: bool = False, fixable: bool = False) -> str:
    # control characters from the linted files never reach the terminal raw (safe.py)
    sev, path, message = f.severity, printable(f.path), printable(_short(f))
    if fixable:
        message += FIXABLE
    if colour:
        loc = f"{_BOLD}{path}:{f.line}:{f.col}{_RESET}"
        return f"{loc}: {_COLOURS.get(sev, '')}{sev}{_RESET}: {message} [{f.rule}]"
    return f"{path}:{f.line}:{f.col}: {sev}: {message} [{f.rule}]"


def _short(f: Finding) -> str:
    """The short message, keeping "(… and N more)" of a finding that stands for several
    places (post/merge.fold)."""
    if f.also and f.message.endswith(f" ({f.also})"):
        return f"{short_message(f.message[: -len(f.also) - 3])} ({f.also})"
    return short_message(f.message)


def render(findings: list[Finding], result=None, catalogue=None, colour: bool = False, fixable=None, **_) -> str:
    """``fixable``: which findings ``--fix`` would fix (a predicate; None: none)."""
    out = [line(f, colour, bool(fixable and fixable(f))) for f in findings]
    return "\n".join(out) + ("\n" if out else "")
