"""The short form of a message for one-line output (``--output-format concise``).

Messages say what is wrong, why it breaks and how to fix it, in that order; the concise
line keeps the first part, cut at a clause boundary (``; `` or ``: ``) when the whole does
not fit in about 160 characters, else at a word with an ellipsis. ``full`` and the JSON
report carry the whole message and the catalogue's help."""
from __future__ import annotations

import re

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")  # don't, container's

LIMIT = 160
_MIN = 50  # a clause shorter than this says too little: cut at a word instead


def short_message(message: str, limit: int = LIMIT) -> str:
    if len(message) <= limit:
        return message
    head = message[: limit + 1]
    # the longest leading clause that fits (more of "what is wrong" survives)
    best = -1
    for sep in ("; ", ": ", ", so ", ", but ", ", which "):
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


def _balanced(text: str) -> bool:
    """Not inside quotes, backticks or brackets (a ``: `` in a quoted value is no clause
    boundary)."""
    text = _APOSTROPHE.sub("", text)
    return (text.count("`") % 2 == 0 and text.count("'") % 2 == 0 and text.count('"') % 2 == 0
            and text.count("(") == text.count(")") and text.count("[") == text.count("]"))
