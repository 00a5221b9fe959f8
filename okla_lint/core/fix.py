"""Fixes: what a finding proposes to change in its file, as text edits at exact positions.

A check attaches a ``Fix`` to the finding it reports (``ctx.report(..., fix=Fix(...))``).
A fix is a list of ``Edit``s: replace the characters ``[start, end)`` of the decoded file
text (the offsets every located span carries) by ``text``. Nothing else of the file is
touched, so comments, quoting, indentation, anchors, document separators, a BOM, trailing
whitespace and line endings outside the edited spans stay byte for byte as they were.

``safe`` fixes keep what the file means to its reader (or restore the obvious intent);
``unsafe`` fixes change what runs and are applied only with ``--unsafe-fixes``. The
catalogue entry of every rule says which kind of fix the rule offers (``autofix:``).
``okla_lint/core/fixer.py`` applies fixes in rounds and checks every result.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable
from .source import locate_in_scalar

SAFE = "safe"
UNSAFE = "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)
# what a catalogue entry may say in `autofix:`
AUTOFIX = ("safe", "unsafe", "none")


@dataclass(frozen=True)
class Edit:
    """Replace ``[start, end)`` (character offsets into the decoded text) by ``text``;
    ``start == end`` inserts."""

    start: int
    end: int
    text: str

    def overlaps(self, other: "Edit") -> bool:
        if self.start == self.end or other.start == other.end:
            # two insertions at one point, or an insertion inside a replaced span
            return self.start == other.start or (
                other.start < self.start < other.end or self.start < other.start < self.end
            )
        return self.start < other.end and other.start < self.end


@dataclass
class Fix:
    applicability: str  # "safe" | "unsafe"
    edits: tuple[Edit, ...]
    message: str  # what the fix does, imperative ("Delete the comment")
    # the parsed data of the file must be the same after the fix (comments, commas):
    # the fixer checks it
    same_data: bool = False
    # 1-based (line, col, end_line, end_col) of each edit; set when the finding is reported
    positions: list[tuple[int, int, int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.applicability not in APPLICABILITIES:
            raise ValueError(f"fix applicability must be one of {APPLICABILITIES}")
        self.edits = tuple(sorted(self.edits, key=lambda e: (e.start, e.end)))

    def locate(self, src) -> "Fix":
        """Record the line/column of each edit (for JSON and SARIF reports)."""
        self.positions = [(*src.position(e.start), *src.position(e.end)) for e in self.edits]
        return self

    def shifted(self, mapping) -> "Fix | None":
        """The same fix with offsets translated by ``mapping(offset) -> offset | None``
        (embedded documents); None when an offset cannot be translated."""
        out = []
        for e in self.edits:
            a, b = mapping(e.start), mapping(e.end)
            if a is None or b is None or b < a:
                return None
            out.append(Edit(a, b, e.text))
        return Fix(self.applicability, tuple(out), self.message, self.same_data)

    def to_dict(self) -> dict:
        edits = []
        for i, e in enumerate(self.edits):
            d: dict = {}
            if i < len(self.positions):
                l1, c1, l2, c2 = self.positions[i]
                d = {"line": l1, "column": c1, "end_line": l2, "end_column": c2}
            d["content"] = e.text
            edits.append(d)
        return {"applicability": self.applicability, "message": self.message, "edits": edits}


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied (offsets refer to ``text``)."""
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def non_overlapping(fixes: Iterable[Fix]) -> tuple[list[Fix], list[Fix]]:
    """Split fixes (in the order given) into those that can be applied together and those
    that must wait for the next round. A fix whose edits equal an accepted fix's is
    accepted too (two findings with one remedy)."""
    taken: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    ok: list[Fix] = []
    later: list[Fix] = []
    for fx in fixes:
        if fx.edits in seen:
            ok.append(fx)
            continue
        if any(e.overlaps(t) for e in fx.edits for t in taken):
            later.append(fx)
            continue
        taken.extend(fx.edits)
        seen.add(fx.edits)
        ok.append(fx)
    return ok, later


def unique_edits(fixes: Iterable[Fix]) -> list[Edit]:
    out: list[Edit] = []
    seen: set[Edit] = set()
    for fx in fixes:
        for e in fx.edits:
            if e not in seen:
                seen.add(e)
                out.append(e)
    return out


# -- building edits on a file's text ---------------------------------------------------

_EOL = re.compile(r"\r\n|\r|\n")


def line_bounds(text: str, offset: int) -> tuple[int, int, int]:
    """(start of the line holding ``offset``, end of its content, end including the line
    break)."""
    if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
        offset -= 1  # the LF of a CRLF belongs to the line the CR ends
    a = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    m = _EOL.search(text, offset)
    if m is None:
        return a, len(text), len(text)
    return a, m.start(), m.end()


def delete_span(text: str, start: int, end: int) -> Edit:
    """Delete ``[start, end)`` as a person would: the whole line(s) when nothing else is on
    them, else the span and the blanks before it (a comment at the end of a line) or after
    it (a comment before other text)."""
    ls, _, _ = line_bounds(text, start)
    _, le, lbreak = line_bounds(text, max(start, end - 1) if end > start else start)
    before = text[ls:start]
    after = text[end:le]
    if not before.strip() and not after.strip():
        return Edit(ls, lbreak, "")
    if not after.strip():
        a = start
        while a > ls and text[a - 1] in " \t":
            a -= 1
        return Edit(a, le, "")
    b = end
    if not before.strip():
        while b < le and text[b] in " \t":
            b += 1
    return Edit(start, b, "")


def line_ending(text: str) -> str:
    """The file's line break (CRLF files get CRLF in inserted lines)."""
    m = _EOL.search(text)
    return m.group(0) if m else "\n"


def move_lines(text: str, block_start: int, block_end: int, dest: int) -> tuple[Edit, Edit]:
    """Move the whole lines ``[block_start, block_end)`` (offsets at line starts) to
    ``dest`` (a line start before the block): an insertion and a deletion."""
    block = text[block_start:block_end]
    if not _EOL.search(block[-2:] if block else ""):
        block += line_ending(text)  # the last line of a file without a final line break
    return Edit(dest, dest, block), Edit(block_start, block_end, "")


def unified_diff(display: str, old: str, new: str) -> str:
    """A unified diff (git style names) of one file; ``\\ No newline at end of file`` where
    a side does not end with a line break."""
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, f"a/{display}", f"b/{display}", n=3):
        if line.startswith(("---", "+++")):
            out.append(line if line.endswith("\n") else line + "\n")
            continue
        if not line.endswith(("\n", "\r")):
            out.append(line + "\n\\ No newline at end of file\n")
        else:
            out.append(line)
    return "".join(out)


_SIMPLE = re.compile(r"^[A-Za-z0-9_.:/@+-]*$")


def replace_scalar(src, span, old: str, new: str) -> Edit | None:
    """Replace a whole one-line scalar (YAML plain or quoted, or a JSON string) ``old`` by
    ``new``, keeping its quotes. None unless the source reads exactly ``old`` and ``new``
    needs no escaping."""
    if not _SIMPLE.match(new):
        return None
    raw = src.text[span.start : span.end]
    style = span.style or ""
    if style in ('"', "'") and raw == f"{style}{old}{style}":
        return Edit(span.start + 1, span.end - 1, new)
    if style == "" and raw == old and new and new[0] not in "-?:,[]{}#&*!|>'\"%@`":
        return Edit(span.start, span.end, new)
    return None


def replace_key(src, span, old: str, new: str) -> Edit | None:
    """Rename a mapping key written as ``old`` (plain, or in quotes)."""
    return replace_scalar(src, span, old, new)


def scalar_edit(src, span, value: str, start: int, end: int, new: str) -> Edit | None:
    """Replace ``value[start:end]`` of the scalar at ``span`` by ``new``, where the source
    holds those characters verbatim on one line (a literal block such as ``run: |``, a plain
    or quoted one-line scalar without escapes there). None when that cannot be done exactly
    or ``new`` would need escaping in the scalar's style."""
    style = span.style or ""
    if style.startswith(">") or any(c in value[start:end] + new for c in "\r\n"):
        return None
    if end > start:
        l1, c1 = locate_in_scalar(src, span, value, start)
        l2, c2 = locate_in_scalar(src, span, value, end - 1)
        a, b = src.offset(l1, c1), src.offset(l2, c2) + 1
    elif start > 0:
        l1, c1 = locate_in_scalar(src, span, value, start - 1)
        a = b = src.offset(l1, c1) + 1
    else:
        l1, c1 = locate_in_scalar(src, span, value, 0)
        a = b = src.offset(l1, c1)
    if not (span.start <= a <= b <= span.end) or src.text[a:b] != value[start:end]:
        return None
    if end == start and 0 < start < len(value) and src.text[a - 1 : a + 1] != value[start - 1 : start + 1]:
        return None
    if style == '"' and any(c in new for c in '"\\'):
        return None
    if style == "'" and "'" in new:
        return None
    if style == "" and (": " in new or " #" in new or new.endswith(":")):
        return None
    return Edit(a, b, new)


def indent_of(text: str, offset: int) -> str:
    """The blanks at the start of the line holding ``offset``."""
    ls, le, _ = line_bounds(text, offset)
    line = text[ls:le]
    return line[: len(line) - len(line.lstrip(" \t"))]


def insert_key(src, mapping_span, first_key_span, entry: str) -> Edit | None:
    """Insert ``entry`` (``key: value`` text, one line) as the first entry of a mapping:
    a line of its own with the first key's indentation in a block mapping, or ``entry, ``
    after ``{`` in a flow mapping."""
    text = src.text
    if text[mapping_span.start : mapping_span.start + 1] == "{":
        return Edit(mapping_span.start + 1, mapping_span.start + 1, f"{entry}, " if text[mapping_span.start + 1] != "}" else entry)
    ls, _, _ = line_bounds(text, first_key_span.start)
    if text[ls : first_key_span.start].strip():
        return None  # the key shares its line with something else (`- name: x`)
    indent = text[ls : first_key_span.start]
    return Edit(ls, ls, f"{indent}{entry}{line_ending(text)}")


_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@` \t")


def yaml_scalar(value: str) -> str | None:
    """``value`` as a one-line YAML scalar: plain when that reads back as the same string,
    else single-quoted. None for values with line breaks."""
    if any(c in value for c in "\r\n") or not value:
        return None
    plain_ok = (
        value[0] not in _PLAIN_START
        and value[-1] not in " \t:"
        and ": " not in value
        and " #" not in value
        and value.lower() not in ("true", "false", "null", "~", "yes", "no", "on", "off")
        and not re.fullmatch(r"[-+]?(\.?[0-9].*|\.inf|\.nan)", value.lower())
    )
    if plain_ok:
        return value
    return "'" + value.replace("'", "''") + "'"


_PROPERTIES = re.compile(r"(?:[&!][^ \t\r\n]*[ \t]+)+")


def replace_whole_scalar(src, span, new_value: str) -> Edit | None:
    """Write ``new_value`` in place of the whole scalar at ``span`` (any style, also a block
    scalar with its header), as a one-line plain or single-quoted scalar. Its anchor and
    tag stay; None for a block scalar with a comment on its header line."""
    new = yaml_scalar(new_value)
    if new is None:
        return None
    text = src.text
    start = span.start
    # the node's properties stay: an anchor that aliases elsewhere repeat, a tag
    m = _PROPERTIES.match(text, start, span.end)
    if m:
        start = m.end()
    if text[start : start + 1] in ("|", ">"):
        _, le, _ = line_bounds(text, start)
        if "#" in text[start:le]:
            return None  # a comment on the block header would go with it
    end = span.end
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    if end <= start:
        return None
    return Edit(start, end, new)


# -- anchors and merge keys: an edit in an anchored node changes every place that uses it --

_ANCHOR_AT = re.compile(r"&([^\s,\[\]{}]+)")
_KEY_BEFORE = re.compile(r"""(?:^|[\s{,?-])("[^"]*"|'[^']*'|[^\s:{},\[\]#&*!|>'"%@`][^\s:{},\[\]]*)[ \t]*:[ \t]*$""")


def _key_before(text: str, offset: int) -> str | None:
    """The mapping key written just before ``offset`` on its line (``key: &a`` or
    ``key: *a``), unquoted; None when the node is no value of a key on that line."""
    ls, _, _ = line_bounds(text, offset)
    m = _KEY_BEFORE.search(text, ls, offset) if offset > ls else None
    return m.group(1).strip("'\"") if m else None


def shared_anchor(src, span, key: str) -> bool:
    """Whether the node at ``span`` is written with an anchor (``&name``) that an alias or
    a merge key (``*name``) repeats anywhere other than as the value of another ``key``:
    an edit inside it would also change that other place, where the finding may not hold
    (a readiness probe's ``successThreshold: 3`` is valid, a liveness probe's is not).
    ``key`` "": any alias."""
    text = src.text
    m = _ANCHOR_AT.match(text, span.start)
    if m is None:
        return False
    name = m.group(1)
    aliases = [a.start() for a in re.finditer(r"\*" + re.escape(name) + r"(?=[\s,\]}]|$)", text)]
    if not aliases:
        return False
    return any(_key_before(text, at) != key for at in [span.start, *aliases])


def written_in(holder, key) -> bool:
    """Whether ``holder[key]`` is written inside ``holder`` as this place reads it, not
    merged in from an anchor elsewhere (``<<: *base``)."""
    ks = holder.key_span(key)
    return holder.span.start <= ks.start < holder.span.end
