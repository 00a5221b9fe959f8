"""Reporters: turn findings into text for people and machines. One module per format.

Each ``render(findings, result=None, catalogue=None, colour=False, **extra)`` returns the
whole report as a string; ``extra`` may carry ``enabled`` (rule ids) and ``severity``
(effective severity per rule) for formats that describe the rules (SARIF), and ``fixable``
(a predicate: the findings ``--fix`` would fix) for the text formats, which mark them."""
from __future__ import annotations

import importlib
from typing import Callable


def _lazy(module: str) -> Callable:
    """The module's ``render``, imported on first use (SARIF and JUnit pull in xml and
    urllib, which every start would pay for)."""

    def render(*args, **kwargs):
        return importlib.import_module(f"{__name__}.{module}").render(*args, **kwargs)

    return render


FORMATS: dict[str, Callable] = {
    "concise": _lazy("text"),
    "text": _lazy("text"),  # the old name of concise
    "full": _lazy("full"),
    "json": _lazy("json_format"),
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "junit": _lazy("junit"),
    "gitlab": _lazy("gitlab"),
    "rdjson": _lazy("rdjson"),
}
