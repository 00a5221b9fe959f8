"""Reading files safely and turning character offsets into line/column positions."""
from __future__ import annotations

import bisect
from array import array
import codecs
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .located import Span
from .io import NotAFile, open_regular, read_capped

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class ReadError(Exception):
    """The file cannot be linted; ``line``/``col`` say where, when known."""

    def __init__(self, message: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col


@dataclass
class SourceText:
    """Decoded text plus an index of line starts."""

    text: str
    line_starts: array = field(default_factory=lambda: array("q"))
    # scalar_segments per scalar (span, value): every finding inside one block scalar (an
    # Ocelot JSON in a ConfigMap) maps its positions through the same segments
    _segments: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # an array of machine ints, not a list of int objects: 8 bytes a line instead of
        # about 36 (a file of short lines must not cost more than its text: issue 12)
        starts = array("q", [0])
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    def offset(self, line: int, col: int) -> int:
        """Character offset of a 1-based (line, column)."""
        line = max(1, min(line, len(self.line_starts)))
        return self.line_starts[line - 1] + col - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        if not 1 <= line <= len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def span(self, start: int, end: int, style: str | None = None) -> Span:
        l1, c1 = self.position(start)
        l2, c2 = self.position(end)
        return Span(l1, c1, l2, c2, start, end, style)


def decode(data: bytes) -> str:
    """Decode file bytes as YAML and JSON readers do: UTF-8 (BOM optional), or UTF-16/32
    with a BOM. Raises ReadError for binary data and invalid UTF-8, naming the place."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        enc = "utf-32"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        enc = "utf-16"
    else:
        enc = "utf-8-sig"
        nul = data.find(b"\x00", 0, 8192)
        if nul != -1:
            raise ReadError("binary file (contains NUL bytes); it is not YAML or JSON")
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        if enc != "utf-8-sig":
            raise ReadError(f"cannot decode {enc} text: {exc.reason}") from None
        good = data[: exc.start]
        line = good.count(b"\n") + 1
        col = len(good[good.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise ReadError(
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}; save the file as UTF-8",
            line,
            col,
        ) from None


def over_limit(max_bytes: int, size: int | None = None) -> str:
    """The message for input over ``max-file-size`` (a path or standard input)."""
    what = f"file is {size} bytes, over" if size is not None else "file is over"
    return (f"{what} the {max_bytes}-byte limit; it was not linted "
            "(raise `max-file-size` in the configuration to lint it)")


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decoded text of a regular file of at most ``max_bytes`` bytes. FIFOs, sockets and
    devices are refused without being opened for reading (core/io.py)."""
    try:
        with open_regular(path) as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > max_bytes:
                raise ReadError(over_limit(max_bytes, size))
            data = read_capped(fh, max_bytes)
    except ReadError:
        raise
    except NotAFile as exc:
        raise ReadError(f"this is {exc.strerror}") from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}") from None
    if data is None:
        raise ReadError(over_limit(max_bytes))
    return decode(data)


def scalar_segments(src: SourceText, span: Span, value: str) -> list[tuple[int, int]]:
    """Align a scalar's value with its source text (computed once per scalar; see
    ``_scalar_segments``)."""
    return _segments_of(src, span, value)[0]


def _segments_of(src: SourceText, span: Span, value: str) -> tuple[list[tuple[int, int]], list[int]]:
    key = (span.start, span.end, span.style, value)
    hit = src._segments.get(key)
    if hit is None:
        segs = _scalar_segments(src, span, value)
        hit = src._segments[key] = (segs, [v for v, _ in segs])
    return hit


def _scalar_segments(src: SourceText, span: Span, value: str) -> list[tuple[int, int]]:
    """Align a scalar's value with its source text.

    Returns ``(value_offset, source_offset)`` pairs, sorted by value offset: the value
    character at ``value_offset`` was read from the source character at ``source_offset``,
    and so are the following characters up to the next pair. Block scalars, folded plain
    scalars and quoted scalars without escapes are mapped line by line; where the value
    cannot be aligned (escapes), the scalar start is used."""
    raw = src.text[span.start : span.end]
    style = span.style or ""
    if style in ("|", ">"):
        # skip the header line (indicator, optional comment)
        nl = _LINE_BREAK.search(raw)
        if not nl:
            return [(0, span.start)]
        body_start = nl.end()
        lines = _split_keep_offsets(raw, body_start)
    elif style in ('"', "'"):
        inner = raw[1:-1] if len(raw) >= 2 else raw
        if "\n" not in inner and "\r" not in inner:
            if inner == value:
                return [(0, span.start + 1)]
            exact = _quoted_segments(inner, value, style, span.start + 1)
            if exact is not None:
                return exact
        lines = _split_keep_offsets(raw, 1)
    else:
        if "\n" not in raw and "\r" not in raw:
            return [(0, span.start)]
        lines = _split_keep_offsets(raw, 0)
    segs: list[tuple[int, int]] = []
    vpos = 0
    for text, off in lines:
        stripped = text.lstrip(" \t")
        lead = len(text) - len(stripped)
        if style in ('"', "'") and off + len(text) >= len(raw):
            stripped = stripped[:-1] if stripped.endswith(style) else stripped  # the closing quote
        if not stripped.strip():
            continue
        if style in ('"', "'") and ("\\" in stripped if style == '"' else "''" in stripped):
            # a line of a multi-line quoted scalar with escapes: decode it, then align it
            # character by character
            line_segs = _quoted_line_segments(stripped.rstrip(" \t"), value, vpos, style, span.start + off + lead)
            if line_segs is not None:
                segs.extend(line_segs[0])
                vpos = line_segs[1]
                continue
        # block scalars keep extra indentation in the value; find the best match
        found = value.find(stripped.rstrip(), vpos)
        if found == -1:
            # try with indentation kept (more-indented lines of block scalars)
            found = value.find(stripped.strip(), vpos)
            if found == -1:
                continue
            lead = len(text) - len(text.lstrip(" \t"))
            seg_src = span.start + off + text.find(stripped.strip())
        else:
            seg_src = span.start + off + lead
        segs.append((found, seg_src))
        vpos = found + len(stripped.rstrip())
    return segs or [(0, span.start)]


_ESCAPE_LEN = {"x": 2, "u": 4, "U": 8}


def _quoted_segments(inner: str, value: str, style: str, base: int) -> list[tuple[int, int]] | None:
    """Exact alignment of a one-line quoted scalar (YAML or JSON) with escapes: one pair per
    value character. None when the decoded text does not match ``value``."""
    segs: list[tuple[int, int]] = []
    i = v = 0
    n = len(inner)
    while i < n:
        if v >= len(value):
            return None
        c = inner[i]
        if style == "'" and c == "'" and i + 1 < n and inner[i + 1] == "'":
            width = 2
        elif style == '"' and c == "\\" and i + 1 < n:
            width = 2 + _ESCAPE_LEN.get(inner[i + 1], 0)
        else:
            width = 1
        segs.append((v, base + i))
        i += width
        v += 1
    return segs if v == len(value) else None


_DQ_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}


def _decode_quoted_line(text: str, style: str) -> str | None:
    """The value characters one line of a quoted scalar contributes (its escapes decoded; a
    trailing ``\\`` of a double-quoted line, an escaped line break, contributes nothing), or
    None for an escape this reader does not know."""
    if style == "'":
        return text.replace("''", "'")
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= n:
            break  # the escaped line break
        e = text[i + 1]
        width = _ESCAPE_LEN.get(e)
        if width:
            try:
                out.append(chr(int(text[i + 2 : i + 2 + width], 16)))
            except ValueError:
                return None
            i += 2 + width
            continue
        if e not in _DQ_ESCAPES:
            return None
        out.append(_DQ_ESCAPES[e])
        i += 2
    return "".join(out)


def _quoted_line_segments(text: str, value: str, vpos: int, style: str, base: int) -> tuple[list[tuple[int, int]], int] | None:
    """(segments, next value offset) of one line of a multi-line quoted scalar with escapes
    (``text`` starts at source offset ``base``), or None when it cannot be aligned."""
    body = text
    if style == '"' and (len(text) - len(text.rstrip("\\"))) % 2 == 1:
        body = text[:-1]  # an escaped line break
    decoded = _decode_quoted_line(body, style)
    if not decoded:
        return None
    found = value.find(decoded, vpos)
    if found == -1:
        return None
    segs = _quoted_segments(body, decoded, style, base)
    if segs is None:
        return None
    return [(v + found, src) for v, src in segs], found + len(decoded)


def quoted_scalar_aligned(src: SourceText, span: Span, value: str) -> bool:
    """Whether every line of a quoted scalar is aligned with its value, so that positions
    inside it are exact (``_scalar_segments`` skips a line it cannot align)."""
    raw = src.text[span.start : span.end]
    style = span.style or ""
    if style not in ('"', "'") or len(raw) < 2:
        return False
    inner = raw[1:-1]
    if "\n" not in inner and "\r" not in inner:
        return inner == value or _quoted_segments(inner, value, style, 0) is not None
    vpos = 0
    for text, off in _split_keep_offsets(raw, 1):
        stripped = text.lstrip(" \t")
        if off + len(text) >= len(raw):
            stripped = stripped[:-1] if stripped.endswith(style) else stripped
        stripped = stripped.rstrip(" \t")
        if not stripped:
            continue
        if "\\" in stripped if style == '"' else "''" in stripped:
            got = _quoted_line_segments(stripped, value, vpos, style, 0)
            if got is None:
                return False
            vpos = got[1]
            continue
        found = value.find(stripped, vpos)
        if found == -1:
            return False
        vpos = found + len(stripped)
    return True


def _split_keep_offsets(raw: str, start: int) -> list[tuple[str, int]]:
    out = []
    pos = start
    for m in _LINE_BREAK.finditer(raw, start):
        out.append((raw[pos : m.start()], pos))
        pos = m.end()
    if pos < len(raw):
        out.append((raw[pos:], pos))
    return out


def locate_in_scalar(src: SourceText, span: Span, value: str, offset: int) -> tuple[int, int]:
    """1-based (line, col) of character ``offset`` of a scalar's value."""
    segs, starts = _segments_of(src, span, value)
    # the last segment starting at or before ``offset`` (segments are sorted by value offset)
    i = bisect.bisect_right(starts, offset) - 1
    best = segs[max(i, 0)]
    if best[0] > offset:
        return span.line, span.col
    return src.position(best[1] + (offset - best[0]))


def scalar_sub_span(unit: Any, span: Span, value: str, start: int, end: int) -> Span:
    """The span of ``value[start:end]`` where ``value`` is the scalar at ``span`` in
    ``unit`` (a FileUnit): exact inside block scalars (``run: |``), folded and quoted
    scalars; ``span`` itself when the file's text is unknown."""
    src = unit.src
    if src is None:
        return span
    l1, c1 = locate_in_scalar(src, span, value, start)
    l2, c2 = locate_in_scalar(src, span, value, max(start, end - 1))
    return Span(l1, c1, l2, c2 + 1)
