"""``workflow-schema``: GitHub Actions workflows and action metadata against their schemas.

The schemas are SchemaStore's ``github-workflow`` and ``github-action`` JSON schemas as
vendored by the ``check-jsonschema`` package (nothing is fetched at lint time), corrected
where they are stricter than GitHub's own parser (``actions/languageservices``
``workflow-v1.0.json`` / ``action-v1.0.json``, which the runner and github.com use):

- branch, tag and path filters and ``workflow_run.workflows`` accept a single string as
  well as a list;
- ``cancel-timeout-minutes`` (jobs) and the workflow ``description`` are valid keys;
- ``strategy`` needs no ``matrix`` (``fail-fast`` or ``max-parallel`` alone is valid);
- what GitHub's parser reads and the vendored schema does not know yet: ``snapshot.if``,
  any ``snapshot.version``, the ``image_version`` and ``pull_request_comment`` events, the
  ``drives`` permission, ``copilot-requests: none``;
- a number, a boolean or null where a string is expected is accepted (GitHub converts
  scalars to strings);
- a ``${{ }}`` expression may stand in for any value (a boolean, a number, a mapping or a
  list): errors about a value that contains an expression are dropped;
- action metadata: the runner ignores unknown top-level keys and reads only ``default``
  of an input, and ``name``/``description`` and output descriptions matter only to the
  Marketplace, so those are not errors (a misspelt top-level key is still reported, as
  having no effect).

What is reported: unknown or misplaced keys (at the key, with the closest valid key and,
for a key that belongs elsewhere, where it belongs), values of the wrong type or outside
the allowed values, missing required keys (``runs-on`` or ``uses`` of a job, ``steps`` of a
job that runs on a runner, ``runs`` of an action), the shape of every step (``uses`` or ``run``, not both; no ``with`` on a
``run`` step; ``shell`` on a composite-action ``run`` step), keys of one mapping that
differ only in case, and expressions used as keys where GitHub does not evaluate them
(job ids, the fixed keys of the workflow, jobs and steps).
"""
from __future__ import annotations

import copy
import functools
import importlib.util
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # jsonschema is imported when a workflow is first checked (start-up time)
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

from ...lib.common.schema_errors import (
    Explainer,
    SchemaProblem,
    key_span,
    merge_type_alternatives,
    node_at,
    show_value,
    type_of,
)
from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.model import Workflow
from ...core.registry import check

RULE = "workflow-schema"

STRING_OR_LIST = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    ]
}
NUMBER_OR_EXPRESSION = {"oneOf": [{"type": "number"}, {"$ref": "#/definitions/expressionSyntax"}]}


def _load_vendored(name: str) -> dict | None:
    try:
        # locate the data without importing check_jsonschema (its CLI imports are slow)
        spec = importlib.util.find_spec("check_jsonschema")
        if spec is None or not spec.submodule_search_locations:
            return None
        for base in spec.submodule_search_locations:
            path = Path(base) / "builtin_schemas" / "vendor" / name
            if path.is_file():
                return json.loads(path.read_text(encoding="utf-8"))
        return None
    except (ImportError, OSError, ValueError):  # the package is missing or unreadable: nothing to check against
        return None


def _fix_workflow_schema(schema: dict) -> dict:
    schema = merge_type_alternatives(schema)
    defs = schema.get("definitions", {})
    if "globs" in defs:
        defs["globs"] = copy.deepcopy(STRING_OR_LIST)
    normal = defs.get("normalJob", {}).get("properties")
    if isinstance(normal, dict):
        normal.setdefault("cancel-timeout-minutes", copy.deepcopy(NUMBER_OR_EXPRESSION))
    # a job that runs on a runner needs steps (actionlint: `"steps" section is missing`)
    # (a job with both `runs-on` and `uses` gets its own finding instead)
    nj = defs.get("normalJob")
    if isinstance(nj, dict) and "steps" not in (nj.get("required") or []):
        nj.setdefault("allOf", []).append({"if": {"not": {"required": ["uses"]}}, "then": {"required": ["steps"]}})
    props = schema.get("properties")
    if isinstance(props, dict):
        props.setdefault("description", {"type": "string"})
    # pick the job's form up front instead of a oneOf (half the work, and the errors of the
    # form the author meant): a job that calls a reusable workflow has `uses` and no
    # `runs-on`
    jobs = props.get("jobs") if isinstance(props, dict) else None
    if isinstance(jobs, dict):
        for pat, sub in (jobs.get("patternProperties") or {}).items():
            if isinstance(sub, dict) and "oneOf" in sub:
                jobs["patternProperties"][pat] = {
                    "if": {"required": ["uses"], "not": {"required": ["runs-on"]}},
                    "then": {"$ref": "#/definitions/reusableWorkflowCallJob"},
                    "else": {"$ref": "#/definitions/normalJob"},
                }
    # `strategy` without `matrix` (fail-fast / max-parallel alone) is valid: GitHub's own
    # schema (workflow-v1.0.json, "strategy") requires none of its keys
    def optional_matrix(node: Any) -> None:
        if isinstance(node, dict):
            props_ = node.get("properties")
            req = node.get("required")
            if isinstance(props_, dict) and "matrix" in props_ and "fail-fast" in props_ and isinstance(req, list) and "matrix" in req:
                req.remove("matrix")
                if not req:
                    node.pop("required")
            for v in node.values():
                optional_matrix(v)
        elif isinstance(node, list):
            for v in node:
                optional_matrix(v)

    optional_matrix(schema)
    # the uses/run shape of a step is checked in code (``GhaExplainer.step_shapes``)
    defs.get("step", {}).pop("oneOf", None)
    step = defs.get("step", {}).get("properties")
    if isinstance(step, dict):
        step.setdefault("background", {"oneOf": [{"type": "boolean"}, {"$ref": "#/definitions/expressionSyntax"}]})
    try:
        events = schema["properties"]["on"]["oneOf"][2]["properties"]
        for alt in events["workflow_run"].get("oneOf", []):
            if isinstance(alt, dict) and "workflows" in alt.get("properties", {}):
                alt["properties"]["workflows"] = copy.deepcopy(STRING_OR_LIST)
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    _newer_than_schemastore(schema)
    return schema


def _newer_than_schemastore(schema: dict) -> None:
    """What GitHub's parser (workflow-v1.0.json of actions/languageservices) reads and the
    vendored schema does not know yet: ``snapshot.if`` and any ``snapshot.version`` (the
    custom-images docs write ``2.*``, which SchemaStore's pattern rejects), the
    ``image_version`` event (types ``created``/``ready``/``deleted``, ``names`` and
    ``versions`` filters), ``pull_request_comment`` (an older name of ``issue_comment``),
    the ``drives`` permission and ``copilot-requests: none``. Each is added only where the
    schema lacks it."""
    defs = schema.get("definitions", {})
    snap = defs.get("snapshot", {}).get("oneOf")
    for alt in snap if isinstance(snap, list) else []:
        props_ = alt.get("properties") if isinstance(alt, dict) else None
        if isinstance(props_, dict) and "image-name" in props_:
            props_.setdefault("if", {"anyOf": [{"type": "boolean"}, {"type": "number"}, {"type": "string"}]})
            if isinstance(props_.get("version"), dict):
                props_["version"] = {"type": "string", "minLength": 1}
    names = ("image_version", "pull_request_comment")
    enum = defs.get("event", {}).get("enum")
    if isinstance(enum, list):
        enum.extend(n for n in names if n not in enum)
    try:
        events = schema["properties"]["on"]["oneOf"][2]["properties"]
    except (KeyError, IndexError, TypeError):
        events = None
    if isinstance(events, dict):
        one_or_list = {"oneOf": [{"type": "string", "minLength": 1}, {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]}
        types = {"oneOf": [{"type": "string", "enum": ["created", "ready", "deleted"]},
                           {"type": "array", "items": {"type": "string", "enum": ["created", "ready", "deleted"]}, "minItems": 1}]}
        events.setdefault("image_version", {"oneOf": [{"type": "null"}, {
            "type": "object", "additionalProperties": False,
            "properties": {"types": types, "names": one_or_list, "versions": copy.deepcopy(one_or_list)}}]})
        if "issue_comment" in events:
            events.setdefault("pull_request_comment", copy.deepcopy(events["issue_comment"]))
    perms = defs.get("permissions-event", {}).get("properties")
    if isinstance(perms, dict) and "contents" in perms:
        perms.setdefault("drives", copy.deepcopy(perms["contents"]))
        # GitHub: `write` or `none` (permission-level-write-or-no-access); SchemaStore: `write`
        cop = perms.get("copilot-requests")
        if isinstance(cop, dict) and isinstance(cop.get("enum"), list) and "none" not in cop["enum"]:
            cop["enum"].append("none")


# A scalar item of a list validated against one subschema gives the same errors wherever
# the list is: the `items` keyword below validates each distinct scalar of a subschema once
# and skips the repeats that passed (issue 11: a 10 MB workflow of 2,000 jobs, each needing
# every earlier one, has 2 million `needs` items of 2,000 names; jsonschema resolved a
# `$ref` for each, ~5 minutes; now ~2,000 resolutions). A failing item is validated again,
# so its errors carry its own path. At most MEMO_LIMIT values are kept per subschema.
MEMO_LIMIT = 100_000
_SCALARS = (str, int, float, bool, type(None))


def with_item_memo(cls: Any) -> Any:
    """``cls`` (a jsonschema Draft-7 validator class) whose ``items`` keyword skips scalar
    items already found valid against the same subschema; same errors, in the same order."""
    from jsonschema import validators  # lazy: jsonschema is slow to import (start-up time)

    plain = cls.VALIDATORS["items"]
    # subschema id -> (the subschema, kept alive so that its id stays its own; valid values)
    memo: dict[int, tuple[Any, set]] = {}

    def items(validator, sub, instance, schema):
        if not isinstance(sub, dict) or not isinstance(instance, list):
            yield from plain(validator, sub, instance, schema)
            return
        entry = memo.get(id(sub))
        if entry is None or entry[0] is not sub:
            entry = memo[id(sub)] = (sub, set())
        valid = entry[1]
        for index, item in enumerate(instance):
            key = (type(item), item) if isinstance(item, _SCALARS) else None
            if key is not None and key in valid:
                continue
            errors = list(validator.descend(item, sub, path=index))
            if not errors and key is not None and len(valid) < MEMO_LIMIT:
                valid.add(key)
            yield from errors

    out = validators.extend(cls, {"items": items})
    out.ITEM_MEMO = memo  # for tests
    return out


@functools.lru_cache(maxsize=None)
def workflow_validator() -> Draft7Validator | None:
    schema = _load_vendored("github-workflows.json")
    from jsonschema import Draft7Validator  # lazy: jsonschema is slow to import (start-up time)

    return with_item_memo(Draft7Validator)(_fix_workflow_schema(schema)) if schema else None


def _fix_action_schema(schema: dict) -> dict:
    schema = merge_type_alternatives(schema)

    def drop_description(node: Any) -> None:
        # an output's description is documentation: the runner does not require it
        if isinstance(node, dict):
            req = node.get("required")
            if isinstance(req, list) and "description" in req:
                node["required"] = [r for r in req if r != "description"]
            for v in node.values():
                drop_description(v)
        elif isinstance(node, list):
            for v in node:
                drop_description(v)

    for name in ("outputs", "outputs-composite"):
        drop_description(schema.get("definitions", {}).get(name))
    return schema


@functools.lru_cache(maxsize=None)
def action_validator() -> Draft7Validator | None:
    schema = _load_vendored("github-actions.json")
    from jsonschema import Draft7Validator  # lazy: jsonschema is slow to import (start-up time)

    return with_item_memo(Draft7Validator)(_fix_action_schema(schema)) if schema else None


@functools.lru_cache(maxsize=None)
def key_homes() -> dict[str, list[str]]:
    """Where each workflow key is valid, to say where a misplaced key belongs."""
    schema = workflow_validator()
    homes: dict[str, list[str]] = {}
    if schema is None:
        return homes
    s = schema.schema
    defs = s.get("definitions", {})
    places = [
        ("the top level of the workflow", s.get("properties", {})),
        ("a job with `runs-on`", defs.get("normalJob", {}).get("properties", {})),
        ("a job that calls a reusable workflow", defs.get("reusableWorkflowCallJob", {}).get("properties", {})),
        ("a step", defs.get("step", {}).get("properties", {})),
    ]
    for where, props in places:
        for k in props:
            homes.setdefault(k, []).append(where)
    return homes


def _has_expression(value: Any) -> bool:
    return isinstance(value, str) and "${{" in value


class GhaExplainer(Explainer):
    def __init__(self, root: LMap, action: bool):
        self.root = root
        self.action = action

    # -- paths --------------------------------------------------------------------------
    def where(self, path: tuple) -> str:
        anchor, rest = self._anchor(path)
        dotted = ""
        for p in rest:
            dotted += f"[{p}]" if isinstance(p, int) else (f".{p}" if dotted else str(p))
        if anchor and dotted:
            return f"`{dotted}` of {anchor}"
        return anchor or f"`{dotted}`"

    def _anchor(self, path: tuple) -> tuple[str, tuple]:
        if self.action:
            if len(path) >= 3 and path[0] == "runs" and path[1] == "steps" and isinstance(path[2], int):
                return f"step {path[2] + 1} of the action", path[3:]
            return ("the action metadata" if not path else ""), path
        if len(path) >= 2 and path[0] == "jobs":
            job = f"job {path[1]!r}"
            if len(path) >= 4 and path[2] == "steps" and isinstance(path[3], int):
                return f"step {path[3] + 1} of {job}", path[4:]
            return job, path[2:]
        return ("the workflow" if not path else ""), path

    def _is_step(self, path: tuple) -> bool:
        if self.action:
            return len(path) == 3 and path[:2] == ("runs", "steps") and isinstance(path[2], int)
        return len(path) == 4 and path[0] == "jobs" and path[2] == "steps" and isinstance(path[3], int)

    # -- what to drop -------------------------------------------------------------------
    def skip(self, e: ValidationError) -> bool:
        if self.action:
            path = tuple(e.absolute_path)
            if path[:1] == ("inputs",):
                return True  # the runner reads only `default` of an input; the rest is documentation
        inst = e.instance
        if _has_expression(inst) and e.validator not in ("additionalProperties", "required"):
            return True  # an expression may stand in for any value
        if e.validator == "type" and (inst is None or isinstance(inst, (bool, int, float))):
            wanted = e.validator_value if isinstance(e.validator_value, list) else [e.validator_value]
            if "string" in wanted:
                return True  # GitHub converts a number, a boolean or null ("") to a string
        return False

    # -- messages -----------------------------------------------------------------------
    def _document(self) -> str:
        return "the action" if self.action else "the workflow"

    def unknown_key(self, path: tuple, key: str, allowed: list[str], suggestion: str | None) -> str:
        where = self.where(path)
        if "${{" in str(key):
            return (
                f"a `${{{{ }}}}` expression cannot be a key of {where}: GitHub evaluates "
                f"expressions only in values here, and rejects {self._document()}; write the "
                f"key as plain text"
            )
        if path == ("jobs",) and not self.action:
            return (
                f"job id {key!r} is invalid: a job id must start with a letter or `_` and "
                f"contain only letters, digits, `-` and `_`; GitHub rejects the workflow"
            )
        if len(path) == 2 and path[0] == "jobs" and key == "uses" and not self.action:
            job = node_at(self.root, path)
            if isinstance(job, dict) and "runs-on" in job:
                return (
                    f"{where} has both `runs-on` and `uses`: a job either runs its own steps on "
                    f"a runner or calls a reusable workflow with `uses`, not both (to run an "
                    f"action, put `uses` in a step). GitHub rejects the workflow"
                )
        homes = [] if self.action else [h for h in key_homes().get(key, []) if not self._same_place(h, path)]
        if suggestion:
            hint = f"; did you mean {suggestion!r}?"
        elif homes:
            hint = f"; {key!r} belongs in {' or '.join(homes)}."
        elif 0 < len(allowed) <= 12:
            hint = f" (valid keys: {', '.join(allowed)})."
        else:
            hint = "."
        if self.action and not path:
            effect = "GitHub ignores unknown top-level keys of action metadata, so it has no effect"
        else:
            effect = f"GitHub rejects {self._document()} (\"Unexpected value '{key}'\")"
        fix = "" if suggestion or homes else "; remove it or correct its name"
        return f"unknown key {key!r} in {where}{hint} {effect}{fix}"

    def _same_place(self, home: str, path: tuple) -> bool:
        if not path:
            return home.startswith("the top level")
        if len(path) == 2 and path[0] == "jobs":
            job = node_at(self.root, path)
            reusable = isinstance(job, dict) and "uses" in job and "runs-on" not in job
            return home == ("a job that calls a reusable workflow" if reusable else "a job with `runs-on`")
        if self._is_step(path):
            return home == "a step"
        return False

    def wrong_type(self, path: tuple, value: Any, expected: str) -> str:
        return (
            f"{self.where(path)} must be {expected}, not {type_of(value)} ({show_value(value)}); "
            f"GitHub rejects {self._document()}; write it as {expected}"
        )

    def bad_value(self, path: tuple, value: Any, allowed: list, suggestion: str | None) -> str:
        text = super().bad_value(path, value, allowed, suggestion)
        return f"{text}{' ' if text.endswith('?') else '; '}GitHub rejects {self._document()}"

    def bad_pattern(self, path: tuple, value: Any, pattern: str) -> str:
        if len(path) == 3 and path[0] == "jobs" and path[2] == "uses" and not self.action:
            return (
                f"`uses` of {self.where(path[:2])} is {show_value(value)}, but a job's `uses` calls a "
                "reusable workflow, so it must name a workflow file "
                "(`./.github/workflows/<file>.yml`, or `owner/repo/.github/workflows/<file>.yml@ref`): "
                f"GitHub rejects {self._document()}. Fix the path; to run an action, call it from a "
                "step of a job with `runs-on`"
            )
        return (
            f"{self.where(path)} is {show_value(value)}, which does not match {pattern}: GitHub "
            f"rejects {self._document()}; write a value of that form"
        )

    def dependency(self, path: tuple, key: str, needs: str) -> str:
        what = {"run": "a `run` step"}.get(needs, f"{needs!r}")
        return (
            f"{key!r} in {self.where(path)} only applies to {what}; GitHub rejects "
            f"{self._document()} (\"Unexpected value '{key}'\"); remove it here"
        )

    def missing(self, path: tuple, key: str) -> str:
        why = {
            "runs-on": "every job needs `runs-on` (or `uses` to call a reusable workflow)",
            "uses": "a job without `runs-on` must call a reusable workflow with `uses`",
            "jobs": "a workflow needs at least one job",
            "on": "a workflow needs the events that trigger it",
            "steps": "a composite action runs its `steps`",
            "using": "GitHub needs `runs.using` to know how to run the action",
            "main": "a JavaScript action needs the file to run",
            "image": "a Docker action needs the image to run",
            "group": "`concurrency` needs a `group`",
        }.get(key, "")
        if key == "steps" and path[:1] == ("jobs",):
            why = "a job that runs on a runner (`runs-on`) needs the `steps` it runs"
        sep = f": {why}" if why else ""
        return f"{self.where(path)} has no {key!r}{sep}; GitHub rejects {self._document()}; add `{key}`"

    def _step_shape(self, path: tuple, step: Any) -> str | None:
        if not isinstance(step, dict):
            return None
        where = self.where(path)
        has_uses, has_run = "uses" in step, "run" in step
        if has_uses and has_run:
            return (
                f"{where} has both `uses` and `run`: a step either runs an action or runs a "
                f"script; split it into two steps. GitHub rejects {self._document()}"
            )
        if self.action and has_run and "shell" not in step:
            return (
                f"{where} has `run` but no `shell`: a `run` step of a composite action must "
                f"name its shell (for example `shell: bash`). GitHub rejects the action"
            )
        if has_run and not has_uses and "with" in step:
            return (
                f"{where} has `with` but runs a script: `with` passes inputs to an action "
                f"(`uses`); give a `run` step its values through `env`. GitHub rejects "
                f"{self._document()} (\"Unexpected value 'with'\")"
            )
        if not has_uses and not has_run and not any(k in step for k in ("wait", "wait-all", "cancel", "parallel")):
            return f"{where} has neither `uses` nor `run`, so it does nothing; GitHub rejects {self._document()}; add the `run` script or the `uses` action, or delete the step"
        return None

    def _one(self, e: ValidationError, root: Any) -> list[SchemaProblem]:
        path = tuple(e.absolute_path)
        if e.validator in ("oneOf", "anyOf", "not") and self._is_step(path) and not self.skip(e):
            msg = self._step_shape(path, e.instance)
            if msg:
                return [SchemaProblem(path, key_span(root, path), msg, "required")]
        if e.validator == "required" and self._is_step(path):
            msg = self._step_shape(path, e.instance)
            if msg:
                return [SchemaProblem(path, key_span(root, path), msg, "required")]
            return []
        return super()._one(e, root)

    def several_alternatives(self, error: ValidationError) -> str | None:
        return None


def _step_lists(root: LMap, action: bool):
    if action:
        runs = root.get("runs")
        steps = runs.get("steps") if isinstance(runs, LMap) else None
        if isinstance(steps, LSeq):
            yield ("runs", "steps"), steps
        return
    jobs = root.get("jobs")
    if isinstance(jobs, LMap):
        for jid, job in jobs.items():
            steps = job.get("steps") if isinstance(job, LMap) else None
            if isinstance(steps, LSeq):
                yield ("jobs", jid, "steps"), steps


def _step_problems(explainer: GhaExplainer, root: LMap) -> list[SchemaProblem]:
    """The uses/run shape of every step (the schemas encode it loosely or not at all)."""
    out = []
    for base, steps in _step_lists(root, explainer.action):
        for i, st in enumerate(steps):
            path = base + (i,)
            msg = explainer._step_shape(path, st)
            if msg:
                out.append(SchemaProblem(path, key_span(root, path), msg, "required"))
    return out


def _case_duplicates(node: Any, path: tuple = (), depth: int = 0) -> list[tuple[tuple, str, str]]:
    """Keys of one mapping that differ only in case (``FOO`` and ``foo``): GitHub compares
    keys case-insensitively and rejects the file ("'foo' is already defined"). Job ids are
    left to the job rules."""
    out: list[tuple[tuple, str, str]] = []
    if depth > 40:
        return out
    if isinstance(node, LMap):
        if path != ("jobs",):
            seen: dict[str, str] = {}
            for k in node:
                if not isinstance(k, str):
                    continue
                first = seen.setdefault(k.upper(), k)
                if first != k:
                    out.append((path, first, k))
        for k, v in node.items():
            if isinstance(v, (LMap, LSeq)):
                out.extend(_case_duplicates(v, path + (k,), depth + 1))
    elif isinstance(node, LSeq):
        for i, v in enumerate(node):
            if isinstance(v, (LMap, LSeq)):
                out.extend(_case_duplicates(v, path + (i,), depth + 1))
    return out


def _report(ctx, explainer: GhaExplainer, validator: Draft7Validator, root: LMap, ident: str) -> None:
    errors = list(validator.iter_errors(root))
    problems = explainer.explain(errors, root)
    if explainer.action:
        # the runner needs only `runs`; `name` and `description` matter to the Marketplace
        problems = [p for p in problems if not (p.kind == "required" and p.path == () and p.key != "runs")]
    have = {(p.span.line, p.span.col, p.message) for p in problems}
    problems += [p for p in _step_problems(explainer, root) if (p.span.line, p.span.col, p.message) not in have]
    seen = {(p.span.line, p.span.col) for p in problems}
    for path, first, again in _case_duplicates(root):
        span = key_span(root, path + (again,))
        if (span.line, span.col) in seen:
            continue
        parent = node_at(root, path)
        line = parent.key_span(first).line if isinstance(parent, LMap) else 0
        problems.append(
            SchemaProblem(
                path + (again,),
                span,
                f"{again!r} in {explainer.where(path)} differs from {first!r} (line {line}) only "
                f"in case: GitHub compares keys case-insensitively and rejects "
                f"{explainer._document()} (\"'{again}' is already defined\"). Keep one of them",
                "duplicate",
                again,
            )
        )
    for p in problems:
        ctx.report(p.span, p.message, context=f"{ident}:{'.'.join(map(str, p.path))}:{p.kind}:{p.key}")


@check(RULE, on="workflow")
def workflow_schema(ctx, wf: Workflow) -> None:
    validator = workflow_validator()
    if validator is None or not isinstance(wf.root, LMap):
        return
    _report(ctx, GhaExplainer(wf.root, action=False), validator, wf.root, "workflow")


@check(RULE, on="action")
def action_schema(ctx, unit: FileUnit) -> None:
    validator = action_validator()
    if validator is None or not unit.docs or not isinstance(unit.docs[0].root, LMap):
        return
    root = unit.docs[0].root
    _report(ctx, GhaExplainer(root, action=True), validator, root, "action")
