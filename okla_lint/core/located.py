"""Located documents: plain Python containers that remember where each part came from.

Every parser (YAML, JSON) produces ``LMap`` / ``LSeq`` trees whose keys, values and items
carry a ``Span`` (1-based line and column, plus character offsets into the source text).
Rules read these trees like ordinary dicts and lists and ask them for positions.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Any, Iterator


_BITS = 32
_MASK = (1 << _BITS) - 1
_FIELDS = ("line", "col", "end_line", "end_col", "start", "end")


class Span:
    """Where a node sits in its file. Lines and columns are 1-based; ``start``/``end`` are
    0-based character offsets into the decoded text. ``style`` is the scalar style
    (``''`` plain, ``'"'``/``"'"`` quoted, ``'|'``/``'>'`` block) or ``None`` for containers.

    Immutable. The parser makes one per node, so the six numbers are packed into one int
    (one object instead of up to six boxed ints: issue 12, memory bounded by input)."""

    __slots__ = ("_p", "style")

    def __init__(self, line: int, col: int, end_line: int, end_col: int, start: int = 0, end: int = 0,
                 style: str | None = None):
        if (line | col | end_line | end_col | start | end) >> _BITS == 0:  # all in 0..2**32-1
            self._p = line | col << 32 | end_line << 64 | end_col << 96 | start << 128 | end << 160
        else:  # negative or huge: kept as they are
            self._p = (line, col, end_line, end_col, start, end)
        self.style = style

    def _get(self, i: int) -> int:
        p = self._p
        return p[i] if type(p) is tuple else (p >> (32 * i)) & _MASK

    line = property(lambda self: self._get(0))
    col = property(lambda self: self._get(1))
    end_line = property(lambda self: self._get(2))
    end_col = property(lambda self: self._get(3))
    start = property(lambda self: self._get(4))
    end = property(lambda self: self._get(5))

    def _tuple(self) -> tuple:
        return (*(self._get(i) for i in range(6)), self.style)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Span:
            return NotImplemented
        return self._tuple() == other._tuple()

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __repr__(self) -> str:
        parts = ", ".join(f"{n}={v!r}" for n, v in zip((*_FIELDS, "style"), self._tuple()))
        return f"Span({parts})"

    def __reduce__(self):  # pickling (caches, worker processes)
        return (Span, self._tuple())


NOWHERE = Span(1, 1, 1, 1)

_STYLES = (None, "", '"', "'", "|", ">")
_STYLE_CODE = {st: i for i, st in enumerate(_STYLES)}


class SpanList:
    """The item spans of a parsed list, kept as character offsets in machine-int arrays
    (17 bytes an item instead of a Span object's ~100) and turned back into ``Span`` on
    access through the source's line index. A JSON array of a million small numbers must
    not cost more than 30x its text (issue 12). The parsers append only spans made from
    offsets into ``src``, so the positions come back the same."""

    __slots__ = ("_src", "_start", "_end", "_style")

    def __init__(self, src):
        self._src = src
        self._start = array("q")
        self._end = array("q")
        self._style = array("b")

    def append(self, span: Span | int) -> None:
        if type(span) is int:  # pack_span's form
            self._start.append(span & _OFF_MASK)
            self._end.append((span >> _OFF_BITS) & _OFF_MASK)
            self._style.append(span >> (2 * _OFF_BITS))
            return
        code = _STYLE_CODE.get(span.style)
        if code is None:  # pragma: no cover - the parsers know no other style
            raise ValueError(f"unknown scalar style {span.style!r}")
        self._start.append(span.start)
        self._end.append(span.end)
        self._style.append(code)

    def __len__(self) -> int:
        return len(self._start)

    @staticmethod
    def one(src, packed: int) -> Span:
        """The Span of a ``pack_span`` int of a span in ``src``."""
        start, end = packed & _OFF_MASK, (packed >> _OFF_BITS) & _OFF_MASK
        pos = src.position
        return Span(*pos(start), *pos(end), start, end, _STYLES[packed >> (2 * _OFF_BITS)])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        start, end = self._start[index], self._end[index]
        pos = self._src.position
        return Span(*pos(start), *pos(end), start, end, _STYLES[self._style[index]])

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


# a scalar's span as one small int (start, end, style: two 30-bit digits, 32 bytes instead
# of a Span's 96) while the offsets fit; see SpanDict
_OFF_BITS = 28
_OFF_MAX = 1 << _OFF_BITS
_OFF_MASK = _OFF_MAX - 1


def pack_span(start: int, end: int, style: str | None) -> int | None:
    """``start``/``end``/``style`` as the int a SpanDict keeps (None when they do not fit)."""
    if 0 <= start < _OFF_MAX and 0 <= end < _OFF_MAX:
        return start | end << _OFF_BITS | _STYLE_CODE[style] << (2 * _OFF_BITS)
    return None


def as_span(src, span: Span | int) -> Span:
    """``span`` as a Span: a ``pack_span`` int of a span in ``src`` is unpacked, a Span is
    itself (what the parsers keep where a span goes into its parent)."""
    return span if type(span) is not int else SpanList.one(src, span)


class SpanDict(dict):
    """The key or value spans of a parsed mapping. The parser stores most of them as ints
    (``pack_span``: character offsets and style) and they become ``Span`` objects when read,
    through the source's line index, as ``SpanList`` does for items: one Span object per
    key and value made the memory of a large repository mostly spans (issue 11). Reads
    (``[]``, ``get``, ``pop``, ``items``, ``values``) always give ``Span``."""

    __slots__ = ("src",)

    def __init__(self, src):
        super().__init__()
        self.src = src

    def _span(self, p):
        return as_span(self.src, p)

    def __getitem__(self, key):
        return self._span(dict.__getitem__(self, key))

    def get(self, key, default=None):
        p = dict.get(self, key, self)
        return default if p is self else self._span(p)

    def pop(self, key, *default):
        return self._span(dict.pop(self, key, *default))

    def values(self):
        return [self._span(p) for p in dict.values(self)]

    def items(self):
        return [(k, self._span(p)) for k, p in dict.items(self)]

    def __reduce__(self):  # pickling (worker processes): plain spans
        return (dict, (self.items(),))


class LMap(dict):
    """A dict that knows the span of each key, each value and of itself."""

    __slots__ = ("span", "kspans", "vspans", "dups")

    def __init__(self, span: Span = NOWHERE, src=None):
        super().__init__()
        self.span = span
        self.kspans: dict[Any, Span] = {} if src is None else SpanDict(src)
        self.vspans: dict[Any, Span] = {} if src is None else SpanDict(src)
        # (key, first key span, duplicate key span) for keys written twice; a shared empty
        # tuple until the parser finds one (most maps have none: memory per node)
        self.dups: list[tuple[Any, Span, Span]] | tuple = ()

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


@dataclass(slots=True)
class YamlDoc:
    """One YAML document (files.Document, read by core/parse_yaml.py): its root, span,
    0-based index in the stream and duplicate keys (key, first key span, duplicate key
    span)."""

    root: Any
    span: Span
    index: int
    dups: list = field(default_factory=list)
