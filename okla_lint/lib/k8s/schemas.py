"""The Kubernetes API's own OpenAPI-derived JSON schemas, a validator and the explanation
of its errors, for the rule ``k8s-schema`` (rules/k8s/schema.py).

The schemas come from the ``kubernetes-validate`` package (one strict set per Kubernetes
minor version, generated from the upstream OpenAPI document), so nothing is fetched at lint
time. One validator is compiled per (apiVersion, kind) and per version, and reused for
every object of that kind.

What the API server and ``kubectl apply`` do, and therefore what is reported:

- unknown fields: ``kubectl apply`` (``--validate=strict``, the default since 1.25) fails
  with "strict decoding error: unknown field"; clients that skip validation drop the field
  silently, so the setting never takes effect. Reported at the key, with the closest valid
  field name.
- wrong types: a string where the Go type is an integer (``replicas: "3"``), a number where
  it is a string (an env ``value: 8080``, a label ``"true"`` written ``true``): the object
  cannot be decoded. int-or-string fields (``targetPort``, probe ports, ``maxSurge``) and
  quantities (strings or numbers) accept both; ``null`` means unset wherever a field is
  optional. kubectl reads YAML 1.1, so a plain ``yes``/``no``/``on``/``off`` is a boolean
  to it: in a string field (an env value, a label) that is a decoding error too.
- missing required fields, where the API rejects the zero value (a container without
  ``name`` or ``image``, a Deployment without ``selector``...). Fields that the OpenAPI
  document marks required but whose zero value is valid or defaulted (``roleRef.apiGroup``,
  iSCSI ``lun``, ``PriorityClass.value``) are not reported, nor are required fields inside
  ``status`` (the API server resets status on create).

Unknown fields come with the closest valid name ("did you mean 'initialDelaySeconds'?")
or, for a field written at the wrong level, where it belongs ("'env' belongs in a
container").

Not reported: objects whose apiVersion/kind has no schema in that version (custom
resources, removed beta APIs: another rule reports deprecated apiVersions), missing fields
in Kustomize patches (files a kustomization lists under ``patches`` /
``patchesStrategicMerge``, and objects carrying ``$patch`` directives) and in skeleton
objects without ``metadata.name`` (templates that a program completes), and template
placeholders (``{{ x }}``, ``${X}``) where a typed value is expected.
"""
from __future__ import annotations

import functools
import importlib.resources
import json
import re
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported when a schema is first checked (start-up time)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

from ...core.local import query
from ..common.placeholders import is_placeholder, starts_with_placeholder
from ..common.schema_errors import (
    Explainer,
    SchemaProblem,
    merge_type_alternatives,
    show_value,
    type_of,
    types_text,
    value_span,
)
from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject
from .kustomize import kustomizations
from .partial import SMP_DIRECTIVE



def _draft202012():
    from jsonschema import Draft202012Validator  # lazy: jsonschema is slow to import (start-up time)

    return Draft202012Validator


RULE = "k8s-schema"
DEFAULT_VERSION = "1.36"
DEFS_ID = "https://kubernetes.io/api/_definitions.json"

# required in the OpenAPI document, but the zero value is accepted (defaulted or valid)
NOT_REALLY_REQUIRED = {
    "io.k8s.api.rbac.v1.RoleRef": {"apiGroup"},  # defaulted to rbac.authorization.k8s.io
    "io.k8s.api.core.v1.ISCSIVolumeSource": {"lun"},  # 0 is a valid LUN
    "io.k8s.api.core.v1.ISCSIPersistentVolumeSource": {"lun"},
    "io.k8s.api.scheduling.v1.PriorityClass": {"value"},  # 0 is a valid priority
    "io.k8s.api.core.v1.HTTPHeader": {"value"},  # an empty header value is valid
}
# optional in the OpenAPI document (so that controllers may fill it in), but the API server
# rejects a pod (template) container without it: "containers[0].image: Required value"
ALSO_REQUIRED = {
    "io.k8s.api.core.v1.Container": {"image"},
}
# where commonly misplaced fields belong, checked in this order
FIELD_HOMES = (
    ("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "`metadata`"),
    ("io.k8s.api.core.v1.Container", "a container (`containers[]`)"),
    ("io.k8s.api.core.v1.PodSpec", "the pod spec (`spec` of a Pod, `spec.template.spec` of a workload)"),
    ("io.k8s.api.core.v1.PodTemplateSpec", "the pod template (`spec.template`)"),
    ("io.k8s.api.apps.v1.DeploymentSpec", "the `spec` of a Deployment"),
    ("io.k8s.api.core.v1.Probe", "a probe (`livenessProbe`, `readinessProbe`, `startupProbe`)"),
    ("io.k8s.api.core.v1.HTTPGetAction", "the probe's handler (`httpGet`, `tcpSocket` or `grpc`)"),
    ("io.k8s.api.core.v1.ResourceRequirements", "`resources` of a container"),
)
# plain scalars that kubectl's YAML reader (go-yaml v2, YAML 1.1) turns into booleans,
# while YAML 1.2 (and this linter's parser) keeps them as strings
YAML11_BOOLS = {"y", "yes", "n", "no", "on", "off", "true", "false"}
YAML11_BOOL_WORDS = {
    **{w: True for w in ("y", "Y", "yes", "Yes", "YES", "on", "On", "ON")},
    **{w: False for w in ("n", "N", "no", "No", "NO", "off", "Off", "OFF")},
}


# -- schemas -------------------------------------------------------------------------------
def _schema_root() -> Path | None:
    try:
        root = importlib.resources.files("kubernetes_validate") / "kubernetes-json-schema"
        path = Path(str(root))
        return path if path.is_dir() else None
    except (ImportError, OSError, TypeError):  # the package is missing: the rule has nothing to check against
        return None


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", v)[:2])


@functools.lru_cache(maxsize=None)
def available_versions() -> tuple[str, ...]:
    root = _schema_root()
    if root is None:
        return ()
    out = []
    for d in root.iterdir():
        m = re.match(r"^v(\d+\.\d+)\.\d+-local-strict$", d.name)
        if m and (d / "_definitions.json").is_file():
            out.append(m.group(1))
    return tuple(sorted(out, key=_version_key))


@functools.lru_cache(maxsize=16)
def _resolve_cached(wanted: str) -> str | None:
    return _resolve(wanted)


def resolve_version(wanted: Any) -> str | None:
    """The newest schema set not newer than ``wanted`` ("1.33", "v1.33.2", "latest");
    the oldest one when ``wanted`` predates them all."""
    return _resolve_cached(str(wanted or ""))


def _resolve(wanted: str) -> str | None:
    versions = available_versions()
    if not versions:
        return None
    text = str(wanted or "").strip().lstrip("vV")
    if not text or text == "latest":
        return versions[-1]
    try:
        want = _version_key(text)
    except ValueError:
        return versions[-1]
    if len(want) < 2:
        return versions[-1]
    older = [v for v in versions if _version_key(v) <= want]
    return older[-1] if older else versions[0]


_ANNOTATIONS = {"description", "default", "example", "title"}
_LOCAL = "#/$defs/"


def _pure_ref(node: Any) -> str | None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_LOCAL) and all(
            k == "$ref" or k in _ANNOTATIONS or k.startswith("x-") for k in node
        ):
            return ref[len(_LOCAL) :]
    return None


def _inline_refs(doc: dict, defs: dict) -> None:
    """Replace each ``{"$ref": "#/$defs/X"}`` (plus annotations) by the definition itself,
    in place: the schema becomes a graph of shared (and, for recursive types, cyclic)
    dicts, and validation no longer pays a registry lookup for every nested object."""
    seen: set[int] = set()
    stack: list[Any] = [doc]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            for k, v in node.items():
                name = _pure_ref(v)
                if name is not None and name in defs:
                    node[k] = defs[name]
                    stack.append(defs[name])
                elif isinstance(v, (dict, list)):
                    stack.append(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                name = _pure_ref(v)
                if name is not None and name in defs:
                    node[i] = defs[name]
                    stack.append(defs[name])
                elif isinstance(v, (dict, list)):
                    stack.append(v)


def _leftover_refs(doc: Any) -> list[dict]:
    out, seen, stack = [], set(), [doc]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str) and node["$ref"].startswith(_LOCAL):
                out.append(node)
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, (dict, list)))
    return out


def _is_type(value: Any, t: str) -> bool:
    if t == "string":
        return isinstance(value, str)
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    if t == "null":
        return value is None
    if t == "boolean":
        return isinstance(value, bool)
    if t == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if t == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return True


_HANDLED = {"type", "properties", "additionalProperties", "items", "required", "enum", "format", "description"}


class FastValidator:
    """Validates against the Kubernetes definitions, which (references inlined, type
    alternatives merged) use only ``type``, ``properties``, ``additionalProperties``,
    ``items``, ``required`` and ``enum``: a direct walk is several times faster than the
    general validator and yields the same ``ValidationError``s. Any other keyword sends the
    object to ``jsonschema``."""

    def __init__(self, schema: dict, fallback: Draft202012Validator):
        self.schema = schema
        self.fallback = fallback
        self.simple = _only_simple_keywords(schema)

    def iter_errors(self, instance: Any):
        if not self.simple:
            yield from self.fallback.iter_errors(instance)
            return
        yield from self._walk(self.schema, instance, [])

    def _walk(self, schema: dict, inst: Any, path: list):
        t = schema.get("type")
        if t is not None:
            types = t if isinstance(t, list) else [t]
            if not any(_is_type(inst, x) for x in types):
                yield _error("type", t, inst, schema, path, f"{inst!r} is not of type {t!r}")
                return
        enum = schema.get("enum")
        if enum is not None and inst not in enum:
            yield _error("enum", enum, inst, schema, path, f"{inst!r} is not one of {enum!r}")
        if isinstance(inst, dict):
            props = schema.get("properties")
            req = schema.get("required")
            if req:
                missing = [r for r in req if r not in inst]
                if missing:
                    yield _error("required", req, inst, schema, path, f"{missing[0]!r} is a required property")
            addl = schema.get("additionalProperties")
            extra = False
            for k, v in inst.items():
                sub = props.get(k) if props else None
                if sub is not None:
                    yield from self._walk(sub, v, path + [k])
                elif addl is False:
                    extra = True
                elif isinstance(addl, dict):
                    yield from self._walk(addl, v, path + [k])
            if extra:
                yield _error(
                    "additionalProperties", False, inst, schema, path, "Additional properties are not allowed"
                )
        elif isinstance(inst, list):
            items = schema.get("items")
            if isinstance(items, dict):
                for i, v in enumerate(inst):
                    yield from self._walk(items, v, path + [i])


def _error(validator: str, value: Any, inst: Any, schema: dict, path: list, message: str) -> ValidationError:
    from jsonschema.exceptions import ValidationError  # lazy: jsonschema is slow to import (start-up time)

    return ValidationError(
        message, validator=validator, validator_value=value, instance=inst, schema=schema, path=deque(path)
    )


def _only_simple_keywords(schema: dict) -> bool:
    seen: set[int] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for k, v in node.items():
            if k.startswith("x-"):
                continue
            if k not in _HANDLED:
                return False
            if k == "properties":
                stack.extend(x for x in v.values() if isinstance(x, dict))
            elif k in ("items", "additionalProperties"):
                if isinstance(v, dict):
                    stack.append(v)
                elif not isinstance(v, bool):
                    return False
    return True


class SchemaSet:
    """The definitions of one Kubernetes version, and one validator per definition."""

    def __init__(self, version: str):
        from referencing import Registry, Resource  # lazy: loaded with jsonschema (start-up time)

        self.version = version
        path = _schema_root() / f"v{version}.0-local-strict" / "_definitions.json"  # type: ignore[operator]
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        doc = merge_type_alternatives(doc)
        defs: dict[str, Any] = doc["$defs"]
        for name, drop in NOT_REALLY_REQUIRED.items():
            d = defs.get(name)
            if d and d.get("required"):
                d["required"] = [r for r in d["required"] if r not in drop]
        for name, add in ALSO_REQUIRED.items():
            d = defs.get(name)
            if d:
                d["required"] = list(d.get("required") or []) + sorted(add - set(d.get("required") or []))
        self.defs = defs
        self.gvk: dict[tuple[str, str], str] = {}
        for name, d in defs.items():
            for g in d.get("x-kubernetes-group-version-kind") or ():
                av = f"{g['group']}/{g['version']}" if g.get("group") else g["version"]
                self.gvk.setdefault((av, g["kind"]), name)
        _inline_refs(doc, defs)
        # a reference that could not be inlined resolves through the registry
        for node in _leftover_refs(doc):
            node["$ref"] = DEFS_ID + node["$ref"]
        self.registry = Registry().with_resource(DEFS_ID, Resource.from_contents(doc))
        self._validators: dict[str, Draft202012Validator] = {}

    def validator(self, api_version: str, kind: str) -> tuple[str, Draft202012Validator] | None:
        name = self.gvk.get((api_version, kind))
        if name is None:
            return None
        v = self._validators.get(name)
        if v is None:
            # the definition itself (its references are inlined); any reference left
            # resolves through the registry
            v = self._validators[name] = FastValidator(  # type: ignore[assignment]
                self.defs[name], _draft202012()(self.defs[name], registry=self.registry)
            )
        return name, v


@functools.lru_cache(maxsize=4)
def schema_set(version: str) -> SchemaSet:
    return SchemaSet(version)


# -- partial objects --------------------------------------------------------------------
def _creates_selectors(root: LMap) -> bool:
    """`commonLabels` (and `labels` with `includeSelectors`) make kustomize add the labels
    to workload selectors, creating `spec.selector` where it is missing."""
    if isinstance(root.get("commonLabels"), dict) and root["commonLabels"]:
        return True
    labels = root.get("labels")
    return isinstance(labels, list) and any(
        isinstance(x, dict) and x.get("includeSelectors") is True and x.get("pairs") for x in labels
    )


def selector_filled_files(model: Any) -> frozenset[str]:
    """Files whose workloads get their selector from a kustomization that includes them
    (directly or through bases/components)."""
    cached = model.extra.get("k8s-schema.selector_filled")
    if cached is not None:
        return cached
    ks = kustomizations(model)
    out: set[str] = set()
    for k in ks.values():
        if not _creates_selectors(k.root):
            continue
        todo, seen = [k], set()
        while todo:
            cur = todo.pop()
            if cur.dir in seen:
                continue
            seen.add(cur.dir)
            out.update(cur.files)
            todo.extend(ks[d] for d in cur.subdirs if d in ks)
    result = frozenset(out)
    model.extra["k8s-schema.selector_filled"] = result
    return result


@query("k8s.schema.selector_filled")
def selector_filled(model: Any, rel: str) -> bool:
    """Whether a kustomization that includes the file ``rel`` fills its workloads' selectors
    (``selector_filled_files``), as a query: a per-file call that asks it is replayed while
    the answer holds (core/local.py)."""
    return rel in selector_filled_files(model)


# -- messages -------------------------------------------------------------------------------
_KEY_THEN_COMMENT = re.compile(r":[ \t]+(?=#)")


class K8sExplainer(Explainer):
    def __init__(self, obj: K8sObject, version: str, partial: bool, src_text: str | None, defs: dict):
        self.obj = obj
        self.version = version
        self.partial = partial
        self.text = src_text
        self.defs = defs
        self.selector_filled = False

    def where(self, path: tuple) -> str:
        out = ""
        for p in path:
            if isinstance(p, int):
                out += f"[{p}]"
            elif not re.fullmatch(r"[A-Za-z_$][\w$-]*", str(p)):
                out += f"[{json.dumps(str(p))}]"
            else:
                out += f".{p}" if out else str(p)
        return out or "the top level"

    def _placeholder(self, e: ValidationError) -> bool:
        inst = e.instance
        if isinstance(inst, str) and is_placeholder(inst):
            return True  # the schema rejects it, so a token in it is a placeholder
        if inst is None and self.text is not None and e.absolute_path:
            # `name: ##CRNAME##`, `replicas: #{REPLICAS}#` are a key followed by a comment
            # (null) to YAML: a placeholder that a script replaces (sed, replacetokens)
            path = tuple(e.absolute_path)
            parent = get_path(self.obj.root, *path[:-1]) if len(path) > 1 else self.obj.root
            if isinstance(parent, LMap) and path[-1] in parent:
                ks = parent.key_span(path[-1])
                line_end = self.text.find("\n", ks.start)
                rest = self.text[ks.start : line_end if line_end >= 0 else len(self.text)]
                m = _KEY_THEN_COMMENT.search(rest)
                if m and starts_with_placeholder(rest[m.end() :]):
                    return True
        if isinstance(inst, LMap) and self.text is not None:
            # an unquoted {{ NAME }} is a YAML flow mapping: a template, not a manifest
            s = inst.span
            if s.end > s.start and self.text[s.start : s.start + 2] == "{{":
                return True
        return False

    def skip(self, e: ValidationError) -> bool:
        if e.validator in ("type", "oneOf", "anyOf", "pattern", "enum") and self._placeholder(e):
            return True
        if (
            e.validator == "type"
            and isinstance(e.instance, str)
            and e.instance in YAML11_BOOL_WORDS
            and "boolean" in (e.validator_value if isinstance(e.validator_value, list) else [e.validator_value])
            and value_span(self.obj.root, tuple(e.absolute_path)).style == ""
        ):
            return True  # kubectl (YAML 1.1) reads a plain yes/no/on/off as a boolean
        if (
            e.validator == "required"
            and self.selector_filled
            and tuple(e.absolute_path) == ("spec",)
            and [k for k in e.validator_value if k not in e.instance] == ["selector"]
        ):
            return True  # the kustomization's commonLabels create the selector
        if e.validator == "required" and (self.partial or tuple(e.absolute_path)[:1] == ("status",)):
            # a partial object lacks fields by design; `status` is reset by the API server on
            # create, so only its shape (decoding) matters, not its required fields
            return True
        if e.validator == "additionalProperties" and self.partial and isinstance(e.instance, dict):
            # strategic-merge directives are legal in patches
            schema = e.schema if isinstance(e.schema, dict) else {}
            props = schema.get("properties") or {}
            extra = [k for k in e.instance if k not in props]
            if extra and all(isinstance(k, str) and SMP_DIRECTIVE.match(k) for k in extra):
                return True
        return False

    def _explain_extra(self, problems: list[SchemaProblem]) -> list[SchemaProblem]:
        if not self.partial:
            return problems
        return [p for p in problems if not (p.kind == "unknown-key" and SMP_DIRECTIVE.match(p.key))]

    def explain(self, errors, root):  # type: ignore[override]
        return self._explain_extra(super().explain(errors, root))

    def _what(self) -> str:
        name = self.obj.name or "(no name)"
        return f"{self.obj.kind} {name} ({self.obj.api_version}, Kubernetes {self.version} schema)"

    def _home(self, key: str, allowed: list[str]) -> str | None:
        """Where a misplaced field belongs (``env`` at pod level belongs in a container)."""
        here = set(allowed)
        for name, where in FIELD_HOMES:
            d = self.defs.get(name)
            props = d.get("properties") if isinstance(d, dict) else None
            if props and key in props and set(props) != here:
                return where
        return None

    def unknown_key(self, path: tuple, key: str, allowed: list[str], suggestion: str | None) -> str:
        home = None if suggestion else self._home(key, allowed)
        if suggestion:
            hint = f"; did you mean {suggestion!r}?"
        elif home:
            hint = f"; {key!r} belongs in {home}."
        elif 0 < len(allowed) <= 12:
            hint = f" (fields here: {', '.join(sorted(allowed))})."
        else:
            hint = "."
        return (
            f"unknown field {key!r} in {self.where(path)} of {self._what()}{hint} "
            "`kubectl apply` rejects the object (strict decoding error: unknown field), and "
            "clients that skip validation drop the field silently, so the setting never "
            "takes effect"
        )

    def wrong_type(self, path: tuple, value: Any, expected: str) -> str:
        where = self.where(path)
        fix = f" Write it as {expected}"
        # an env value may be a password: the finding never repeats it
        secret = len(path) >= 3 and path[-1] == "value" and path[-3] == "env"
        if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()) and (
            "integer" in expected or "number" in expected
        ):
            fix = f" Write {value.strip()} without quotes"
        elif isinstance(value, str) and expected == "a boolean" and value.strip().lower() in YAML11_BOOLS:
            fix = " Write true or false without quotes"
        elif isinstance(value, (bool, int, float)) and "string" in expected and "integer" not in expected:
            shown = self._source(path) or show_value(value)
            fix = " Quote it" if secret else f' Quote it: "{shown}"'
            if len(path) >= 2 and path[-2] in ("labels", "annotations"):
                fix = f' Label and annotation values are strings: quote it ("{shown}")'
        got = type_of(value) if secret else f"{type_of(value)} ({show_value(value)})"
        return (
            f"{where} must be {expected}, not {got}: the API "
            f"server cannot decode {self._what()} and `kubectl apply` fails.{fix}"
        ).rstrip()

    def _source(self, path: tuple) -> str | None:
        """The scalar as written (``1.10``, not the number 1.1), when it is a plain scalar."""
        if self.text is None:
            return None
        span = value_span(self.obj.root, path)
        if span.style != "" or span.end <= span.start or span.line != span.end_line:
            return None
        raw = self.text[span.start : span.end].strip()
        return raw if raw and len(raw) <= 60 else None

    def missing(self, path: tuple, key: str) -> str:
        hint = ""
        if key == "image" and "containers" in "".join(map(str, path)).lower():
            hint = " (if a tool or an operator fills the image in before applying, exclude this file)"
        return (
            f"{self.where(path)} of {self._what()} has no {key!r}, which the API requires: "
            f"`kubectl apply` fails with \"{self.where(path + (key,))}: Required value\". "
            f"Add {key!r}{hint}"
        )


def yaml11_view(node: Any, path: tuple, changed: dict, depth: int = 0) -> Any:
    """``node`` as kubectl reads it: plain scalars such as ``yes``/``off`` become booleans
    (go-yaml v2 follows YAML 1.1). Records the path of each converted scalar in
    ``changed``; returns ``node`` itself when nothing under it changed."""
    if depth > 60:
        return node
    if isinstance(node, LMap):
        out = None
        for k, v in node.items():
            if isinstance(v, str):
                nv = YAML11_BOOL_WORDS.get(v)  # the word first: reading a span builds it
                if nv is None:
                    continue
                span = node.vspans.get(k)
                if span is None or span.style != "":
                    continue
                changed[path + (k,)] = v
            elif isinstance(v, (LMap, LSeq)):
                nv = yaml11_view(v, path + (k,), changed, depth + 1)
                if nv is v:
                    continue
            else:
                continue
            if out is None:
                out = LMap(node.span)
                out.kspans, out.vspans = node.kspans, node.vspans
                out.update(node)
            out[k] = nv
        return node if out is None else out
    if isinstance(node, LSeq):
        outs = None
        for i, v in enumerate(node):
            if isinstance(v, str):
                nv = YAML11_BOOL_WORDS.get(v)
                if nv is None:
                    continue
                span = node.spans[i] if i < len(node.spans) else None
                if span is None or span.style != "":
                    continue
                changed[path + (i,)] = v
            elif isinstance(v, (LMap, LSeq)):
                nv = yaml11_view(v, path + (i,), changed, depth + 1)
                if nv is v:
                    continue
            else:
                continue
            if outs is None:
                outs = LSeq(node.span)
                outs.spans = node.spans
                outs.extend(node)
            outs[i] = nv
        return node if outs is None else outs
    return node


def yaml11_problems(
    validator: Draft202012Validator, obj: K8sObject, view: Any, changed: dict, explainer: "K8sExplainer"
) -> list[SchemaProblem]:
    """Plain ``yes``/``no``/``on``/``off``/``y``/``n`` where the API expects a string:
    YAML 1.2 reads a string, but kubectl (YAML 1.1) reads a boolean and fails to decode."""
    out = []
    for e in validator.iter_errors(view):
        path = tuple(e.absolute_path)
        if e.validator != "type" or path not in changed or explainer.skip(e):
            continue
        word = changed[path]
        out.append(
            SchemaProblem(
                path,
                value_span(obj.root, path),
                f"{explainer.where(path)} is the plain word {word}, which kubectl's YAML reader "
                f"(YAML 1.1) turns into the boolean {str(YAML11_BOOL_WORDS[word]).lower()}, but "
                f"the field must be {types_text(e.validator_value)}: `kubectl apply` fails to "
                f"decode {explainer._what()}. Quote it: \"{word}\"",
                "type",
            )
        )
    return out


BUILTIN_GROUPS = {"", "apps", "batch", "policy", "autoscaling", "extensions"}


def is_builtin_kind(obj: K8sObject) -> bool:
    """A kind of Kubernetes itself (core, apps, batch... and *.k8s.io groups), not a custom
    resource."""
    group = obj.api_version.rpartition("/")[0] if "/" in obj.api_version else ""
    return group in BUILTIN_GROUPS or group.endswith(".k8s.io")
