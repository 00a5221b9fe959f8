"""A family of rules decided by one check: `job-needs-unknown` (`needs` names a job that does
not exist in the workflow); `job-needs-cycle` (jobs depend on each other in a cycle through
`needs`).

One walk over the `needs:` graph of a workflow: a name that is no job, or a cycle.
"""
from __future__ import annotations

from typing import Any

from ...core.suggest import closest
from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha.contexts import needs_names, needs_span


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
        for name, i in needs_names(job):
            low = ids.get(name) or ids.get(name.lower())
            if low is None:
                span = needs_span(job, i)
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
        span = next(needs_span(by_low[first], i) for t, i in needs_names(by_low[first]) if t.lower() == nxt)
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
