"""Turn JSON Schema validation errors into located, readable problems.

``jsonschema`` reports what failed in schema terms ("Additional properties are not allowed
('initialDelaySecond' was unexpected)", "'8080' is not of type 'integer', 'null'",
"... is not valid under any of the given schemas"). This module maps each error to the
place in the located document that a person has to edit, and words it in terms of keys:

- unknown keys point at the key itself, with the closest valid key as a suggestion;
- wrong types, values outside an enum and pattern mismatches point at the value;
- missing required keys point at the key that holds the incomplete mapping (or at the
  list item);
- ``oneOf`` / ``anyOf`` failures collapse into one message: when one alternative clearly
  applies (the value has its type and shares the most keys with it), that alternative's
  own errors are reported; otherwise one message lists the accepted forms.

Domain modules (``k8s/schema.py``, ``gha/schema.py``) supply how a path is shown and
which errors to drop (expressions, template placeholders).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # only annotations here: jsonschema loads when a schema rule runs
    from jsonschema.exceptions import ValidationError

from ...core.located import LMap, LSeq, NOWHERE, Span
from ...core.suggest import closest as closest_ignoring_case

TYPE_WORDS = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "object": "a mapping",
    "array": "a list",
    "null": "null",
}


@dataclass(frozen=True)
class SchemaProblem:
    path: tuple  # instance path of the offending node (for unknown keys: the key's mapping + key)
    span: Span
    message: str
    kind: str  # unknown-key | type | enum | required | pattern | other
    key: str = ""  # the offending or missing key, when there is one
    suggestion: str = ""  # for unknown keys: the valid key it most likely meant


def type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def show_value(value: Any, limit: int = 40) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def join_words(words: Sequence[str], last: str = "or") -> str:
    words = list(dict.fromkeys(w for w in words if w))
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def types_text(value: Any) -> str:
    names = [value] if isinstance(value, str) else list(value or ())
    return join_words([TYPE_WORDS.get(n, n) for n in names if n != "null"] or ["null"])


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo most likely meant (case-insensitive first, then difflib)."""
    cands = [c for c in candidates if isinstance(c, str)]
    if not isinstance(word, str) or not cands:
        return None
    low = word.lower()
    for c in cands:
        if c.lower() == low:
            return c
    squashed = re.sub(r"[-_ ]", "", low)
    for c in cands:
        if re.sub(r"[-_ ]", "", c.lower()) == squashed:
            return c
    hit = closest_ignoring_case(low, cands, 0.75)
    if hit:
        return hit
    # a prefix typo (initialDelaySecond -> initialDelaySeconds) or a truncated key
    pref = [
        c
        for c in cands
        if len(low) >= 4
        and abs(len(c) - len(low)) <= 2
        and (c.lower().startswith(low) or low.startswith(c.lower()))
    ]
    if len(pref) == 1:
        return pref[0]
    return None


def merge_type_alternatives(node: Any) -> Any:
    """Rewrite every ``oneOf``/``anyOf`` whose alternatives are plain types (int-or-string,
    quantity, "string, number or boolean") into one ``type`` list: the same values pass
    (``null`` no longer matches two alternatives at once), validation does less work, and
    errors read "an integer or a string". Returns a new tree."""
    if isinstance(node, dict):
        for kw in ("oneOf", "anyOf"):
            alts = node.get(kw)
            if isinstance(alts, list) and alts and all(
                isinstance(a, dict) and a and set(a) <= {"type", "format"} for a in alts
            ) and "type" not in node:
                types: list[str] = []
                for a in alts:
                    t = a.get("type")
                    for x in [t] if isinstance(t, str) else list(t or ()):
                        if x not in types:
                            types.append(x)
                node = {k: v for k, v in node.items() if k != kw}
                node["type"] = types
                break
        return {k: merge_type_alternatives(v) for k, v in node.items()}
    if isinstance(node, list):
        return [merge_type_alternatives(x) for x in node]
    return node


def node_at(root: Any, path: Sequence[Any]) -> Any:
    cur = root
    for p in path:
        try:
            cur = cur[p]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def value_span(root: Any, path: Sequence[Any]) -> Span:
    """Span of the node at ``path`` (the value, for a mapping entry)."""
    if not path:
        return getattr(root, "span", NOWHERE)
    parent = node_at(root, path[:-1])
    last = path[-1]
    if isinstance(parent, LMap):
        return parent.value_span(last)
    if isinstance(parent, LSeq) and isinstance(last, int):
        return parent.item_span(last)
    return value_span(root, path[:-1])


def key_span(root: Any, path: Sequence[Any]) -> Span:
    """Span of the key that holds the node at ``path`` (the item span for list items; the
    first key of the document for the root)."""
    if not path:
        if isinstance(root, LMap) and root:
            return root.key_span(next(iter(root)))
        return getattr(root, "span", NOWHERE)
    parent = node_at(root, path[:-1])
    last = path[-1]
    if isinstance(parent, LMap):
        return parent.key_span(last)
    if isinstance(parent, LSeq) and isinstance(last, int):
        return parent.item_span(last)
    return key_span(root, path[:-1])


def _branch_errors(error: ValidationError) -> dict[int, list[ValidationError]]:
    out: dict[int, list[ValidationError]] = {}
    n = len(error.validator_value) if isinstance(error.validator_value, list) else 0
    for i in range(n):
        out[i] = []
    for sub in error.context or ():
        idx = sub.relative_schema_path[0] if sub.relative_schema_path else None
        if isinstance(idx, int):
            out.setdefault(idx, []).append(sub)
    return out


_SHALLOW = {"type", "pattern", "enum", "const", "minLength", "maxLength", "format"}


def _is_shallow(errs: list[ValidationError], depth: int) -> bool:
    """True when this alternative failed on the value itself (wrong type or value), i.e.
    it does not apply; False when it applied and failed further inside."""
    if not errs:
        return False
    for e in errs:
        if len(e.absolute_path) > depth:
            return False
        if e.validator in ("oneOf", "anyOf"):
            if not _is_shallow([s for s in e.context or ()], depth):
                return False
            continue
        if e.validator not in _SHALLOW:
            return False
    return True


def _branch_cost(errs: list[ValidationError], instance: Any, depth: int) -> tuple:
    unexpected = 0
    missing = 0
    for e in errs:
        if len(e.absolute_path) != depth:
            continue
        if e.validator == "additionalProperties" and isinstance(e.instance, dict):
            unexpected += len(_extra_keys(e))
        elif e.validator == "required" and isinstance(e.instance, dict):
            missing += sum(1 for k in e.validator_value if k not in e.instance)
    return (unexpected + missing, len(errs))


def _extra_keys(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    props = schema.get("properties", {}) or {}
    patterns = [re.compile(p) for p in (schema.get("patternProperties") or {})]
    return [
        k
        for k in error.instance
        if k not in props and not any(p.search(str(k)) for p in patterns)
    ]


def _describe_alternative(errs: list[ValidationError], schema: Any) -> list[str]:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str) and "xpression" in ref.rsplit("/", 1)[-1]:
        return ["a ${{ }} expression"]
    words: list[str] = []
    for e in errs:
        if e.validator == "type":
            words.append(types_text(e.validator_value))
        elif e.validator == "pattern":
            if "\\$\\{\\{" in str(e.validator_value):
                words.append("a ${{ }} expression")
            else:
                words.append(f"a string matching {e.validator_value}")
        elif e.validator in ("enum", "const"):
            vals = e.validator_value if e.validator == "enum" else [e.validator_value]
            words.append("one of " + ", ".join(show_value(v) for v in vals[:12]))
        elif e.validator in ("oneOf", "anyOf"):
            alts = e.validator_value if isinstance(e.validator_value, list) else []
            for i, sub in _branch_errors(e).items():
                words.extend(_describe_alternative(sub, alts[i] if i < len(alts) else None))
    # a failed pattern on a string means "a string of this form", not "a string" as well
    if any(w.startswith("a ${{") or w.startswith("a string matching") for w in words):
        words = [w for w in words if w != "a string"] or words
    return words


class Explainer:
    """Converts errors to ``SchemaProblem``s. Subclasses word the messages for a domain."""

    def where(self, path: tuple) -> str:
        out = ""
        for p in path:
            out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
        return out or "the document"

    def allowed_keys(self, error: ValidationError) -> list[str]:
        schema = error.schema if isinstance(error.schema, dict) else {}
        return [k for k in (schema.get("properties") or {})]

    def skip(self, error: ValidationError) -> bool:
        return False

    def unknown_key(self, path: tuple, key: str, allowed: list[str], suggestion: str | None) -> str:
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        return f"unknown key {key!r} in {self.where(path)}{hint}"

    def wrong_type(self, path: tuple, value: Any, expected: str) -> str:
        return f"{self.where(path)} must be {expected}, not {type_of(value)} ({show_value(value)})"

    def missing(self, path: tuple, key: str) -> str:
        return f"{self.where(path)} is missing the required key {key!r}"

    def bad_pattern(self, path: tuple, value: Any, pattern: str) -> str:
        return (
            f"{self.where(path)} is {show_value(value)}, which does not match {pattern}, so the "
            "file is rejected when it is loaded; write a value of that form"
        )

    def bad_value(self, path: tuple, value: Any, allowed: list, suggestion: str | None) -> str:
        if suggestion:
            return f"{self.where(path)} is {show_value(value)}; did you mean {suggestion!r}?"
        listed = ", ".join(show_value(x) for x in allowed[:12]) + (", ..." if len(allowed) > 12 else "")
        return f"{self.where(path)} is {show_value(value)}, which is not one of {listed}"

    def dependency(self, path: tuple, key: str, needs: str) -> str:
        return f"{key!r} in {self.where(path)} is only allowed together with {needs!r}"

    def several_alternatives(self, error: ValidationError) -> str | None:
        """Message for a ``oneOf`` that matched more than one alternative (None: generic)."""
        return None

    # ----------------------------------------------------------------------------------
    def explain(self, errors: Iterable[ValidationError], root: Any) -> list[SchemaProblem]:
        out: list[SchemaProblem] = []
        seen: set = set()
        for e in errors:
            for p in self._one(e, root):
                # one finding per place: a value written once (an anchor merged into several
                # places) is one defect
                key = (p.span.line, p.span.col, p.kind, p.key)
                if key not in seen:
                    seen.add(key)
                    out.append(p)
        # a misspelt required key is one defect, not two: keep "did you mean", drop "missing"
        meant = {(p.path[:-1], p.suggestion) for p in out if p.kind == "unknown-key" and p.suggestion}
        out = [p for p in out if not (p.kind == "required" and (p.path, p.key) in meant)]
        out.sort(key=lambda p: (p.span.line, p.span.col))
        return out

    def _one(self, e: ValidationError, root: Any) -> list[SchemaProblem]:
        if self.skip(e):
            return []
        path = tuple(e.absolute_path)
        v = e.validator
        if v == "additionalProperties" and isinstance(e.instance, dict):
            allowed = self.allowed_keys(e)
            out = []
            for k in _extra_keys(e):
                sugg = closest(k, allowed)
                out.append(
                    SchemaProblem(
                        path + (k,),
                        key_span(root, path + (k,)),
                        self.unknown_key(path, k, allowed, sugg),
                        "unknown-key",
                        str(k),
                        sugg or "",
                    )
                )
            return out
        if v == "required" and isinstance(e.instance, dict):
            return [
                SchemaProblem(path, key_span(root, path), self.missing(path, k), "required", str(k))
                for k in e.validator_value
                if k not in e.instance
            ]
        if v in ("dependencies", "dependentRequired") and isinstance(e.instance, dict):
            out = []
            for k, needs in (e.validator_value or {}).items():
                if k in e.instance and isinstance(needs, list):
                    for n in needs:
                        if n not in e.instance:
                            out.append(
                                SchemaProblem(
                                    path + (k,),
                                    key_span(root, path + (k,)),
                                    self.dependency(path, k, n),
                                    "other",
                                    str(k),
                                )
                            )
            return out
        if v == "type":
            return [
                SchemaProblem(
                    path, value_span(root, path), self.wrong_type(path, e.instance, types_text(e.validator_value)), "type"
                )
            ]
        if v in ("oneOf", "anyOf"):
            return self._alternatives(e, root, path)
        if v in ("enum", "const"):
            vals = e.validator_value if v == "enum" else [e.validator_value]
            sugg = closest(str(e.instance), [str(x) for x in vals]) if isinstance(e.instance, str) else None
            return [
                SchemaProblem(
                    path,
                    value_span(root, path),
                    self.bad_value(path, e.instance, list(vals), sugg if sugg != e.instance else None),
                    "enum",
                )
            ]
        if v in ("minItems", "minProperties") and e.validator_value == 1:
            return [SchemaProblem(path, value_span(root, path), f"{self.where(path)} must not be empty, and the file is rejected when it is loaded; give it at least one entry", "other")]
        if v == "pattern":
            return [
                SchemaProblem(
                    path,
                    value_span(root, path),
                    self.bad_pattern(path, e.instance, e.validator_value),
                    "pattern",
                )
            ]
        if v in ("format",):
            return []
        return [SchemaProblem(path, value_span(root, path), f"{self.where(path)}: {e.message}", "other")]

    def _alternatives(self, e: ValidationError, root: Any, path: tuple) -> list[SchemaProblem]:
        branches = _branch_errors(e)
        depth = len(path)
        if not e.context or any(not errs for errs in branches.values()):
            # a oneOf that more than one alternative satisfies
            msg = self.several_alternatives(e)
            if msg is None:
                return []
            return [SchemaProblem(path, key_span(root, path), msg, "other")]
        # drop alternatives that only fail because of a skipped error (an expression...)
        for errs in branches.values():
            if errs and all(self.skip(s) for s in errs):
                return []
        applicable = {i: errs for i, errs in branches.items() if not _is_shallow(errs, depth)}
        if applicable:
            best = min(applicable, key=lambda i: _branch_cost(applicable[i], e.instance, depth))
            out: list[SchemaProblem] = []
            for sub in applicable[best]:
                out.extend(self._one(sub, root))
            return out
        if isinstance(e.instance, str):
            # a string against a list of allowed values: say which value was meant
            for i in sorted(branches):
                for sub in branches[i]:
                    if sub.validator in ("enum", "const") and len(sub.absolute_path) == depth:
                        return self._one(sub, root)
        words: list[str] = []
        alts = e.validator_value if isinstance(e.validator_value, list) else []
        for i in sorted(branches):
            words.extend(_describe_alternative(branches[i], alts[i] if i < len(alts) else None))
        expected = join_words(list(dict.fromkeys(words))) or "another form"
        kind = "type" if all(s.validator == "type" for errs in branches.values() for s in errs) else "enum"
        return [SchemaProblem(path, value_span(root, path), self.wrong_type(path, e.instance, expected), kind)]
