"""Reporters: turn findings into text for people and machines. One module per format."""
from __future__ import annotations

from typing import Callable

from . import json_format, text

FORMATS: dict[str, Callable] = {
    "text": text.render,
    "json": json_format.render,
}
