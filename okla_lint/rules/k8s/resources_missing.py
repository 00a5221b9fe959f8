"""`resources-missing`: A container sets no cpu request, memory request or memory limit."""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import Container, ns_compatible
from ...core.registry import check
from ...lib.k8s.podutil import is_patch_obj
from ...lib.k8s.workloads import container_name_span


def _limitrange_defaults(model, namespace: str | None) -> set[str]:
    """What LimitRanges of the repository default for containers in this namespace:
    {'cpu-request', 'memory-request', 'memory-limit'}."""
    out: set[str] = set()
    for lr in model.by_kind.get("LimitRange", ()):
        if not ns_compatible(namespace, lr.namespace):
            continue
        limits = get_path(lr.root, "spec", "limits")
        if not isinstance(limits, list):
            continue
        for item in limits:
            if not isinstance(item, LMap) or item.get("type", "Container") != "Container":
                continue
            dflt, dreq = item.get("default"), item.get("defaultRequest")
            for res in ("cpu", "memory"):
                if isinstance(dflt, LMap) and res in dflt:
                    out.add(f"{res}-limit")
                    out.add(f"{res}-request")  # a default limit also becomes the request
                if isinstance(dreq, LMap) and res in dreq:
                    out.add(f"{res}-request")
    return out


@check("resources-missing", on="container")
def resources_missing(ctx, c: Container) -> None:
    if c.list_name == "ephemeralContainers" or is_patch_obj(ctx.model, c.obj):
        return
    if c.list_name == "initContainers" and c.node.get("restartPolicy") != "Always":
        return  # runs to completion before the app starts; sidecars are checked
    want = ctx.params().get("require", ["cpu-request", "memory-request", "memory-limit"])
    res = c.node.get("resources")
    req = res.get("requests") if isinstance(res, LMap) else None
    lim = res.get("limits") if isinstance(res, LMap) else None
    req = req if isinstance(req, LMap) else LMap()
    lim = lim if isinstance(lim, LMap) else LMap()
    have = set()
    # pod-level resources (Kubernetes 1.32+, spec.resources) budget every container at once
    pod_res = c.pod.spec.get("resources")
    pod_req = pod_res.get("requests") if isinstance(pod_res, LMap) else None
    pod_lim = pod_res.get("limits") if isinstance(pod_res, LMap) else None
    for r in ("cpu", "memory"):
        for limits in (lim, pod_lim):
            if isinstance(limits, LMap) and r in limits:
                have.add(f"{r}-limit")
                have.add(f"{r}-request")
        for requests in (req, pod_req):
            if isinstance(requests, LMap) and r in requests:
                have.add(f"{r}-request")
    missing = [w for w in want if w not in have]
    if not missing:
        return
    missing = [w for w in missing if w not in _limitrange_defaults(ctx.model, c.obj.namespace)]
    if not missing:
        return
    words = {"cpu-request": "cpu request", "memory-request": "memory request", "memory-limit": "memory limit", "cpu-limit": "cpu limit"}
    listed = ", ".join(words.get(m, m) for m in missing)
    why = []
    if "cpu-request" in missing or "memory-request" in missing:
        why.append(
            "the scheduler places the pod as if it needed nothing, so nodes get overcommitted "
            "and the pod is among the first evicted under pressure"
        )
    if "memory-limit" in missing:
        why.append("without a memory limit one leaking container can exhaust the node's memory")
    span = c.node.key_span("resources") if isinstance(res, LMap) else container_name_span(c)
    ctx.report(
        span,
        f"{c.ident} sets no {listed}: {'; '.join(why)}. Set resources.requests (cpu, memory) "
        "and resources.limits.memory from observed usage",
        context=f"{c.ident}:resources",
        once="resources",
    )
