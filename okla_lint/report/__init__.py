"""Reporters: turn findings into text for people and machines. One module per format.

Each ``render(findings, result=None, catalogue=None, colour=False, **extra)`` returns the
whole report as a string; ``extra`` may carry ``enabled`` (rule ids) and ``severity``
(effective severity per rule) for formats that describe the rules (SARIF)."""
from __future__ import annotations

from typing import Callable

from . import full, github, gitlab, json_format, junit, rdjson, sarif, text

FORMATS: dict[str, Callable] = {
    "concise": text.render,
    "text": text.render,  # the old name of concise
    "full": full.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
    "rdjson": rdjson.render,
}
