"""Located documents: plain Python containers that remember where each part came from.

Every parser (YAML, JSON) produces ``LMap`` / ``LSeq`` trees whose keys, values and items
carry a ``Span`` (1-based line and column, plus character offsets into the source text).
Rules read these trees like ordinary dicts and lists and ask them for positions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator


# not frozen: a frozen dataclass sets each field through object.__setattr__, and the parser
# creates one Span per node; treat spans as immutable all the same
@dataclass(slots=True, unsafe_hash=True)
class Span:
    """Where a node sits in its file. Lines and columns are 1-based; ``start``/``end`` are
    0-based character offsets into the decoded text. ``style`` is the scalar style
    (``''`` plain, ``'"'``/``"'"`` quoted, ``'|'``/``'>'`` block) or ``None`` for containers."""

    line: int
    col: int
    end_line: int
    end_col: int
    start: int = 0
    end: int = 0
    style: str | None = None


NOWHERE = Span(1, 1, 1, 1)


class LMap(dict):
    """A dict that knows the span of each key, each value and of itself."""

    __slots__ = ("span", "kspans", "vspans", "dups")

    def __init__(self, span: Span = NOWHERE):
        super().__init__()
        self.span = span
        self.kspans: dict[Any, Span] = {}
        self.vspans: dict[Any, Span] = {}
        # (key, first key span, duplicate key span) for keys written twice
        self.dups: list[tuple[Any, Span, Span]] = []

    def key_span(self, key: Any) -> Span:
        return self.kspans.get(key, self.span)

    def value_span(self, key: Any) -> Span:
        return self.vspans.get(key, self.kspans.get(key, self.span))

    def ikey(self, name: str) -> Any:
        """The key matching ``name`` case-insensitively (Ocelot, Newtonsoft), or None."""
        low = name.lower()
        for k in self:
            if isinstance(k, str) and k.lower() == low:
                return k
        return None

    def iget(self, name: str, default: Any = None) -> Any:
        k = self.ikey(name)
        return default if k is None else self[k]


class LSeq(list):
    """A list that knows the span of each item and of itself."""

    __slots__ = ("span", "spans")

    def __init__(self, span: Span = NOWHERE):
        super().__init__()
        self.span = span
        self.spans: list[Span] = []

    def item_span(self, index: int) -> Span:
        if 0 <= index < len(self.spans):
            return self.spans[index]
        return self.span


def span_of(container: Any, key: Any) -> Span:
    """Span of the value at ``key`` in an LMap, or of item ``key`` in an LSeq."""
    if isinstance(container, LMap):
        return container.value_span(key)
    if isinstance(container, LSeq):
        return container.item_span(key)
    return NOWHERE


def get_path(node: Any, *path: Any, default: Any = None) -> Any:
    """Follow keys / indexes; return ``default`` where the path does not exist or a
    container has the wrong type."""
    cur = node
    for p in path:
        if isinstance(cur, dict) and not isinstance(p, int):
            if p not in cur:
                return default
            cur = cur[p]
        elif isinstance(cur, list) and isinstance(p, int):
            if not -len(cur) <= p < len(cur):
                return default
            cur = cur[p]
        else:
            return default
    return cur


def iter_maps(seq: Any) -> Iterator[tuple[int, LMap]]:
    """(index, item) for each mapping item of a list; anything else is skipped."""
    if isinstance(seq, list):
        for i, item in enumerate(seq):
            if isinstance(item, LMap):
                yield i, item
