"""``${{ }}`` expressions inside workflow strings."""
from __future__ import annotations

import re
from typing import Iterator

_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)

# the job-scoped installation token, however it is spelled (contexts are case-insensitive)
JOB_TOKEN = re.compile(
    r"\bsecrets\s*(?:\.\s*GITHUB_TOKEN\b|\[\s*'GITHUB_TOKEN'\s*\])|\bgithub\s*(?:\.\s*token\b|\[\s*'token'\s*\])",
    re.I,
)


def expressions(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, inner text) of each ``${{ ... }}`` in ``text``."""
    for m in _EXPR.finditer(text):
        yield m.start(), m.end(), m.group(1)


def env_refs(inner: str) -> list[str]:
    """Names read from the ``env`` context in an expression (``env.NAME``, ``env['NAME']``)."""
    return re.findall(r"\benv\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']+)'\s*\])", inner) and [
        a or b for a, b in re.findall(r"\benv\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']+)'\s*\])", inner)
    ]


def step_output_refs(inner: str) -> list[tuple[str, str]]:
    """(step id, output name) for each ``steps.<id>.outputs.<name>`` in an expression."""
    return re.findall(r"\bsteps\s*\.\s*([A-Za-z_][A-Za-z0-9_-]*)\s*\.\s*outputs\s*\.\s*([A-Za-z_][A-Za-z0-9_-]*)", inner)
