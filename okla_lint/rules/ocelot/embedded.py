"""Ocelot configurations embedded in Kubernetes ConfigMaps (``data: {ocelot.json: |...}``):
the gateway reads them from the mounted volume, so they get the same per-file Ocelot checks as
a file in the repository, with positions mapped into the manifest's block scalar."""
from __future__ import annotations

import posixpath
import re
from typing import Any

from ...core.files import OCELOT, OCELOT_NAME, Document, FileUnit, is_ocelot
from ...core.located import LMap, Span
from ...core.model import K8sObject
from ...core.parse_json import JsonError, load_json
from ...core.registry import check
from ...core.source import SourceText, locate_in_scalar
from ...post.merge import drop, fold
from ..common.syntax import comma_fix, comment_fix

# the per-file Ocelot rules (every check bound to the "ocelot" hook reports only these)
PER_FILE_RULES = (
    "ocelot-unknown-key",
    "ocelot-legacy-reroutes",
    "ocelot-deprecated-key",
    "ocelot-wrong-type",
    "ocelot-case-duplicate-key",
    "ocelot-invalid-path-template",
    "ocelot-duplicate-placeholder",
    "ocelot-missing-downstream-host",
    "ocelot-duplicate-route",
    "ocelot-invalid-rate-limit",
    "ocelot-invalid-http-version",
    "ocelot-missing-downstream-scheme",
    "ocelot-placeholder-mismatch",
    "ocelot-catch-all-shadowing",
    "ocelot-qos-value-replaced",
    "ocelot-dangerous-certificate",
    "ocelot-invalid-http-verb",
    "ocelot-invalid-downstream-scheme",
    "ocelot-load-balancer-type-typo",
)


class _EmbeddedCtx:
    """A Ctx for an embedded document: spans inside the embedded text are translated to the
    manifest before reporting."""

    def __init__(self, ctx, inner: FileUnit, value: str, vspan: Span):
        self._ctx = ctx
        self._inner = inner
        self._value = value
        self._vspan = vspan
        self.file = inner
        self.model = ctx.model
        self.engine = ctx.engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)

    def _map(self, span: Span) -> Span:
        src = self._ctx.file.src
        l1, c1 = locate_in_scalar(src, self._vspan, self._value, span.start)
        l2, c2 = locate_in_scalar(src, self._vspan, self._value, max(span.start, span.end - 1))
        return Span(l1, c1, l2, c2 + 1)

    def sub_span(self, span: Span, value: str, start: int, end: int, unit: FileUnit | None = None) -> Span:
        """A span of the embedded text (offsets into it), mapped by ``report``."""
        src = self._inner.src
        l1, c1 = locate_in_scalar(src, span, value, start)
        l2, c2 = locate_in_scalar(src, span, value, max(start, end - 1))
        return src.span(src.offset(l1, c1), src.offset(l2, c2) + 1)

    def _offset(self, offset: int) -> int | None:
        """The manifest offset of a character offset into the embedded text."""
        src = self._ctx.file.src
        if offset >= len(self._value):
            if not self._value:
                return None
            l, c = locate_in_scalar(src, self._vspan, self._value, len(self._value) - 1)
            return src.offset(l, c) + 1
        l, c = locate_in_scalar(src, self._vspan, self._value, offset)
        return src.offset(l, c)

    def _fix(self, fix):
        """A fix of the embedded text as edits of the manifest (one-line replacements and
        deletions; inserted line breaks would need the block's indentation)."""
        if fix is None or any("\n" in e.text or "\r" in e.text for e in fix.edits):
            return None
        out = fix.shifted(self._offset)
        if out is not None:
            out.same_data = False  # the manifest's data is the embedded text: it changes
        return out

    def report(self, rule: str, span: Span, message: str, *, file=None, related=(), context: str = "", fix=None) -> None:
        outer = self._ctx.file
        rel = [((outer if u is self._inner else u), (self._map(s) if u is self._inner else s), m) for u, s, m in related]
        self._ctx.report(
            rule,
            self._map(span),
            f"{message} (in the {self._inner.rel!r} key of ConfigMap {self._inner.note!r})",
            related=rel,
            context=f"configmap:{self._inner.note}:{self._inner.rel}:{context}",
            fix=self._fix(fix),
        )


def _json_extensions(ectx: "_EmbeddedCtx", inner: FileUnit) -> None:
    """json-comments and json-trailing-comma inside the embedded file: the mounted
    ocelot.json is the same text, so strict readers fail on it as on a file in the repository."""
    doc, src = inner.json, inner.src
    for start, end, style in doc.comments:
        text = src.text[start:end]
        flat = " ".join(text.split())  # a block comment over several lines, on one line
        shown = flat if len(flat) <= 40 else flat[:37] + "..."
        ectx.report(
            "json-comments",
            src.span(start, end),
            f"{'line' if style == '//' else 'block'} comment {shown!r} in an Ocelot configuration: "
            "JSON has no comments, so strict readers (jq, python -m json.tool, JSON schema "
            "validators, deploy scripts that validate the file) fail on the mounted file; delete the "
            "comment, or move the note into a property such as \"_comment\"",
            context=f"comment:{text.strip()}",
            fix=comment_fix(src.text, start, end),
        )
    for off in doc.trailing_commas:
        ectx.report(
            "json-trailing-comma",
            src.span(off, off + 1),
            "trailing comma in an Ocelot configuration: strict JSON readers reject a comma before "
            "'}' or ']'; delete it",
            context="trailing-comma",
            fix=comma_fix(off),
        )


@check(*PER_FILE_RULES, "json-comments", "json-trailing-comma", on="k8s_object")
def embedded_ocelot(ctx, obj: K8sObject) -> None:
    if obj.kind != "ConfigMap":
        return
    data = obj.root.get("data")
    if not isinstance(data, LMap) or ctx.file is None or ctx.file.src is None:
        return
    checks = [c for c in ctx.engine.hooks.get("ocelot", ()) if c.func.__module__ != __name__]
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str) or not OCELOT_NAME.match(key):
            continue
        vspan = data.value_span(key)
        if vspan.style not in ("|", ">"):
            continue  # positions are only exact inside block scalars
        src = SourceText(value)
        try:
            doc = load_json(src)
        except JsonError:
            continue  # not JSON: parse errors of embedded files are another rule's business
        if not is_ocelot(doc.root):
            continue
        inner = FileUnit(ctx.file.path, key, OCELOT, src, [Document(doc.root, doc.span, 0, doc.dups)], doc)
        inner.note = obj.name or "?"
        ectx = _EmbeddedCtx(ctx, inner, value, vspan)
        for chk in checks:
            ctx.engine._call(chk, ectx, inner)
        _json_extensions(ectx, inner)


# -- one finding for a file and its ConfigMap copy (issue 10, family 2) ----------------------

_LINE_REF = re.compile(r"\(?\blines? \d+(, column \d+)?\)?")
_INDEX = re.compile(r"\[\d+\]")


def _same(message: str) -> str:
    """A message without what differs between a file and its copy: line numbers, route
    indexes (a copy that drifted has the same route elsewhere) and the way the copy is named."""
    return _INDEX.sub("[]", _LINE_REF.sub("", message.replace("the mounted file", "it"))).strip()


def _source_of(model, cm: K8sObject, key: str, by_base: dict[str, list[FileUnit]]) -> FileUnit | None:
    """The Ocelot file of the repository that ConfigMap ``cm`` carries under ``key``: the
    file a workflow loads with ``kubectl create configmap NAME --from-file=KEY=PATH``, or the
    only Ocelot file with that name."""
    from .wiring import _from_file_mappings

    for k, path, _, _ in _from_file_mappings(model).get(cm.name or "", []) if model.workflows else []:
        if k == key:
            rel = path[2:] if path.startswith("./") else path
            unit = model.by_rel.get(rel)
            return unit if unit is not None and unit.kind == OCELOT else None
    cands = by_base.get(key, [])
    return cands[0] if len(cands) == 1 else None


@check(*PER_FILE_RULES, "json-comments", "json-trailing-comma", on="repository")
def copies_of_repository_files(ctx, model) -> None:
    """A ConfigMap that embeds a copy of an Ocelot file of the repository repeats every
    finding of that file: each becomes one finding, at the file (the place to fix, from which
    the copy should be generated), with the copy as a related location. What only the copy
    has (it drifted) stays reported on the copy."""
    cms = model.by_kind.get("ConfigMap") or []
    if not cms or not model.ocelot:
        return
    by_base: dict[str, list[FileUnit]] = {}
    for unit in model.ocelot:
        by_base.setdefault(posixpath.basename(unit.rel), []).append(unit)
    for cm in cms:
        data = cm.root.get("data")
        if not isinstance(data, LMap) or cm.file is None:
            continue
        for key in data:
            if not isinstance(key, str) or not OCELOT_NAME.match(key):
                continue
            source = _source_of(model, cm, key, by_base)
            if source is None or source is cm.file:
                continue
            suffix = f" (in the {key!r} key of ConfigMap {cm.name or '?'!r})"
            originals: dict[tuple[str, str], list] = {}
            for f in ctx.engine.pending(source):
                originals.setdefault((f.rule, _same(f.message)), []).append(f)
            folded: dict[int, tuple[Any, list]] = {}
            for f in list(ctx.engine.pending(cm.file)):
                if not f.message.endswith(suffix):
                    continue
                same = originals.get((f.rule, _same(f.message[: -len(suffix)])))
                if not same:
                    continue
                o = same.pop(0)  # in order: the n-th copy of a repeated message is the n-th original
                folded.setdefault(id(o), (o, []))[1].append((cm.file, Span(f.line, f.col, f.end_line, f.end_col), f"the same in the copy in ConfigMap {cm.name!r}"))
                drop(ctx, cm.file, f)
            for o, places in folded.values():
                fold(ctx, o, places, f"also in the copy in ConfigMap {cm.name!r}")
