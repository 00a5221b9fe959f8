"""The short form of a message for one-line output (``--output-format concise``).

Messages say what is wrong, why it breaks and how to fix it, in that order; the concise
line keeps the first part, cut at the last clause boundary (``; `` or ``: ``) that fits
in about 160 characters, else at a word with an ellipsis. ``full`` and the JSON
report carry the whole message and the catalogue's help."""
from __future__ import annotations

import re

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")  # don't, container's

LIMIT = 160
_MIN = 50  # a clause shorter than this says too little: cut at a word instead


def short_message(message: str, limit: int = LIMIT) -> str:
    if len(message) <= limit:
        return message
    # asides in parentheses go first, so that what is wrong fits ("allows 65 s (delay +
    # threshold x period) to start, under the 90 s minimum")
    message = _drop_asides(message)
    if len(message) <= limit:
        return message
    head = message[: limit + 1]
    # the longest leading clause that fits (more of "what is wrong" survives)
    best = -1
    # a clause ends at "; " or ": "; a cut before ", but" or ", which" would drop what is
    # wrong ("X is stored in a Secret, but it expires"), so those are cut at a word instead
    for sep in ("; ", ": "):
        i = head.rfind(sep, _MIN, limit)
        while i != -1 and not _balanced(head[:i]):
            i = head.rfind(sep, _MIN, i)
        best = max(best, i)
    if best != -1:
        return head[:best].rstrip(" ,;:")
    cut = head.rfind(" ", _MIN, limit - 1)
    if cut == -1:
        cut = limit - 1
    return head[:cut].rstrip(" ,;:") + "…"


_ASIDE = re.compile(r" \([^()]*\)")


def _drop_asides(message: str) -> str:
    """`` (...)`` groups removed, except inside quotes or backticks (a quoted value keeps
    its text)."""
    out, last = [], 0
    for m in _ASIDE.finditer(message):
        if _balanced(message[: m.start()]):
            out.append(message[last : m.start()])
            last = m.end()
    out.append(message[last:])
    return "".join(out)


def _balanced(text: str) -> bool:
    """Not inside quotes, backticks or brackets (a ``: `` in a quoted value is no clause
    boundary)."""
    text = _APOSTROPHE.sub("", text)
    return (text.count("`") % 2 == 0 and text.count("'") % 2 == 0 and text.count('"') % 2 == 0
            and text.count("(") == text.count(")") and text.count("[") == text.count("]"))
