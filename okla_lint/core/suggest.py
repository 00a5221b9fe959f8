""""Did you mean": the one place that compares a misspelled name with the valid ones
(rule ids, configuration keys, YAML keys, job ids, inputs, Ocelot keys, Service names).
Every "did you mean" of okla-lint uses these, so suggestions are alike everywhere."""
from __future__ import annotations

import difflib
from typing import Iterable


def close_matches(word: str, options: Iterable[str], n: int = 1, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` options closest to ``word`` (difflib's ratio of at least ``cutoff``),
    best first; case matters."""
    return difflib.get_close_matches(word, list(options), n=n, cutoff=cutoff)


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option closest to ``word`` ignoring case (difflib's ratio of at least
    ``cutoff``), as the option spells it; None when nothing is close enough."""
    by_low = {o.lower(): o for o in options}
    m = close_matches(word.lower(), by_low, n=1, cutoff=cutoff)
    return by_low[m[0]] if m else None


def similar(a: str, b: str, cutoff: float = 0.6) -> bool:
    """Whether two names are alike: difflib's ratio of at least ``cutoff``."""
    return difflib.SequenceMatcher(None, a, b).ratio() >= cutoff
