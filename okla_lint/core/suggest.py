""""Did you mean" for names that are matched case-insensitively (YAML keys, job ids,
inputs, Ocelot keys): the closest option, in its own spelling."""
from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option closest to ``word`` ignoring case (difflib's ratio of at least
    ``cutoff``), as the option spells it; None when nothing is close enough."""
    by_low = {o.lower(): o for o in options}
    m = difflib.get_close_matches(word.lower(), list(by_low), n=1, cutoff=cutoff)
    return by_low[m[0]] if m else None
