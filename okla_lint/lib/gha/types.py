"""Types of GitHub Actions expressions: what each context holds (GitHub's "Contexts
reference"), what the built-in functions take and return ("Expressions"), and a checker
that types a parsed expression (lib/gha/expression.py) and lists what is certainly wrong.

GitHub converts values loosely at run time (an object becomes the string 'Object', a
comparison converts both sides to numbers), so nothing here is rejected when the workflow
loads: the problems are expressions whose value is never what the author meant. Whatever
cannot be known statically is ``ANY`` and never causes a problem: the webhook payload
(``github.event.*``), matrix values, ``env`` values, ``fromJSON()`` results, outputs.

Unknown names that other rules judge (steps, jobs, matrix keys, inputs, contexts,
functions) are typed ``ANY`` here, so each mistake is reported once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from ...core.located import LMap
from . import expression as X


# -- the types -------------------------------------------------------------------------


@dataclass(frozen=True)
class Scalar:
    name: str  # any | string | number | bool | null

    def __str__(self) -> str:
        return self.name


ANY = Scalar("any")
STRING = Scalar("string")
NUMBER = Scalar("number")
BOOL = Scalar("bool")
NULL = Scalar("null")


@dataclass(frozen=True)
class Array:
    elem: Any = ANY

    def __str__(self) -> str:
        return "array"


@dataclass(eq=False)
class Obj:
    """An object. ``props``: known properties (lower-case name -> type); ``values``: the
    type of any other property (a map such as ``env``), or None; ``unknown`` says what
    an unknown property is when ``values`` is None: "report" (a closed object such as
    ``runner``), "typo" (report only a near miss of a known name: ``github`` grows new
    properties), "any" (another rule judges it, or anything may be there)."""

    what: str
    props: dict = field(default_factory=dict)
    values: Any = None
    unknown: str = "any"
    names: dict = field(default_factory=dict)  # lower -> name as documented

    def __str__(self) -> str:
        return "object"


def obj(what: str, props: dict, unknown: str = "report", values: Any = None) -> Obj:
    return Obj(what, {k.lower(): v for k, v in props.items()}, values, unknown, {k.lower(): k for k in props})


def is_object(t: Any) -> bool:
    return isinstance(t, (Obj, Array))


def describe(t: Any) -> str:
    if isinstance(t, Obj):
        return "an object"
    if isinstance(t, Array):
        return "an array"
    return {"string": "a string", "number": "a number", "bool": "a boolean", "null": "null"}.get(t.name, "a value")


# -- the contexts ----------------------------------------------------------------------

_GITHUB_STRINGS = (
    "action", "action_path", "action_ref", "action_repository", "action_status", "actor", "actor_id",
    "api_url", "artifacts", "artifacts_list", "base_ref", "env", "event_name", "event_path", "graphql_url",
    "head_ref", "job", "job_workflow_sha", "output", "path", "ref", "ref_name", "ref_type", "repository",
    "repository_id", "repository_owner", "repository_owner_id", "repository_visibility", "repositoryUrl",
    "retention_days", "run_attempt", "run_id", "run_number", "secret_source", "server_url", "sha", "state",
    "step_summary", "token", "triggering_actor", "workflow", "workflow_ref", "workflow_sha", "workspace",
)


def _github() -> Obj:
    props: dict = {name: STRING for name in _GITHUB_STRINGS}
    props["ref_protected"] = BOOL
    props["artifact_cache_size_limit"] = ANY
    props["event"] = Obj("github.event")  # the webhook payload: any property
    return obj("github", props, unknown="typo")


def _job() -> Obj:
    service = obj("job.services.<service_id>", {"id": STRING, "network": STRING, "ports": Obj("ports", values=STRING)})
    return obj(
        "job",
        {
            "check_run_id": NUMBER,
            "container": obj("job.container", {"id": STRING, "network": STRING}),
            "services": Obj("job.services", values=service),
            "status": STRING,
            "workflow_ref": STRING,
            "workflow_sha": STRING,
            "workflow_repository": STRING,
            "workflow_file_path": STRING,
        },
    )


def _runner() -> Obj:
    # `workspace` is undocumented but kept by the runner for compatibility
    names = ("name", "os", "arch", "temp", "tool_cache", "debug", "environment", "workspace")
    return obj("runner", {n: STRING for n in names})


def _strategy() -> Obj:
    return obj("strategy", {"fail-fast": BOOL, "job-index": NUMBER, "job-total": NUMBER, "max-parallel": NUMBER})


def _step() -> Obj:
    # an unknown property of a step is expr-undefined-step's finding
    return obj("steps.<step_id>", {"outputs": Obj("outputs", values=STRING), "outcome": STRING, "conclusion": STRING}, unknown="any")


def _job_result(what: str) -> Obj:
    return obj(what, {"outputs": Obj("outputs", values=STRING), "result": STRING}, unknown="any")


@dataclass
class Contexts:
    """The type of each context in one workflow or action."""

    types: dict

    def get(self, name: str) -> Any:
        return self.types.get(name.lower(), ANY)


def input_types(root: LMap, action: bool) -> dict:
    """Lower input name -> type of ``inputs.<name>``: booleans and numbers keep their type
    (workflow_dispatch and workflow_call), everything else is a string; ANY when the
    declarations disagree or are computed."""
    out: dict = {}
    if action:
        inp = root.get("inputs")
        if isinstance(inp, LMap):
            for k in inp:
                out[str(k).lower()] = STRING
        return out
    on = root.get("on")
    if not isinstance(on, LMap):
        return out
    for ev in ("workflow_dispatch", "workflow_call"):
        spec = on.get(ev)
        inputs = spec.get("inputs") if isinstance(spec, LMap) else None
        if not isinstance(inputs, LMap):
            continue
        for name, decl in inputs.items():
            kind = decl.get("type") if isinstance(decl, LMap) else None
            if kind == "boolean":
                t: Any = BOOL
            elif kind == "number":
                t = NUMBER
            elif kind in (None, "string", "choice", "environment"):
                t = STRING
            else:
                t = ANY
            low = str(name).lower()
            out[low] = t if out.get(low, t) == t else ANY
    return out


def contexts_for(inputs: dict) -> Contexts:
    return Contexts(
        {
            "github": _github(),
            "env": Obj("env", values=ANY),
            "vars": Obj("vars", values=STRING),
            "secrets": Obj("secrets", values=STRING),
            "job": _job(),
            "runner": _runner(),
            "strategy": _strategy(),
            "steps": Obj("steps", values=_step()),
            "needs": Obj("needs", values=_job_result("needs.<job_id>")),
            "jobs": Obj("jobs", values=_job_result("jobs.<job_id>")),
            "matrix": Obj("matrix", values=ANY),
            "inputs": Obj("inputs", dict(inputs), values=None, unknown="any"),
        }
    )


# -- functions -------------------------------------------------------------------------

# parameter kinds: "text" (converted to a string: an object or array becomes 'Object' or
# 'Array'), "list" (a string or an array), "any"; the last kind repeats
SIGNATURES: dict[str, tuple[tuple[str, ...], Any]] = {
    "contains": (("list", "any"), BOOL),
    "startswith": (("text", "text"), BOOL),
    "endswith": (("text", "text"), BOOL),
    "format": (("text", "text"), STRING),
    "join": (("list", "text"), STRING),
    "tojson": (("any",), STRING),
    "fromjson": (("text",), ANY),
    "hashfiles": (("text",), STRING),
    "success": ((), BOOL),
    "always": ((), BOOL),
    "cancelled": ((), BOOL),
    "failure": ((), BOOL),
    "case": (("any",), ANY),
}


# -- the checker -------------------------------------------------------------------------


@dataclass
class TypeProblem:
    kind: str  # "type" | "compare"
    start: int
    end: int
    message: str
    what: str  # stable text for fingerprints


def first(n: Any) -> int:
    """Offset where the source text of a node starts."""
    while isinstance(n, (X.Prop, X.Index, X.Bin)):
        n = n.obj if isinstance(n, (X.Prop, X.Index)) else n.left
    return n.start


def source(text: str, n: Any) -> str:
    return " ".join(text[first(n) : n.end].split())


class Checker:
    def __init__(self, text: str, contexts: Contexts):
        self.text = text
        self.contexts = contexts
        self.problems: list[TypeProblem] = []

    def report(self, kind: str, start: int, end: int, message: str, what: str) -> None:
        self.problems.append(TypeProblem(kind, start, end, message, what))

    def type_of(self, n: Any) -> Any:
        if isinstance(n, X.Lit):
            v = n.value
            if isinstance(v, bool):
                return BOOL
            if v is None:
                return NULL
            if isinstance(v, float):
                return NUMBER
            return STRING if self.text[n.start : n.start + 1] == "'" else NUMBER
        if isinstance(n, X.Var):
            return self.contexts.get(n.name)
        if isinstance(n, X.Prop):
            return self._prop(n)
        if isinstance(n, X.Index):
            return self._index(n)
        if isinstance(n, X.Call):
            return self._call(n)
        if isinstance(n, X.Not):
            self.type_of(n.operand)
            return BOOL
        if isinstance(n, X.Bin):
            return self._bin(n)
        return ANY

    def _prop(self, n: X.Prop) -> Any:
        t = self.type_of(n.obj)
        name = n.name
        if name == "*":
            if isinstance(t, Obj):
                return Array(t.values if t.values is not None else ANY)
            return Array(ANY)
        if t is ANY or t is NULL:
            return ANY
        if isinstance(t, Array):
            return Array(ANY)  # `labels.*.name`: the property of every element
        if isinstance(t, Scalar):
            chain = source(self.text, n.obj)
            self.report(
                "type",
                n.start,
                n.end,
                f"`{chain}` is {describe(t)}, so it has no property `{name}` and `{chain}.{name}` is always null; "
                f"use `{chain}` itself or read the property from the object that holds it",
                f"prop:{chain.lower()}.{name.lower()}",
            )
            return ANY
        low = name.lower()
        if low in t.props:
            return t.props[low]
        if t.values is not None:
            return t.values
        known = sorted(t.names.values())
        near = get_close_matches(low, list(t.names), n=1, cutoff=0.75)
        if t.unknown == "report" or (t.unknown == "typo" and near):
            hint = f" (did you mean `{t.names[near[0]]}`?)" if near else ""
            self.report(
                "type",
                n.start,
                n.end,
                f"`{t.what}` has no property `{name}`{hint}, so `{source(self.text, n)}` is always null; "
                f"its properties are {', '.join(f'`{k}`' for k in known)}",
                f"unknown:{t.what}.{low}",
            )
        return ANY

    def _index(self, n: X.Index) -> Any:
        t = self.type_of(n.obj)
        self.type_of(n.index)
        if isinstance(t, Array):
            return t.elem
        if isinstance(t, Obj):
            return t.values if t.values is not None else ANY
        if t in (STRING, NUMBER, BOOL):
            chain = source(self.text, n.obj)
            self.report(
                "type",
                first(n.index),
                n.index.end,
                f"`{chain}` is {describe(t)}, and indexing it (`[...]`) always gives null; index an object or an array",
                f"index:{chain.lower()}",
            )
        return ANY

    def _call(self, n: X.Call) -> Any:
        args = [self.type_of(a) for a in n.args]
        sig = SIGNATURES.get(n.name.lower())
        if sig is None:
            return ANY
        kinds, result = sig
        for i, (a, t) in enumerate(zip(n.args, args)):
            if not kinds:
                break
            kind = kinds[min(i, len(kinds) - 1)]
            bad = (kind == "text" and is_object(t)) or (kind == "list" and isinstance(t, Obj))
            if not bad:
                continue
            shown = "'Array'" if isinstance(t, Array) else "'Object'"
            if n.name.lower() == "fromjson":
                effect = f"so it reads the text {shown}, which is not JSON, and the expression fails"
            else:
                effect = f"so it works on the text {shown} instead of the value"
            self.report(
                "type",
                first(a),
                a.end,
                f"argument {i + 1} of `{n.name}()`, `{source(self.text, a)}`, is {describe(t)}, which `{n.name}()` "
                f"converts to a string, {effect}; pass a string (a property of the object, or `toJSON(...)`)",
                f"arg:{n.name.lower()}:{i}:{source(self.text, a).lower()}",
            )
        return result

    def _bin(self, n: X.Bin) -> Any:
        lt = self.type_of(n.left)
        rt = self.type_of(n.right)
        if n.op in ("&&", "||"):
            return lt if lt == rt and not isinstance(lt, Obj) else ANY
        if n.op in ("==", "!="):
            self._equality(n, lt, rt)
        else:
            self._ordering(n, lt, rt)
        return BOOL

    def _equality(self, n: X.Bin, lt: Any, rt: Any) -> None:
        for a, at, b, bt in ((n.left, lt, n.right, rt), (n.right, rt, n.left, lt)):
            if is_object(at) and isinstance(bt, Scalar) and bt is not ANY:
                outcome = "false" if n.op == "==" else "true"
                self.report(
                    "compare",
                    first(n),
                    n.end,
                    f"`{source(self.text, a)}` is {describe(at)} and `{source(self.text, b)}` is {describe(bt)}: an "
                    f"object or array never equals a {bt}, so `{n.op}` is always {outcome}; compare one of its "
                    "properties (`github.event_name == 'push'`)",
                    f"eq:{source(self.text, n).lower()}",
                )
                return
            if at is BOOL and isinstance(b, X.Lit) and bt is STRING and str(b.value).strip().lower() in ("true", "false"):
                outcome = "false" if n.op == "==" else "true"
                self.report(
                    "compare",
                    first(n),
                    n.end,
                    f"`{source(self.text, a)}` is a boolean and `{source(self.text, b)}` is a string: GitHub converts "
                    f"both to numbers (the string to NaN), so `{n.op}` is always {outcome}; compare with "
                    f"`{str(b.value).strip().lower()}` without quotes, or use the boolean itself",
                    f"boolstr:{source(self.text, n).lower()}",
                )
                return

    def _ordering(self, n: X.Bin, lt: Any, rt: Any) -> None:
        for a, at in ((n.left, lt), (n.right, rt)):
            if is_object(at) or at in (BOOL, NULL):
                self.report(
                    "compare",
                    first(n),
                    n.end,
                    f"`{source(self.text, a)}` is {describe(at)}, and ordering it with `{n.op}` makes no sense (GitHub "
                    f"converts it to a number: an object or array to NaN, a boolean to 0 or 1); compare numbers or "
                    "strings",
                    f"order:{source(self.text, n).lower()}",
                )
                return


def check_expression(text: str, node: Any, contexts: Contexts) -> tuple[Any, list[TypeProblem]]:
    """The type of a parsed expression and the problems found in it."""
    c = Checker(text, contexts)
    try:
        t = c.type_of(node)
    except RecursionError:
        return ANY, []
    return t, c.problems
