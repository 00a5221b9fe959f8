"""The job graph and ids: ``needs`` naming a job that does not exist, dependency cycles,
and step ids used twice in one job (ids are case-insensitive in GitHub Actions)."""
from __future__ import annotations

import re
import zoneinfo
from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.suggest import closest
from ...core.model import Job, Workflow
from ...core.registry import check
from ...lib.gha.contexts import needs_of


@check("job-needs-unknown", "job-needs-cycle", on="workflow")
def job_needs(ctx: Any, wf: Workflow) -> None:
    jobs = list(wf.jobs())
    by_low = {j.id.lower(): j for j in jobs}
    # edges as the job's own lower-case id strings (shared), spans looked up only for a
    # cycle: 2,000 jobs each needing every earlier one are 2 million edges (issue 12)
    ids = {low: low for low in by_low}
    graph: dict[str, list[str]] = {}
    for job in jobs:
        edges = []
        for name, span in needs_of(job):
            low = ids.get(name) or ids.get(name.lower())
            if low is None:
                low = name.lower()
                near = closest(low, list(by_low))
                hint = f" (did you mean `{by_low[near].id}`?)" if near else ""
                ctx.report(
                    "job-needs-unknown",
                    span,
                    f"job `{job.id}` needs `{name}`, but the workflow has no job with that id: GitHub rejects "
                    f"the workflow (\"Job '{job.id}' depends on unknown job '{name}'\"){hint}; "
                    "fix the job id or remove it from `needs`.",
                    context=f"{job.id}:needs:{low}",
                    once="",
                )
                continue
            edges.append(low)
        graph[job.id.lower()] = edges
    for cycle in _cycles(graph, [j.id.lower() for j in jobs]):
        first = cycle[0]
        # point at the `needs` entry of the first job (in file order) that closes the cycle
        nxt = cycle[1] if len(cycle) > 1 else cycle[0]
        span = next(s for t, s in needs_of(by_low[first]) if t.lower() == nxt)
        names = [by_low[c].id for c in cycle] + [by_low[first].id]
        ctx.report(
            "job-needs-cycle",
            span,
            f"jobs depend on each other in a cycle ({' -> '.join(names)}), so none of them can start: GitHub "
            "rejects the workflow; remove one of these `needs` entries.",
            related=[(wf.file, by_low[c].key_span, f"job `{by_low[c].id}`") for c in cycle[1:]],
            context="cycle:" + "->".join(sorted(cycle)),
            once="",
        )


def _cycles(graph: dict[str, list[str]], order: list[str]) -> list[list[str]]:
    """One cycle per strongly connected component that has one (Tarjan), each starting at
    its job that comes first in the file and following `needs` edges inside the component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    comps: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        # iterative Tarjan
        work = [(v, 0)]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        while work:
            node, i = work[-1]
            edges = graph.get(node, [])
            if i < len(edges):
                work[-1] = (node, i + 1)
                w = edges[i]
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, 0))
                elif w in on_stack:
                    low[node] = min(low[node], index[w])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    comps.append(comp)

    for v in order:
        if v not in index:
            strong(v)
    pos = {v: i for i, v in enumerate(order)}
    out = []
    for comp in comps:
        members = set(comp)
        if len(comp) == 1 and comp[0] not in graph.get(comp[0], ()):
            continue
        start = min(comp, key=lambda v: pos.get(v, 1 << 30))
        # walk from start along edges inside the component until we come back (BFS path)
        path = _path_back(graph, start, members)
        out.append(path)
    out.sort(key=lambda c: pos.get(c[0], 0))
    return out


def _path_back(graph: dict[str, list[str]], start: str, members: set[str]) -> list[str]:
    """Shortest path start -> ... -> start inside ``members``, without the final start."""
    prev: dict[str, str] = {}
    frontier = [start]
    seen = {start}
    while frontier:
        nxt = []
        for v in frontier:
            for w in graph.get(v, []):
                if w not in members:
                    continue
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(prev[path[-1]])
                    return list(reversed(path))
                if w not in seen:
                    seen.add(w)
                    prev[w] = v
                    nxt.append(w)
        frontier = nxt
    return [start]


_STEP_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")  # the runner's NameValidation: no leading digit or hyphen


def _duplicate_step_ids(ctx: Any, steps: Any, owner: str, ident: str) -> None:
    if not isinstance(steps, LSeq):
        return
    seen: dict[str, tuple[str, Any]] = {}
    for st in steps:
        if not isinstance(st, LMap) or not isinstance(st.get("id"), str):
            continue
        sid = st["id"]
        low = sid.lower()
        if "${{" in sid:
            continue
        if not _STEP_ID.match(sid):
            ctx.report(
                "step-id-invalid",
                st.value_span("id"),
                f"step id `{sid}` is not a valid identifier: ids may only contain letters, digits, `_` and `-` "
                f"and start with a letter or `_`; "
                + ("the action fails to load" if ident == "action" else "GitHub rejects the workflow")
                + f" (\"The identifier '{sid}' is invalid\"), and `steps.<id>` could not name it. Rename it "
                f"(for example `{re.sub(r'[^A-Za-z0-9_-]+', '-', sid).strip('-') or 'step'}`).",
                context=f"{ident}:{low}:invalid",
                once="",
            )
        if low in seen:
            first, first_span = seen[low]
            same = "" if first == sid else f" (`{first}`: step ids are case-insensitive)"
            ctx.report(
                "duplicate-step-id",
                st.value_span("id"),
                f"step id `{sid}` is already used by an earlier step of {owner}{same}: "
                + ("the action fails to load" if ident == "action" else "GitHub rejects the workflow")
                + ", and `steps.<id>` could not tell them apart; give each step a unique id.",
                related=[(ctx.file, first_span, "the first step with this id")],
                context=f"{ident}:{low}",
                once="",
            )
        else:
            seen[low] = (sid, st.value_span("id"))


@check("duplicate-step-id", "step-id-invalid", on="job")
def duplicate_step_ids_job(ctx: Any, job: Job) -> None:
    _duplicate_step_ids(ctx, job.node.get("steps"), f"job `{job.id}`", job.id)


@check("duplicate-step-id", "step-id-invalid", on="action")
def duplicate_step_ids_action(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root
    runs = root.get("runs") if isinstance(root, LMap) else None
    if isinstance(runs, LMap):
        _duplicate_step_ids(ctx, runs.get("steps"), "this action", "action")


@check("duplicate-job-id", on="workflow")
def duplicate_job_ids(ctx: Any, wf: Workflow) -> None:
    jobs = wf.root.get("jobs")
    if not isinstance(jobs, LMap):
        return
    seen: dict[str, Any] = {}
    for jid in jobs:
        if not isinstance(jid, str):
            continue
        low = jid.lower()
        if low in seen and seen[low] != jid:
            first = seen[low]
            ctx.report(
                jobs.key_span(jid),
                f"job id `{jid}` differs from job `{first}` only in case, and job ids are case-insensitive: "
                "GitHub rejects the workflow, and `needs` could not tell them apart; rename one of them.",
                related=[(ctx.file, jobs.key_span(first), f"job `{first}`")],
                context=f"jobs:{low}",
                once="",
            )
        else:
            seen.setdefault(low, jid)


# -- on.schedule cron ----------------------------------------------------------------------

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
# (name, lowest, highest, names); 7 is accepted for Sunday as most cron parsers do
CRON_FIELDS = (
    ("minute", 0, 59, None),
    ("hour", 0, 23, None),
    ("day of the month", 1, 31, None),
    ("month", 1, 12, _MONTHS),
    ("day of the week", 0, 7, _DAYS),
)


def _cron_value(text: str, lo: int, hi: int, names: list[str] | None) -> str | None:
    if names and text.lower() in names:
        return None
    if not (text.isascii() and text.isdigit()):
        extra = f" or {names[0].upper()}-{names[-1].upper()}" if names else ""
        return f"`{text}` is not a number{extra}"
    if not lo <= int(text) <= hi:
        return f"`{text}` is out of range ({lo}-{hi})"
    return None


def cron_problems(expr: str) -> list[tuple[int, int, str]]:
    """(start, end, problem) for each part of a 5-field cron expression GitHub cannot use."""
    fields = [(m.start(), m.group()) for m in re.finditer(r"\S+", expr)]
    if len(fields) != 5:
        return [(0, len(expr), f"a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has {len(fields)}")]
    out = []
    for (start, text), (fname, lo, hi, names) in zip(fields, CRON_FIELDS):
        pos = start
        for item in text.split(","):
            problem = None
            base, slash, step = item.partition("/")
            if slash and (not (step.isascii() and step.isdigit()) or int(step) == 0):
                problem = f"the step `/{step}` must be a positive number"
            elif base == "":
                problem = "an empty value"
            elif base != "*":
                a, dash, b = base.partition("-")
                problem = _cron_value(a, lo, hi, names) or (_cron_value(b, lo, hi, names) if dash else None)
            if problem:
                out.append((pos, pos + len(item), f"{fname}: {problem}"))
            pos += len(item) + 1
    return out


@check("schedule-cron-invalid", "schedule-too-frequent", on="workflow")
def schedule_cron(ctx: Any, wf: Workflow) -> None:
    on = wf.root.get("on")
    sched = on.get("schedule") if isinstance(on, LMap) else None
    if not isinstance(sched, LSeq):
        return
    for item in sched:
        if isinstance(item, LMap):
            _schedule_timezone(ctx, item)
        if not isinstance(item, LMap) or not isinstance(item.get("cron"), str):
            continue
        expr = item["cron"]
        if expr.strip().startswith("@"):
            continue  # macros such as @daily: support is not documented either way
        span = item.value_span("cron")
        problems = cron_problems(expr)
        if not problems:
            _schedule_frequency(ctx, expr, span)
        for start, end, problem in problems:
            ctx.report(
                "schedule-cron-invalid",
                ctx.sub_span(span, expr, start, end),
                f"invalid cron `{expr}`: {problem}. GitHub cannot schedule it, so this workflow never runs on "
                "schedule; fields are minute (0-59), hour (0-23), day of the month (1-31), month (1-12 or "
                "JAN-DEC) and day of the week (0-6 or SUN-SAT), with `*`, `,`, `-` and `/`.",
                context=f"cron:{expr}:{start}",
                once="",
            )


def _timezones() -> set[str]:
    """The IANA time zone names this machine knows (empty when it has no database: then
    no name is judged)."""
    try:
        return set(zoneinfo.available_timezones())
    except Exception:  # no time zone database
        return set()


def _schedule_timezone(ctx: Any, item: LMap) -> None:
    tz = item.get("timezone")
    if not isinstance(tz, str) or "${{" in tz:
        return
    known = ctx.model.extra.get("gha.timezones")
    if known is None:
        known = ctx.model.extra["gha.timezones"] = _timezones()
    if not known or tz in known:
        return
    near = closest(tz, sorted(known))
    hint = f" (did you mean `{near}`?)" if near else ""
    ctx.report(
        "schedule-cron-invalid",
        item.value_span("timezone"),
        f"`{tz}` is not an IANA time zone name{hint}: GitHub cannot schedule the workflow; write a name "
        "from the tz database such as `Europe/Berlin` or `America/New_York`, or leave `timezone` out "
        "for UTC.",
        context=f"timezone:{tz}",
        once="",
    )


def _minutes(field: str) -> set[int] | None:
    """The minutes a valid cron minute field fires at."""
    out: set[int] = set()
    for item in field.split(","):
        base, slash, step = item.partition("/")
        n = int(step) if slash else 1
        if base == "*":
            lo, hi = 0, 59
        else:
            a, dash, b = base.partition("-")
            if not a.isdigit() or (dash and not b.isdigit()):
                return None
            lo, hi = int(a), (int(b) if dash else (59 if slash else int(a)))
        out.update(range(lo, hi + 1, n))
    return out


def _schedule_frequency(ctx: Any, expr: str, span: Any) -> None:
    fields = [(m.start(), m.group()) for m in re.finditer(r"\S+", expr)]
    if len(fields) != 5:
        return
    (start, minute), (_, hour) = fields[0], fields[1]
    mins = _minutes(minute)
    if not mins or len(mins) < 2:
        return
    order = sorted(mins)
    gaps = [b - a for a, b in zip(order, order[1:])]
    if hour == "*":
        gaps.append(60 - order[-1] + order[0])
    gap = min(gaps)
    if gap >= 5:
        return
    ctx.report(
        "schedule-too-frequent",
        ctx.sub_span(span, expr, start, start + len(minute)),
        f"`{expr}` fires {gap} minute{'s' if gap > 1 else ''} apart, but GitHub runs a scheduled workflow at "
        "most once every 5 minutes: runs are skipped, so it runs less often than written; use an "
        "interval of at least 5 minutes (`*/5`).",
        context=f"frequency:{expr}",
        once="",
    )
