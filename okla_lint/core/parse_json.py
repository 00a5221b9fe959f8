"""JSON (and JSON with comments) -> a located document.

A small hand-written reader, because no JSON library reports the position of every value,
comment and trailing comma. It accepts what tolerant readers accept (``//`` and ``/* */``
comments, trailing commas) and records each of them so rules can report them; anything
else that is not JSON is a syntax error with its exact position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .located import LMap, LSeq, Span, SpanList, as_span, pack_span
from .source import SourceText

MAX_DEPTH = 512
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?\Z")

_WS = " \t\r\n\ufeff"
# runs the reader skips in one step (the loops below look at one character at a time only
# where something other than these can come)
_WS_RUN = re.compile("[" + _WS + "]*")
_PLAIN = {'"': re.compile(r'[^"\\\r\n]*'), "'": re.compile(r"[^'\\\r\n]*")}
_NUMBER_RUN = re.compile(r"[0-9.eE+-]*")
_LINE_REST = re.compile(r"[^\r\n]*")
_ESC = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class JsonError(Exception):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.partial: "JsonDoc | None" = None  # comments and commas read before the error


@dataclass
class JsonDoc:
    root: Any
    span: Span
    comments: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, "//" or "/*")
    trailing_commas: list[int] = field(default_factory=list)  # offsets of the commas
    dups: list = field(default_factory=list)  # (key, first key span, duplicate key span)
    extensions: list = field(default_factory=list)  # JSON5 syntax read: (offset, what, fix)


class _Reader:
    def __init__(self, src: SourceText):
        self.src = src
        self.s = src.text
        self.n = len(self.s)
        self.i = 0
        self.comments: list[tuple[int, int, str]] = []
        self.trailing: list[int] = []
        self.extensions: list[tuple[int, str, str]] = []  # (offset, what, how to fix)
        self.dups: list = []

    def skip(self) -> None:
        s, n = self.s, self.n
        while self.i < n:
            self.i = _WS_RUN.match(s, self.i).end()
            if self.i >= n:
                return
            c = s[self.i]
            if c == "/" and self.i + 1 < n and s[self.i + 1] == "/":
                start = self.i
                j = _LINE_REST.match(s, self.i + 2).end()
                self.comments.append((start, j, "//"))
                self.i = j
            elif c == "/" and self.i + 1 < n and s[self.i + 1] == "*":
                start = self.i
                end = s.find("*/", self.i + 2)
                if end == -1:
                    raise JsonError("unterminated /* comment", start)
                self.comments.append((start, end + 2, "/*"))
                self.i = end + 2
            else:
                return

    def _eof(self, opener: str, start: int) -> JsonError:
        """The file ends inside an object or array: reported at the end of the text (where
        JSON readers stop), naming the bracket that is never closed."""
        line, col = self.src.position(start)
        closer = "}" if opener == "{" else "]"
        return JsonError(
            f"unexpected end of file: the '{opener}' at line {line}, column {col} is never "
            f"closed (a '{closer}' is missing)",
            self.n,
        )

    def value(self, depth: int) -> tuple[Any, Span]:
        if depth > MAX_DEPTH:
            raise JsonError(f"nested more than {MAX_DEPTH} levels deep", self.i)
        self.skip()
        if self.i >= self.n:
            raise JsonError("unexpected end of file, expected a value", self.i)
        c = self.s[self.i]
        start = self.i
        if c == "{":
            return self.obj(depth)
        if c == "[":
            return self.arr(depth)
        if c == '"':
            v = self.string()
            return v, self.scalar_span(start, '"')
        if c in "-0123456789":
            return self.number(), self.scalar_span(start, "")
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return val, self.scalar_span(start, "")
        if c == "'":
            v = self.string("'")
            self.extension(start, "a single-quoted string", "use double quotes")
            return v, self.scalar_span(start, "'")
        if c == "}" or c == "]":
            raise JsonError(f"unexpected '{c}', expected a value", start)
        raise JsonError(f"unexpected character {c!r}, expected a value", start)

    def obj(self, depth: int) -> tuple[LMap, Span]:
        start = self.i
        m = LMap(src=self.src)
        self.i += 1
        self.skip()
        if self.i < self.n and self.s[self.i] == "}":
            self.i += 1
            m.span = self.src.span(start, self.i)
            return m, m.span
        while True:
            self.skip()
            if self.i >= self.n:
                raise self._eof("{", start)
            c = self.s[self.i]
            kstart = self.i
            if c == '"':
                k = self.string()
                kspan = self.scalar_span(kstart, '"')
            elif c == "'":
                k = self.string("'")
                kspan = self.scalar_span(kstart, "'")
                self.extension(kstart, "a single-quoted property name", "use double quotes")
            elif _IDENT.match(self.s, self.i):
                # JSON5 / Newtonsoft accept bare identifiers as property names
                k = _IDENT.match(self.s, self.i).group(0)
                self.i += len(k)
                kspan = self.scalar_span(kstart, "")
                self.extension(kstart, f"the unquoted property name {k}", f'write it as "{k}"')
            else:
                if c == "}":
                    raise JsonError("unexpected '}'", self.i)
                raise JsonError("expected a double-quoted property name", self.i)
            self.skip()
            if self.i >= self.n or self.s[self.i] != ":":
                raise JsonError(f"expected ':' after property name \"{k}\"", self.i)
            self.i += 1
            v, vspan = self.value(depth + 1)
            if k in m.kspans:
                if not m.dups:
                    m.dups = []
                dup = (k, m.kspans[k], as_span(self.src, kspan))
                m.dups.append(dup)
                self.dups.append(dup)
            m[k] = v
            dict.__setitem__(m.kspans, k, kspan)
            dict.__setitem__(m.vspans, k, vspan)
            self.skip()
            if self.i >= self.n:
                raise self._eof("{", start)
            c = self.s[self.i]
            if c == ",":
                comma = self.i
                self.i += 1
                self.skip()
                if self.i < self.n and self.s[self.i] == "}":
                    self.trailing.append(comma)
                    self.i += 1
                    break
                continue
            if c == "}":
                self.i += 1
                break
            raise JsonError(f"expected ',' or '}}' after a property value, found {c!r}", self.i)
        m.span = self.src.span(start, self.i)
        return m, m.span

    def arr(self, depth: int) -> tuple[LSeq, Span]:
        start = self.i
        seq = LSeq()
        seq.spans = SpanList(self.src)
        self.i += 1
        self.skip()
        if self.i < self.n and self.s[self.i] == "]":
            self.i += 1
            seq.span = self.src.span(start, self.i)
            return seq, seq.span
        while True:
            v, vspan = self.value(depth + 1)
            seq.append(v)
            seq.spans.append(vspan)
            self.skip()
            if self.i >= self.n:
                raise self._eof("[", start)
            c = self.s[self.i]
            if c == ",":
                comma = self.i
                self.i += 1
                self.skip()
                if self.i < self.n and self.s[self.i] == "]":
                    self.trailing.append(comma)
                    self.i += 1
                    break
                continue
            if c == "]":
                self.i += 1
                break
            raise JsonError(f"expected ',' or ']' after an array item, found {c!r}", self.i)
        seq.span = self.src.span(start, self.i)
        return seq, seq.span

    def scalar_span(self, start: int, style: str) -> Span | int:
        """The span of the scalar from ``start`` to here: kept as ``pack_span``'s int (its
        Span is made from the offsets when read: ``SpanDict``, ``SpanList``), a Span when
        the offsets do not fit."""
        packed = pack_span(start, self.i, style)
        return packed if packed is not None else self.src.span(start, self.i, style)

    def extension(self, offset: int, what: str, fix: str) -> None:
        """JSON5 syntax that tolerant readers (Newtonsoft, which Ocelot uses; json5) accept
        and strict JSON readers reject: recorded, and the document is still read."""
        self.extensions.append((offset, what, fix))

    def string(self, quote: str = '"') -> str:
        s, n = self.s, self.n
        start = self.i
        self.i += 1
        out: list[str] = []
        chunk = self.i
        plain = _PLAIN.get(quote)
        while True:
            if plain is not None:
                self.i = plain.match(s, self.i).end()
            if self.i >= n:
                raise JsonError("unterminated string", start)
            c = s[self.i]
            if c == quote:
                out.append(s[chunk : self.i])
                self.i += 1
                return "".join(out)
            if c == "\\":
                out.append(s[chunk : self.i])
                if self.i + 1 >= n:
                    raise JsonError("unterminated string", start)
                e = s[self.i + 1]
                if e in _ESC or e == quote:
                    out.append(_ESC.get(e, e))
                    self.i += 2
                elif e == "u":
                    hexd = s[self.i + 2 : self.i + 6]
                    try:
                        out.append(chr(int(hexd, 16)))
                    except ValueError:
                        raise JsonError("invalid \\u escape in string", self.i) from None
                    self.i += 6
                else:
                    raise JsonError(f"invalid escape '\\{e}' in string", self.i)
                chunk = self.i
                continue
            if c in "\r\n":
                raise JsonError("line break inside a string (strings must be on one line)", self.i)
            self.i += 1

    def number(self) -> int | float:
        s, n = self.s, self.n
        start = self.i
        j = self.i
        if j < n and s[j] == "-":
            j += 1
        j = _NUMBER_RUN.match(s, j).end()
        while j < n and (s[j].isdigit() or s[j] in ".eE+-"):  # digits beyond ASCII (an error)
            j += 1
        text = s[start:j]
        self.i = j
        if not _NUMBER.match(text):
            raise JsonError(f"invalid number {text!r}", start)
        try:
            if any(ch in text for ch in ".eE"):
                return float(text)
            if len(text.lstrip("-")) > 1 and text.lstrip("-").startswith("0"):
                raise ValueError
            return int(text)
        except ValueError:
            raise JsonError(f"invalid number {text!r}", start) from None


def load_json(src: SourceText) -> JsonDoc:
    """Parse one JSON document. Raises JsonError (with a character offset) when the text is
    not JSON even allowing comments and trailing commas."""
    r = _Reader(src)
    try:
        root, span = r.value(0)
        span = as_span(src, span)
        r.skip()
        if r.i < r.n:
            raise JsonError("unexpected text after the JSON value", r.i)
    except JsonError as exc:
        # what was read before the error is still worth reporting (comments, trailing commas)
        exc.partial = JsonDoc(None, src.span(0, 0), r.comments, r.trailing, r.dups, r.extensions)
        raise
    return JsonDoc(root, span, r.comments, r.trailing, r.dups, r.extensions)


def load_json_stream(src: SourceText) -> list[tuple[Any, Span]] | None:
    """The values of a stream of JSON objects separated by whitespace (what `kubectl apply -f`
    decodes: one object after another), or None when the text is not such a stream. Only
    called after load_json found text after the first value."""
    r = _Reader(src)
    out: list[tuple[Any, Span]] = []
    try:
        while True:
            r.skip()
            if r.i >= r.n:
                break
            if r.s[r.i] != "{":
                return None
            value, span = r.value(0)
            out.append((value, as_span(src, span)))
    except JsonError:
        return None
    return out if len(out) > 1 else None
