"""Parsed files: what the parse layer hands to the rules.

``parse_file`` reads one path, classifies it by name and content and returns a
``FileUnit`` holding its located documents. It touches nothing outside that file, so it
can run in a worker process or be skipped by a content-hash cache.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io import read_head
from .located import LMap, LSeq, Span
from .parse_json import JsonDoc, JsonError, load_json, load_json_stream
from .located import YamlDoc
from .source import DEFAULT_MAX_BYTES, ReadError, SourceText, locate_in_scalar, quoted_scalar_aligned, read_text, scalar_sub_span

# kinds of file
KUBERNETES = "kubernetes"
WORKFLOW = "workflow"
ACTION = "action"
OCELOT = "ocelot"
JSON = "json"  # JSON that is neither Kubernetes nor Ocelot: parsed, not linted further
YAML = "yaml"  # YAML with no Kubernetes object in it
HELM = "helm"  # Go template: skipped
UNREADABLE = "unreadable"

YAML_EXT = (".yaml", ".yml")
JSON_EXT = (".json",)
# the file names kustomize reads in a folder (`kustomize build DIR`)
KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
OCELOT_NAME = re.compile(r"^ocelot(\.[^/]*)?\.json$", re.IGNORECASE)
OCELOT_KEYS = ("Routes", "ReRoutes", "DynamicRoutes", "Aggregates", "GlobalConfiguration")
WORKFLOW_PATH = re.compile(r"(^|/)\.github/workflows/[^/]+\.ya?ml$")
ACTION_NAME = ("action.yml", "action.yaml")
# Go template actions as Helm writes them; `${{ }}` (Actions) and `{{ $labels }}`
# (Prometheus, inside ConfigMap data) do not match
_GO_TEMPLATE = re.compile(
    r"(?<!\$)\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template"
    r"|include\b|template\b|if\b|else\b|end\b|range\b|with\b|define\b|toYaml\b|tpl\b"
    r"|/\*|-\s*\}\})"
)


_BARE_BRACES = re.compile(r"(?<!\$)\{\{")

# an all-caps `{NAME}` placeholder that a `sed` or `envsubst`-like step replaces before
# `kubectl apply` (cert-manager's make/config: `clusterIP: {SERVICE_IP_PREFIX}.16`), where
# a plain scalar starts (YAML reads a flow mapping there); not `${{X}}` or `{{X}}`
_PLACEHOLDER = re.compile(r"(?:^|(?<=[\s\[,]))\{[A-Z][A-Z0-9_]*\}")
PLACEHOLDER_NOTE = "placeholder template"


def placeholder_at_error(src: SourceText, line: int, col: int) -> str | None:
    """The `{NAME}` placeholder that caused a YAML syntax error at (line, col): one that
    ends right before the error, on its line, with at most blanks between (`{NAME}.16`,
    `{NAME}:tag`, `{NAME} x`). A placeholder elsewhere, or a lower-case `{name}` (a flow
    mapping typed by mistake as often as a placeholder), leaves the error to be reported."""
    text = src.line_text(line)
    for m in _PLACEHOLDER.finditer(text):
        if m.end() <= col - 1 and not text[m.end():col - 1].strip(" \t"):
            return m.group()
    return None


# one parsed document: root, span, index, dups (the YAML reader makes them, JSON files
# and embedded Ocelot JSON one each)
Document = YamlDoc


@dataclass
class Problem:
    """A finding the parse layer makes (syntax errors, comments in JSON...)."""

    rule: str
    line: int
    col: int
    end_line: int
    end_col: int
    message: str


@dataclass
class FileUnit:
    path: Path  # as given or discovered (may be relative)
    rel: str  # '/'-separated path relative to the lint root, used for path-based logic
    kind: str
    src: SourceText | None = None
    docs: list[Document] = field(default_factory=list)
    json: JsonDoc | None = None
    # a JSON file with a syntax error: the comments and trailing commas read before it
    json_partial: JsonDoc | None = None
    problems: list[Problem] = field(default_factory=list)
    note: str = ""  # why a file was skipped
    # a virtual file: a document embedded in another file (an Ocelot configuration in a
    # ConfigMap's data); rules see it as a file of its kind, findings go to the host file
    host: "Host | None" = None
    # what checks compute once per file (keyed by a name of their module); the engine
    # empties it when the file's walk ends
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Host:
    """Where a virtual file sits in the file that holds it: a block scalar whose value is the
    virtual file's text. Positions in the virtual file map into the block scalar, exactly."""

    unit: FileUnit  # the file that holds the document
    span: Span  # the block scalar that holds it
    value: str  # the scalar's value: the virtual file's text
    where: str  # how a message names the place: "the 'ocelot.json' key of ConfigMap 'gw'"
    context: str  # what fingerprints of its findings start with: "configmap:gw:ocelot.json"

    def offset(self, offset: int) -> int | None:
        """The host file's character offset of an offset into the virtual file's text."""
        src = self.unit.src
        if src is None:
            return None
        if offset >= len(self.value):
            if not self.value:
                return None
            line, col = locate_in_scalar(src, self.span, self.value, len(self.value) - 1)
            return src.offset(line, col) + 1
        line, col = locate_in_scalar(src, self.span, self.value, offset)
        return src.offset(line, col)

    def map_span(self, inner: SourceText, span: Span) -> Span:
        """A span of the virtual file (``inner`` is its text) as a span of the host file."""
        start = inner.offset(span.line, span.col)
        end = inner.offset(span.end_line, span.end_col)
        return scalar_sub_span(self.unit, self.span, self.value, start, end)

    def map_fix(self, fix: Any) -> Any:
        """A fix of the virtual file's text as edits of the host file (one-line replacements
        and deletions; inserted line breaks would need the block's indentation); None when
        it cannot be mapped."""
        if fix is None or any("\n" in e.text or "\r" in e.text for e in fix.edits):
            return None
        out = fix.shifted(self.offset)
        if out is not None:
            out.same_data = False  # the host's data is the embedded text: it changes
        return out


def embedded_documents(unit: FileUnit, key: Any, value: Any, span: Span, where: str, context: str) -> list[FileUnit]:
    """The virtual file that the mapping entry ``key: value`` of ``unit`` holds (a list of
    at most one): an Ocelot configuration in a block scalar under a key named like an Ocelot
    file (``ocelot.json: |``), or in a quoted scalar (``ocelot.json: "{\\n ...}"``, as
    ``kubectl create configmap --from-file ... -o yaml`` writes a file whose lines end in
    spaces, folded with ``\\`` continuations). Positions are exact there, escapes included
    (core/source.py aligns each line); text that is not JSON is left alone (its parse errors
    are not ours)."""
    if unit.src is None or not isinstance(key, str) or not isinstance(value, str) or not OCELOT_NAME.match(key):
        return []
    if span.style not in ("|", ">") and not (span.style in ('"', "'") and quoted_scalar_aligned(unit.src, span, value)):
        return []
    src = SourceText(value)
    try:
        doc = load_json(src)
    except JsonError:
        return []
    if not is_ocelot(doc.root):
        return []
    inner = FileUnit(unit.path, key, OCELOT, src, [Document(doc.root, doc.span, 0, doc.dups)], doc)
    inner.host = Host(unit, span, value, where, context)
    return [inner]


def display_path(path: Path) -> str:
    """The path as shown to the user: relative to the working directory, '/'-separated."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = str(path)
    return rel.replace(os.sep, "/")


def problem_at(src: SourceText | None, rule: str, line: int, col: int, message: str) -> Problem:
    return Problem(rule, line, col, line, col + 1, message)


def looks_like_helm(text: str, rel: str) -> bool:
    return bool(_GO_TEMPLATE.search(text))


def is_k8s_object(node: Any) -> bool:
    return (
        isinstance(node, LMap)
        and isinstance(node.get("apiVersion"), str)
        and isinstance(node.get("kind"), str)
    )


def is_ocelot(root: Any) -> bool:
    return isinstance(root, LMap) and any(root.ikey(k) is not None for k in OCELOT_KEYS)


def wants_json(path: Path, text_head: str) -> bool:
    if OCELOT_NAME.match(path.name):
        return True
    return any(f'"{k}"' in text_head for k in OCELOT_KEYS) or (
        '"apiVersion"' in text_head and '"kind"' in text_head
    )


def _might_be_ours_when_large(path: Path, rel: str, is_json: bool, max_bytes: int) -> bool:
    """A discovered JSON file over the size limit is reported (parse-error) only when it
    looks like something we lint: a 20 MB package-lock.json is not ours."""
    try:
        if path.stat().st_size <= max_bytes:
            return True
    except OSError:
        return True  # read_text reports it
    head = read_head(path, 65536).decode("utf-8", "replace")
    # discovered YAML is always read (a syntax error in any YAML file is reported), so a
    # large one is reported too; discovered JSON is read only when it looks like ours
    return wants_json(path, head) if is_json else True


def parse_file(
    path: Path, rel: str, explicit: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> FileUnit | None:
    """Read and classify one file. Returns None for files that are not ours to lint
    (discovered JSON that is neither Kubernetes nor Ocelot)."""
    lower = path.name.lower()
    is_json = lower.endswith(JSON_EXT)
    if not is_json and not lower.endswith(YAML_EXT) and explicit:
        is_json = None  # sniff below
    if not explicit and not _might_be_ours_when_large(path, rel, bool(is_json), max_bytes):
        return None
    try:
        text = read_text(path, max_bytes)
    except ReadError as exc:
        if is_json and not explicit:
            # a discovered JSON file we cannot decode is reported only when it looks like
            # ours (a binary or Latin-1 data file next to the code is not)
            head = read_head(path, 65536).decode("utf-8", "replace")
            if not wants_json(path, head):
                return None
        unit = FileUnit(path, rel, UNREADABLE)
        unit.problems.append(problem_at(None, "parse-error", exc.line, exc.col, exc.message))
        return unit
    if is_json is None:
        is_json = text.lstrip().startswith(("{", "["))
    if is_json:
        if not explicit and not wants_json(path, text):
            return None
        unit = parse_json_file(path, rel, text)
        if not explicit and unit.kind == JSON and unit.json is not None:
            # found while walking a folder, parsed, and neither Kubernetes nor Ocelot (an
            # appsettings.json that mentions "Routes" somewhere): not ours to lint
            return None
        return unit
    return parse_yaml_file(path, rel, text)


def parse_json_file(path: Path, rel: str, text: str) -> FileUnit:
    src = SourceText(text)
    named_ocelot = bool(OCELOT_NAME.match(path.name))
    unit = FileUnit(path, rel, OCELOT if named_ocelot else JSON, src)
    if not text.strip():
        unit.note = "empty file"
        return unit
    try:
        doc = load_json(src)
    except JsonError as exc:
        stream = None if named_ocelot or exc.message != "unexpected text after the JSON value" else load_json_stream(src)
        if stream and all(is_k8s_object(v) for v, _ in stream):
            # a stream of Kubernetes objects: `kubectl apply -f` reads one after another
            unit.kind = KUBERNETES
            for i, (value, span) in enumerate(stream):
                unit.docs.append(Document(value, span, i, ()))
            return unit
        unit.json_partial = exc.partial
        line, col = src.position(exc.offset)
        unit.problems.append(
            problem_at(
                src,
                "parse-error",
                line,
                col,
                f"JSON syntax error: {exc.message}. "
                + ("Ocelot fails at start-up on it" if named_ocelot or _looks_ocelot(exc.partial) else "No JSON reader can load the file")
                + "; fix the syntax here",
            )
        )
        return unit
    unit.json = doc
    unit.docs.append(Document(doc.root, doc.span, 0, doc.dups))
    for offset, what, fix in doc.extensions:
        line, col = src.position(offset)
        unit.problems.append(
            problem_at(
                src,
                "parse-error",
                line,
                col,
                f"{what} is JSON5, not JSON: Newtonsoft (Ocelot) and json5 read it, but strict "
                f"JSON readers (jq, python -m json.tool, most pipeline tooling) reject the whole "
                f"file; {fix}",
            )
        )
    if is_ocelot(doc.root):
        unit.kind = OCELOT
    elif is_k8s_object(doc.root):
        unit.kind = KUBERNETES
    return unit


def _looks_ocelot(partial: Any) -> bool:
    return partial is not None and is_ocelot(getattr(partial, "root", None))


def _scalar_spans(root: Any, out: list[tuple[int, int]], block_only: bool) -> None:
    # iterative, and each container once: aliases may make the tree recursive (`&a [*a]`)
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, (LMap, LSeq)) or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, LMap):
            pairs = [(node.vspans.get(k), v) for k, v in node.items()]
        else:
            pairs = [(node.item_span(i), v) for i, v in enumerate(node)]
        for sp, v in pairs:
            if sp is not None and isinstance(v, str) and (not block_only or sp.style in ("|", ">")):
                out.append((sp.start, sp.end))
            stack.append(v)


def block_scalar_spans(root: Any, out: list[tuple[int, int]]) -> None:
    _scalar_spans(root, out, True)


def _string_value_spans(root: Any, out: list[tuple[int, int]]) -> None:
    _scalar_spans(root, out, False)


def _templates_only_in_block_scalars(text: str, docs: list) -> bool:
    """Go template actions that all sit inside string values of valid YAML (block, quoted
    or plain scalars: an Alertmanager configuration in a ConfigMap, `{{ range .Alerts }}`,
    a PrometheusRule annotation, `"{{ $labels.instance }} is down"`) are data, not a Helm
    template; a template that shapes the YAML itself (`{{- if }}` lines, an unquoted
    `name: {{ .Release.Name }}`, which YAML reads as a mapping) needs rendering."""
    spans: list[tuple[int, int]] = []
    for d in docs:
        _string_value_spans(d.root, spans)
    if not spans:
        return False
    return all(any(a <= m.start() < b for a, b in spans) for m in _GO_TEMPLATE.finditer(text))


def _may_be_read(root: Any) -> bool:
    return isinstance(root, LMap) and ("apiVersion" in root or "kind" in root)


def parse_yaml_file(path: Path, rel: str, text: str) -> FileUnit:
    from .parse_yaml import load_documents  # lazy: PyYAML's import is a tenth of a warm run, which reads no YAML

    src = SourceText(text)
    docs = None
    if looks_like_helm(text, rel):
        docs, err = load_documents(src)
        in_chart = "templates" in rel.split("/")[:-1]
        if err is not None or in_chart or not _templates_only_in_block_scalars(text, docs):
            return FileUnit(path, rel, HELM, src, note="Helm/Go template: render it first (helm template CHART > rendered.yaml && okla-lint check rendered.yaml)")
    unit = FileUnit(path, rel, YAML, src)
    if docs is None:
        # documents after the first that are neither Kubernetes objects nor anything
        # with apiVersion/kind are read by no rule: not kept (memory bounded by input);
        # everything is kept in workflows, actions and files with okla-lint comments
        whole = WORKFLOW_PATH.search(rel) or path.name.lower() in ACTION_NAME or "okla-lint" in text
        docs, err = load_documents(src, None if whole else _may_be_read)
    unit.docs = docs
    if err is not None:
        # a template that is not YAML until rendered; `${{ }}` is GitHub's, not a template
        if (
            _BARE_BRACES.search(text)
            and not WORKFLOW_PATH.search(rel)
            and path.name.lower() not in ACTION_NAME
        ):
            unit.kind = HELM
            unit.note = "template syntax that is not YAML: render it first"
            unit.docs = []
            return unit
        name = None
        if not WORKFLOW_PATH.search(rel) and path.name.lower() not in ACTION_NAME:
            name = placeholder_at_error(src, err.line, err.col)
        if name is not None:
            # GitHub runs workflows and actions as written: an error there stays an error
            unit.kind = HELM
            unit.note = (
                f"{PLACEHOLDER_NOTE}: '{name}' at line {err.line} is replaced by a script before "
                "the file is applied and is not YAML until then; render it first (the same "
                "sed/envsubst step, then okla-lint check rendered.yaml)"
            )
            unit.docs = []
            return unit
        unit.problems.append(problem_at(src, "parse-error", err.line, err.col, err.message))
    if WORKFLOW_PATH.search(rel):
        unit.kind = WORKFLOW
    elif path.name.lower() in ACTION_NAME and unit.docs and isinstance(unit.docs[0].root, LMap) and "runs" in unit.docs[0].root:
        unit.kind = ACTION
    elif any(is_k8s_object(d.root) for d in unit.docs):
        unit.kind = KUBERNETES
    return unit
