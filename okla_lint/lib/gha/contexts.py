"""What GitHub evaluates in a workflow or composite action, and what it declares.

Every string that GitHub evaluates is visited once (a ``Site``), with the workflow key it
sits under (``jobs.<job_id>.steps.run``...), which decides the contexts and special
functions available there (GitHub's "context availability" table). ``Scope`` is what the
document declares (inputs, jobs); ``needs_of``, ``matrix_keys``, ``step_ids`` and
``job_outputs`` answer the questions rules ask about jobs and steps.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from ...core.files import FileUnit
from ...core.located import LMap, LSeq, Span
from ...core.model import Job, Workflow
from .reusable import called_workflow

CONTEXTS = ("github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs")

# name -> (min args, max args or None); names are case-insensitive
FUNCTIONS: dict[str, tuple[str, int, int | None]] = {
    "contains": ("contains", 2, 2),
    "startswith": ("startsWith", 2, 2),
    "endswith": ("endsWith", 2, 2),
    "format": ("format", 1, None),
    "join": ("join", 1, 2),
    "tojson": ("toJSON", 1, 1),
    "fromjson": ("fromJSON", 1, 1),
    "hashfiles": ("hashFiles", 1, None),
    "success": ("success", 0, 0),
    "always": ("always", 0, 0),
    "cancelled": ("cancelled", 0, 0),
    "failure": ("failure", 0, 0),
    "case": ("case", 3, None),
}
STATUS_FUNCS = ("success", "always", "cancelled", "failure")

_ALL_STEP = ("env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "steps", "strategy", "vars")
_JOB_BASIC = ("github", "inputs", "matrix", "needs", "strategy", "vars")
# GitHub's context availability table (docs: "Contexts reference", context availability)
AVAILABILITY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "run-name": (("github", "inputs", "vars"), ()),
    "concurrency": (("github", "inputs", "vars"), ()),
    "env": (("github", "inputs", "secrets", "vars"), ()),
    "on.workflow_call.inputs.<inputs_id>.default": (("github", "inputs", "vars"), ()),
    "on.workflow_call.outputs.<output_id>.value": (("github", "inputs", "jobs", "vars"), ()),
    "jobs.<job_id>.concurrency": (_JOB_BASIC, ()),
    "jobs.<job_id>.container": (_JOB_BASIC, ()),
    "jobs.<job_id>.container.credentials": (("env", "github", "inputs", "matrix", "needs", "secrets", "strategy", "vars"), ()),
    "jobs.<job_id>.container.env.<env_id>": (("env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "strategy", "vars"), ()),
    "jobs.<job_id>.continue-on-error": (_JOB_BASIC, ()),
    "jobs.<job_id>.defaults.run": (("env", "github", "inputs", "matrix", "needs", "strategy", "vars"), ()),
    "jobs.<job_id>.env": (("github", "inputs", "matrix", "needs", "secrets", "strategy", "vars"), ()),
    "jobs.<job_id>.environment": (_JOB_BASIC, ()),
    "jobs.<job_id>.environment.url": (("env", "github", "inputs", "job", "matrix", "needs", "runner", "steps", "strategy", "vars"), ()),
    "jobs.<job_id>.if": (("github", "inputs", "needs", "vars"), STATUS_FUNCS),
    "jobs.<job_id>.name": (_JOB_BASIC, ()),
    "jobs.<job_id>.outputs.<output_id>": (_ALL_STEP, ()),
    "jobs.<job_id>.runs-on": (_JOB_BASIC, ()),
    "jobs.<job_id>.secrets.<secrets_id>": (("github", "inputs", "matrix", "needs", "secrets", "strategy", "vars"), ()),
    "jobs.<job_id>.services": (_JOB_BASIC, ()),
    "jobs.<job_id>.services.<service_id>.credentials": (("env", "github", "inputs", "matrix", "needs", "secrets", "strategy", "vars"), ()),
    "jobs.<job_id>.services.<service_id>.env.<env_id>": (("env", "github", "inputs", "job", "matrix", "needs", "runner", "secrets", "strategy", "vars"), ()),
    "jobs.<job_id>.steps.continue-on-error": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.steps.env": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.steps.if": (("env", "github", "inputs", "job", "matrix", "needs", "runner", "steps", "strategy", "vars"), STATUS_FUNCS + ("hashfiles",)),
    "jobs.<job_id>.steps.name": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.steps.run": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.steps.timeout-minutes": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.steps.with": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.steps.working-directory": (_ALL_STEP, ("hashfiles",)),
    "jobs.<job_id>.strategy": (("github", "inputs", "needs", "vars"), ()),
    "jobs.<job_id>.timeout-minutes": (_JOB_BASIC, ()),
    "jobs.<job_id>.with.<with_id>": (_JOB_BASIC, ()),
}
# contexts a composite action cannot read: the workflow passes them in as inputs
ACTION_UNAVAILABLE = {
    "secrets": "GitHub withholds secrets from actions",
    "vars": "configuration variables belong to the workflow",
    "needs": "`needs` belongs to the workflow's jobs",
}
SPECIAL_FUNCS = {"success", "always", "cancelled", "failure", "hashfiles"}


@dataclass
class Site:
    """One string that GitHub evaluates."""

    container: Any  # the LMap / LSeq holding the value
    key: Any
    value: str
    where: str  # workflow key, e.g. "jobs.<job_id>.steps.run"
    implicit: bool = False  # an `if:` condition (an expression even without ${{ }})
    job: Job | None = None
    steps: Any = None  # the steps list the site can see (LSeq) or None
    step_index: int | None = None  # the step holding the site; None: job level (all steps)
    action: bool = False  # inside a composite action

    @property
    def span(self) -> Span:
        c = self.container
        return c.value_span(self.key) if isinstance(c, LMap) else c.item_span(self.key)


def _strings(container: Any, key: Any, where: str, **kw: Any) -> Iterator[Site]:
    """Sites for the value at container[key] and every string nested inside it."""
    value = container[key]
    if isinstance(value, str):
        if "${{" in value or kw.get("implicit"):
            yield Site(container, key, value, where, **kw)
    elif isinstance(value, LMap):
        for k in value:
            yield from _strings(value, k, where, **{**kw, "implicit": False})
    elif isinstance(value, LSeq):
        for i in range(len(value)):
            yield from _strings(value, i, where, **{**kw, "implicit": False})


def _each(m: Any, where: str, **kw: Any) -> Iterator[Site]:
    if isinstance(m, LMap):
        for k in m:
            yield from _strings(m, k, where, **kw)


JOB_KEYS = {
    "name": "jobs.<job_id>.name",
    "runs-on": "jobs.<job_id>.runs-on",
    "concurrency": "jobs.<job_id>.concurrency",
    "continue-on-error": "jobs.<job_id>.continue-on-error",
    "timeout-minutes": "jobs.<job_id>.timeout-minutes",
    "strategy": "jobs.<job_id>.strategy",
}
STEP_KEYS = {
    "name": "jobs.<job_id>.steps.name",
    "run": "jobs.<job_id>.steps.run",
    "with": "jobs.<job_id>.steps.with",
    "env": "jobs.<job_id>.steps.env",
    "working-directory": "jobs.<job_id>.steps.working-directory",
    "continue-on-error": "jobs.<job_id>.steps.continue-on-error",
    "timeout-minutes": "jobs.<job_id>.steps.timeout-minutes",
    "shell": "jobs.<job_id>.steps.shell",  # not in the table: syntax and references only
}


def _container_sites(c: Any, base: str, job: Job) -> Iterator[Site]:
    if isinstance(c, str):
        return
    if not isinstance(c, LMap):
        return
    for k in c:
        if k == "credentials":
            yield from _strings(c, k, base + ".credentials", job=job)
        elif k == "env":
            yield from _strings(c, k, base + ".env.<env_id>", job=job)
        else:
            yield from _strings(c, k, base.split(".<service_id>")[0] if "<service_id>" in base else base, job=job)


def step_sites(steps: Any, i: int, st: LMap, job: Job | None, action: bool) -> Iterator[Site]:
    kw = dict(job=job, steps=steps, step_index=i, action=action)
    for k in st:
        if k == "if":
            if isinstance(st[k], str):
                yield from _strings(st, k, "jobs.<job_id>.steps.if", implicit=True, **kw)
        elif k in STEP_KEYS:
            yield from _strings(st, k, STEP_KEYS[k], **kw)


def workflow_sites(wf: Workflow) -> Iterator[Site]:
    root = wf.root
    for key, where in (("run-name", "run-name"), ("concurrency", "concurrency")):
        if key in root:
            yield from _strings(root, key, where)
    if "env" in root:
        yield from _strings(root, "env", "env")
    on = root.get("on")
    wc = on.get("workflow_call") if isinstance(on, LMap) else None
    if isinstance(wc, LMap):
        inputs = wc.get("inputs")
        if isinstance(inputs, LMap):
            for _, spec in inputs.items():
                if isinstance(spec, LMap) and "default" in spec:
                    yield from _strings(spec, "default", "on.workflow_call.inputs.<inputs_id>.default")
        outputs = wc.get("outputs")
        if isinstance(outputs, LMap):
            for _, spec in outputs.items():
                if isinstance(spec, LMap) and "value" in spec:
                    yield from _strings(spec, "value", "on.workflow_call.outputs.<output_id>.value")
    for job in wf.jobs():
        yield from job_sites(job)


def job_sites(job: Job) -> Iterator[Site]:
    n = job.node
    steps = n.get("steps") if isinstance(n.get("steps"), LSeq) else None
    for k in n:
        if k == "if":
            if isinstance(n[k], str):
                yield from _strings(n, k, "jobs.<job_id>.if", implicit=True, job=job)
        elif k in JOB_KEYS:
            yield from _strings(n, k, JOB_KEYS[k], job=job)
        elif k == "env":
            yield from _strings(n, k, "jobs.<job_id>.env", job=job)
        elif k == "outputs":
            yield from _strings(n, k, "jobs.<job_id>.outputs.<output_id>", job=job, steps=steps)
        elif k == "environment":
            env = n[k]
            if isinstance(env, LMap):
                for ek in env:
                    where = "jobs.<job_id>.environment.url" if ek == "url" else "jobs.<job_id>.environment"
                    yield from _strings(env, ek, where, job=job, steps=steps if ek == "url" else None)
            else:
                yield from _strings(n, k, "jobs.<job_id>.environment", job=job)
        elif k == "defaults":
            d = n[k]
            if isinstance(d, LMap) and isinstance(d.get("run"), LMap):
                yield from _each(d["run"], "jobs.<job_id>.defaults.run", job=job)
        elif k == "container":
            c = n[k]
            if isinstance(c, str):
                yield from _strings(n, k, "jobs.<job_id>.container", job=job)
            else:
                yield from _container_sites(c, "jobs.<job_id>.container", job)
        elif k == "services":
            sv = n[k]
            if isinstance(sv, LMap):
                for sk in sv:
                    if isinstance(sv[sk], LMap):
                        yield from _container_sites(sv[sk], "jobs.<job_id>.services.<service_id>", job)
                    else:
                        yield from _strings(sv, sk, "jobs.<job_id>.services", job=job)
        elif k == "with":
            yield from _strings(n, k, "jobs.<job_id>.with.<with_id>", job=job)
        elif k == "secrets":
            yield from _strings(n, k, "jobs.<job_id>.secrets.<secrets_id>", job=job)
    if steps is not None:
        for i, st in enumerate(steps):
            if isinstance(st, LMap):
                yield from step_sites(steps, i, st, job, False)


def action_sites(unit: FileUnit) -> Iterator[Site]:
    root = unit.docs[0].root
    runs = root.get("runs")
    steps = runs.get("steps") if isinstance(runs, LMap) and isinstance(runs.get("steps"), LSeq) else None
    inputs = root.get("inputs")
    if isinstance(inputs, LMap):
        for _, spec in inputs.items():
            if isinstance(spec, LMap) and "default" in spec:
                yield from _strings(spec, "default", "action.inputs.<input_id>.default", action=True)
    outputs = root.get("outputs")
    if isinstance(outputs, LMap):
        for _, spec in outputs.items():
            if isinstance(spec, LMap) and "value" in spec:
                yield from _strings(spec, "value", "action.outputs.<output_id>.value", action=True, steps=steps)
    if isinstance(runs, LMap):
        for k in ("pre-if", "post-if"):
            if isinstance(runs.get(k), str):
                yield from _strings(runs, k, f"action.runs.{k}", implicit=True, action=True)
        for k in ("args", "env", "entrypoint", "pre-entrypoint", "post-entrypoint", "image"):
            if k in runs:
                yield from _strings(runs, k, f"action.runs.{k}", action=True)
    if steps is not None:
        for i, st in enumerate(steps):
            if isinstance(st, LMap):
                yield from step_sites(steps, i, st, None, True)


# -- what the document declares ------------------------------------------------------------


@dataclass
class Scope:
    """What references can resolve to in one workflow or action."""

    inputs: dict[str, str] | None  # lower name -> name; None when not declared
    jobs: dict[str, Job] = field(default_factory=dict)  # lower id -> job
    action: bool = False
    dispatch_inputs: dict[str, str] | None = None  # github.event.inputs, when known


def dispatch_inputs(root: LMap) -> dict[str, str] | None:
    """Inputs of ``on.workflow_dispatch`` when the workflow cannot be called by another
    one (in a called workflow, ``github.event`` is the caller's event)."""
    on = root.get("on")
    if not isinstance(on, LMap) or "workflow_call" in on:
        return None
    spec = on.get("workflow_dispatch")
    if isinstance(spec, LMap) and isinstance(spec.get("inputs"), LMap):
        return {str(k).lower(): str(k) for k in spec["inputs"]}
    return None


def declared_inputs(root: LMap, action: bool) -> dict[str, str] | None:
    # only workflow_dispatch and workflow_call define inputs, and only the declared ones:
    # without a declaration the `inputs` context is empty (actionlint reports it too)
    if action:
        inp = root.get("inputs")
        if isinstance(inp, LMap):
            return {str(k).lower(): str(k) for k in inp}
        return {} if inp is None else None
    on = root.get("on")
    if isinstance(on, (str, LSeq)):
        return {}
    if not isinstance(on, LMap):
        return None
    out: dict[str, str] = {}
    for ev in ("workflow_dispatch", "workflow_call"):
        spec = on.get(ev)
        if isinstance(spec, LMap) and "inputs" in spec:
            inp = spec["inputs"]
            if isinstance(inp, LMap):
                out.update({str(k).lower(): str(k) for k in inp})
            elif inp is not None:
                return None  # not a mapping: unknown
    return out


def needs_of(job: Job) -> list[tuple[str, Span]]:
    """(job id, span) of each entry of ``needs``."""
    return [(name, needs_span(job, i)) for name, i in needs_names(job)]


def needs_names(job: Job) -> list[tuple[str, int]]:
    """(job id, index) of each entry of ``needs`` (index -1: ``needs`` is one string);
    ``needs_span`` gives an entry's span (a workflow of 2,000 jobs, each needing every
    earlier one, has 2 million entries: spans only for what is reported)."""
    n = job.node.get("needs")
    if isinstance(n, str):
        return [(n, -1)]
    if isinstance(n, LSeq):
        return [(x, i) for i, x in enumerate(n) if isinstance(x, str)]
    return []


def needs_lower(job: Job) -> dict[str, str]:
    """Lower-case job id -> the id as written (the last of ids that differ in case only)
    of each entry of ``needs``."""
    n = job.node.get("needs")
    if isinstance(n, str):
        return {n.lower(): n}
    if isinstance(n, LSeq):
        return {x.lower(): x for x in n if isinstance(x, str)}
    return {}


def needs_span(job: Job, index: int) -> Span:
    n = job.node.get("needs")
    return n.item_span(index) if index >= 0 and isinstance(n, LSeq) else job.node.value_span("needs")


def matrix_keys(job: Job) -> dict[str, str] | None:
    """Lower key -> key of the job's matrix when it is known statically; None when it is
    computed (an expression for the matrix, or for an `include` entry)."""
    strategy = job.node.get("strategy")
    if strategy is None:
        return {}
    if not isinstance(strategy, LMap):
        return None
    if "matrix" not in strategy:
        return {}
    matrix = strategy["matrix"]
    if not isinstance(matrix, LMap):
        return None
    keys = {str(k).lower(): str(k) for k in matrix if k not in ("include", "exclude")}
    inc = matrix.get("include")
    if inc is not None:
        if not isinstance(inc, LSeq):
            return None
        for item in inc:
            if not isinstance(item, LMap):
                return None
            keys.update({str(k).lower(): str(k) for k in item})
    return keys


def step_ids(steps: Any) -> list[tuple[int, str]]:
    out = []
    if isinstance(steps, LSeq):
        for i, st in enumerate(steps):
            if isinstance(st, LMap) and isinstance(st.get("id"), str):
                out.append((i, st["id"]))
    return out


def job_outputs(job: Job, model: Any) -> dict[str, str] | None:
    """Lower name -> name of the outputs a job declares; None when unknown."""
    uses = job.node.get("uses")
    if isinstance(uses, str):
        called = called_workflow(job, model)
        if called is None:
            return None
        wc = called.root.get("on")
        wc = wc.get("workflow_call") if isinstance(wc, LMap) else None
        outs = wc.get("outputs") if isinstance(wc, LMap) else None
        if outs is None:
            return {}
        return {str(k).lower(): str(k) for k in outs} if isinstance(outs, LMap) else None
    outs = job.node.get("outputs")
    if outs is None:
        return {}
    if not isinstance(outs, LMap):
        return None
    return {str(k).lower(): str(k) for k in outs}
