"""Text from the linted files (names, values, comments, file names) reaches the reports
inside messages and paths. A terminal, a CI log or an XML parser must never receive its
control characters raw: an ESC or BEL would run terminal commands (clear the screen, set
the window title, fake colours), a newline would split one finding into two lines for a
problem matcher, and most C0 characters make XML 1.0 ill-formed. ``printable`` writes
them as visible escapes (``\\n``, ``\\x1b``), as the messages already do where they quote a
value with ``repr``; tabs stay."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(m: re.Match) -> str:
    ch = m.group(0)
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CONTROL_KEEP_LINES = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


def printable(text: str, keep_newlines: bool = False) -> str:
    """``keep_newlines``: for formats that encode line breaks themselves (GitHub workflow
    commands write them as %0A, a multi-line annotation)."""
    if not text:
        return text
    return (_CONTROL_KEEP_LINES if keep_newlines else _CONTROL).sub(_escape, text)
