"""Suppressions: YAML comments, Kubernetes annotations and ``per-file-ignores``.

* ``# okla-lint: ignore[rule-a,rule-b] reason`` at the end of a line covers the findings
  that start on that line. On a line of its own it covers the node that starts on the next
  line (a mapping entry with its whole value, or a list item: a whole container, env entry
  or step; above a document's first line, the whole document), so a finding anywhere
  inside that node is suppressed.
* ``# okla-lint: file-ignore[rule]`` anywhere in a file covers the whole file.
* ``metadata.annotations["okla-lint.io/ignore"]: "rule,rule"`` on a Kubernetes object (or
  on a pod template) covers that object (or that template).
* ``per-file-ignores`` in the configuration (glob -> rules); the only way for JSON files,
  which must not gain comments.

Only real YAML comments count: a ``#`` inside a quoted, plain or block scalar (a ``run: |``
script) is text, found by excluding the spans of the document's scalars. Suppressions that
suppress nothing are reported as ``unused-suppression`` at the rule id in the comment.
``--no-ignores`` turns every suppression off.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..core import files as F
from ..core.catalogue import RuleDoc
from ..core.finding import Finding
from ..core.fix import SAFE, Edit, Fix, delete_span, line_bounds, scalar_edit
from ..core.located import LMap, LSeq, Span
from ..core.model import k8s_objects_of
from ..core.render import RENDER_SUPPRESSED
from ..core.settings import Settings
from ..core.source import scalar_sub_span
from ..core.suggest import close_matches
from . import json_ignores
from .globs import glob_match

RULE = "unused-suppression"
ANNOTATION = "okla-lint.io/ignore"

# a comment starts at a '#' preceded by whitespace or the start of a line
_COMMENT = re.compile(r"(?:(?<=[ \t])|^)#[ \t]*okla-lint[ \t]*:([^\r\n]*)", re.M)
_DOC_MARKER = re.compile(r"^---(?:[ \t]+#.*)?$")
_DIRECTIVE = re.compile(r"^[ \t]*(ignore|file-ignore)[ \t]*\[([^\]]*)\][ \t]*(.*)$")


@dataclass
class Suppression:
    kind: str  # "line" | "node" | "file" | "annotation"
    rules: list[tuple[str, Span]]  # rule id and where it is written
    start: int = 0  # covered character range (kind node/annotation)
    end: int = 0
    line: int = 0  # covered line (kind line)
    reason: str = ""
    used: set[str] = field(default_factory=set)
    # kind annotation: the annotations mapping, and each id's (start, end) in the value
    holder: Any = None
    ranges: list[tuple[int, int]] = field(default_factory=list)

    def covers(self, f: Finding, offset: int) -> bool:
        if self.kind == "file":
            return True
        if self.kind == "line":
            return f.line == self.line
        return self.start <= offset <= self.end


@dataclass
class Malformed:
    span: Span
    text: str


def _walk(node: Any, scalars: list[tuple[int, int]], starts: dict[int, int], seen: set[int]) -> None:
    """Collect the ranges of scalars (multi-line or holding a '#') and, per line, the end of
    the largest mapping entry or list item that starts on it."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, LMap):
        for k, v in node.items():
            ks = node.kspans.get(k)
            vs = node.vspans.get(k)
            if ks is None:
                continue
            if ks.style is not None:
                scalars.append((ks.start, ks.end))
            end = max(ks.end, vs.end if vs else ks.end)
            if end > starts.get(ks.start, -1):
                starts[ks.start] = end
            if isinstance(v, (LMap, LSeq)):
                _walk(v, scalars, starts, seen)
            elif vs is not None and vs.style is not None:
                scalars.append((vs.start, vs.end))
    elif isinstance(node, LSeq):
        for i, v in enumerate(node):
            s = node.item_span(i)
            if s.end > starts.get(s.start, -1):
                starts[s.start] = s.end
            if isinstance(v, (LMap, LSeq)):
                _walk(v, scalars, starts, seen)
            elif s.style is not None:
                scalars.append((s.start, s.end))


def _split_rules(body: str, body_offset: int, src) -> list[tuple[str, Span]]:
    out = []
    for m in re.finditer(r"[^,\s]+", body):
        a = body_offset + m.start()
        b = body_offset + m.end()
        out.append((m.group(0), src.span(a, b)))
    return out


def comment_suppressions(unit: F.FileUnit) -> tuple[list[Suppression], list[Malformed]]:
    src = unit.src
    if src is None or unit.kind in (F.JSON, F.OCELOT) or unit.json is not None:
        return [], []
    text = src.text
    if "okla-lint" not in text:
        return [], []
    matches = list(_COMMENT.finditer(text))
    if not matches:
        return [], []
    scalars: list[tuple[int, int]] = []
    starts: dict[int, int] = {}
    seen: set[int] = set()
    for doc in unit.docs:
        if isinstance(doc.root, (LMap, LSeq)):
            _walk(doc.root, scalars, starts, seen)
            # a comment above a document's first line covers the whole document (object)
            rs = doc.root.span
            if rs.end > starts.get(rs.start, -1):
                starts[rs.start] = rs.end
        elif doc.span.style is not None:
            scalars.append((doc.span.start, doc.span.end))
    # node starts by line: offset of the start -> end; find the first start on a line
    start_offsets = sorted(starts)
    sups: list[Suppression] = []
    bad: list[Malformed] = []
    # a block scalar's header line (`run: |  # comment`) may hold a comment; its text
    # starts on the next line
    ranges: list[tuple[int, int, int]] = []  # (start, text start, end)
    for a, b in scalars:
        if text[a : a + 1] in ("|", ">"):
            nl = text.find("\n", a, b)
            ranges.append((a, nl + 1 if nl != -1 else b, b))
        else:
            ranges.append((a, a, b))
    # past a syntax error there is no document tree to tell comments from text
    stop = min((p.line for p in unit.problems if p.rule == "parse-error"), default=None)
    for m in matches:
        pos = m.start()
        if stop is not None and src.position(pos)[0] >= stop:
            break
        header_of = None
        inside = False
        for a, t, b in ranges:
            if t <= pos < b:
                inside = True
                break
            if a <= pos < t:
                header_of = (a, b)
        if inside:
            continue  # text inside a string or a block scalar, not a comment
        line, col = src.position(pos)
        body = m.group(1)
        d = _DIRECTIVE.match(body)
        if not d:
            bad.append(Malformed(src.span(pos, m.end()), m.group(0).strip()))
            continue
        kind, rules_text, reason = d.group(1), d.group(2), d.group(3).strip()
        rules = _split_rules(rules_text, m.start(1) + d.start(2), src)
        if not rules:
            bad.append(Malformed(src.span(pos, m.end()), m.group(0).strip()))
            continue
        if kind == "file-ignore":
            sups.append(Suppression("file", rules, reason=reason))
            continue
        before = src.line_text(line)[: col - 1]
        if header_of is not None:
            # `run: |  # okla-lint: ignore[...]` covers the whole script
            sups.append(Suppression("node", rules, start=src.offset(line, 1), end=header_of[1], reason=reason))
            continue
        # on a document marker's line (`--- # okla-lint: ignore[...]`) it is about the
        # document that starts there, as on the line below the marker
        if before.strip() and not _DOC_MARKER.match(before.strip()):
            sups.append(Suppression("line", rules, line=line, reason=reason))
            continue
        # own line: the next line with content that is not a comment
        nxt = line + 1
        while nxt <= src.line_count:
            t = src.line_text(nxt).strip()
            # a document marker is not a node: a comment just above `---` is about the
            # document that starts there (the whole object)
            if t and not t.startswith("#") and not _DOC_MARKER.match(t):
                break
            nxt += 1
        if nxt > src.line_count:
            sups.append(Suppression("line", rules, line=nxt, reason=reason))
            continue
        lo = src.offset(nxt, 1)
        hi = src.offset(nxt + 1, 1) if nxt < src.line_count else len(text)
        i = bisect.bisect_left(start_offsets, lo)
        best_end = -1
        while i < len(start_offsets) and start_offsets[i] < hi:
            best_end = max(best_end, starts[start_offsets[i]])
            i += 1
        if best_end < 0:
            sups.append(Suppression("line", rules, line=nxt, reason=reason))
        else:
            sups.append(Suppression("node", rules, start=lo, end=max(best_end, hi - 1), reason=reason))
    return sups, bad


def annotation_suppressions(unit: F.FileUnit) -> list[Suppression]:
    if unit.kind != F.KUBERNETES or unit.src is None:
        return []

    out = []
    for obj in k8s_objects_of(unit):
        holders: list[tuple[LMap, Span]] = [(obj.root, obj.root.span)]
        ps = obj.pod_spec()
        if ps and ps[1] is not None:
            holders.append((ps[1], ps[1].span))
        for holder, span in holders:
            md = holder.get("metadata")
            ann = md.get("annotations") if isinstance(md, LMap) else None
            if not isinstance(ann, LMap) or not isinstance(ann.get(ANNOTATION), str):
                continue
            value = ann[ANNOTATION]
            vs = ann.value_span(ANNOTATION)
            rules = []
            ranges = []
            for m in re.finditer(r"[^,\s]+", value):
                rules.append((m.group(0), _sub(unit, vs, value, m.start(), m.end())))
                ranges.append((m.start(), m.end()))
            if rules:
                out.append(Suppression("annotation", rules, start=span.start, end=span.end, holder=ann, ranges=ranges))
    return out


def _sub(unit: F.FileUnit, span: Span, value: str, a: int, b: int) -> Span:
    try:
        return scalar_sub_span(unit, span, value, a, b)
    except Exception:  # pragma: no cover - positions are best effort
        return span


def config_ignored(settings, unit: F.FileUnit) -> set[str]:
    """Rule selectors that ``per-file-ignores`` turns off for this file."""
    pfi = settings.per_file_ignores
    if not pfi:
        return set()
    rel = unit.rel
    root = settings.root
    if root is not None:
        try:
            rel = Path(unit.path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    out: set[str] = set()
    for pattern, rules in pfi.items():
        if glob_match(rel, pattern):
            out.update(rules)
    return out


def apply(
    unit: F.FileUnit,
    path: str,
    findings: list[Finding],
    settings: Settings,
    catalogue: dict[str, RuleDoc],
    enabled: set[str] | frozenset[str],
    severity: str,
) -> list[Finding]:
    """The findings of one file that survive its suppressions, plus unused-suppression
    findings for directives that covered nothing."""
    if settings.no_ignores:
        return findings
    ignored_sel = config_ignored(settings, unit)
    if ignored_sel:
        docs = catalogue
        findings = [
            f for f in findings
            if not (f.rule in docs and any(settings.matches(s, docs[f.rule]) for s in ignored_sel))
        ]

    findings = json_ignores.apply(settings, catalogue, unit, findings)  # "file.json#/Routes/3"
    sups, bad = comment_suppressions(unit)
    sups += annotation_suppressions(unit)
    if not sups and not bad:
        return findings
    # annotations of this file that suppressed findings of the objects a kustomize render
    # made from it (core/render.py): used, even when the finding was mapped elsewhere
    by_render = getattr(unit, RENDER_SUPPRESSED, ())
    for s in sups:
        if s.kind == "annotation":
            for rid, span in s.rules:
                if any((line, rule) == (span.line, rid) and s_col <= span.col for line, s_col, rule in by_render):
                    s.used.add(rid)
    src = unit.src
    kept = []
    for f in findings:
        off = src.offset(f.line, f.col) if src is not None else 0
        hit = False
        for s in sups:
            for rid, _ in s.rules:
                if rid == f.rule and s.covers(f, off):
                    s.used.add(rid)
                    hit = True
        if not hit:
            kept.append(f)
    if RULE in enabled:
        extra = list(_unused(path, unit.src, severity, catalogue, enabled, sups, bad))
        file_off = {rid for s in sups if s.kind == "file" for rid, _ in s.rules}
        if RULE in file_off:
            for s in sups:
                if s.kind == "file":
                    s.used.add(RULE)
        extra = [f for f in extra if RULE not in file_off and not (
            ignored_sel and any(settings.matches(x, catalogue[RULE]) for x in ignored_sel))]
        kept += extra
    return kept


def _unused(
    path: str, src: Any, sev: str, catalogue: dict[str, RuleDoc], enabled: set[str] | frozenset[str],
    sups: list[Suppression], bad: list[Malformed],
) -> Iterable[Finding]:
    what = {
        "line": "on this line",
        "node": "in the node below it",
        "file": "in this file",
        "annotation": "in this object",
    }
    for b in bad:
        yield Finding(
            RULE, sev, path, b.span.line, b.span.col, b.span.end_line, b.span.end_col,
            f"`{b.text}` is not a suppression okla-lint understands, so it suppresses nothing; "
            "write `# okla-lint: ignore[rule-id] reason` or `# okla-lint: file-ignore[rule-id]`",
            context=f"{RULE}:malformed:{b.text}",
        )
    for s in sups:
        for rid, span in s.rules:
            if rid in s.used or rid == RULE:
                continue
            form = f"`{ANNOTATION}`" if s.kind == "annotation" else "the suppression"
            if rid not in catalogue:
                near = close_matches(rid, catalogue)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                msg = (f"{form} names {rid!r}, which is not an okla-lint rule{hint}, so it "
                       "suppresses nothing; fix the id or remove it")
            elif rid not in enabled:
                msg = (f"{form} for {rid} suppresses nothing because {rid} is not enabled in "
                       "this run; remove it, or enable the rule")
            else:
                msg = (f"{form} for {rid} suppresses nothing: there is no {rid} finding "
                       f"{what[s.kind]}; remove it so it cannot hide a future problem")
            fix = None
            if rid in catalogue and rid in enabled and src is not None:
                fix = _annotation_removal(src, s, rid) if s.kind == "annotation" else _removal(src, s, rid)
            yield Finding(
                RULE, sev, path, span.line, span.col, span.end_line, span.end_col, msg,
                context=f"{RULE}:{s.kind}:{rid}",
                fix=fix,
            )


def _annotation_removal(src, s: Suppression, rid: str):
    """Safe: remove ``rid`` (and its comma) from the `okla-lint.io/ignore` value, or the
    whole annotation line when it names only ``rid``."""
    ann, ranges = s.holder, s.ranges
    if not isinstance(ann, LMap) or len(ranges) != len(s.rules):
        return None
    j = next((i for i, (r, _) in enumerate(s.rules) if r == rid), None)
    if j is None:
        return None
    value, vs = ann[ANNOTATION], ann.value_span(ANNOTATION)
    if len(ranges) == 1:
        text = src.text
        ks = ann.key_span(ANNOTATION)
        ls, le, _ = line_bounds(text, ks.start)
        if text[ls : ks.start].strip() or vs.end > le or text[ann.span.start : ann.span.start + 1] == "{":
            return None
        edit = delete_span(text, ks.start, le)
        return Fix(SAFE, (edit,), f"Remove the {ANNOTATION} annotation").locate(src) if edit.start == ls else None
    a, b = (ranges[j - 1][1], ranges[j][1]) if j > 0 else (ranges[0][0], ranges[1][0])
    edit = scalar_edit(src, vs, value, a, b, "")
    return Fix(SAFE, (edit,), f"Remove {rid} from the {ANNOTATION} annotation").locate(src) if edit else None


def _removal(src, s: Suppression, rid: str):
    """Safe: delete the comment when it names only ``rid`` (its whole line when it stands
    alone), else delete ``rid`` and its comma from the list."""
    text = src.text
    spans = [sp for _, sp in s.rules]
    if any(sp.end <= sp.start for sp in spans):
        return None
    j = next((i for i, (r, _) in enumerate(s.rules) if r == rid), None)
    if j is None:
        return None
    if len(spans) == 1:
        ls, le, _ = line_bounds(text, spans[0].start)
        h = text.rfind("#", ls, spans[0].start)
        if h < 0 or "okla-lint" not in text[h : spans[0].start]:
            return None
        edit = delete_span(text, h, le)
        return Fix(SAFE, (edit,), "Remove the suppression comment").locate(src)
    if j > 0:
        a, b = spans[j - 1].end, spans[j].end
    else:
        a, b = spans[0].start, spans[1].start
    if "\n" in text[a:b] or "\r" in text[a:b]:
        return None
    return Fix(SAFE, (Edit(a, b, ""),), f"Remove {rid} from the suppression").locate(src)
