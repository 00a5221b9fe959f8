"""Container resources: missing requests/limits, request above limit, and quantities that
are invalid or almost certainly not what was meant.

Semantics (Kubernetes "Resource Management for Pods and Containers", apimachinery
resource.Quantity):
- a limit without a request makes the request equal to the limit;
- the API server rejects a request greater than its limit and any quantity that does not
  parse (``signedNumber (binarySI | decimalExponent | decimalSI)``) or is negative;
- memory and storage are bytes: ``M`` is 10^6, ``Mi`` is 2^20, ``m`` is 1/1000 (of a byte!);
- cpu is cores: ``500`` is five hundred cores, ``500m`` half a core.
"""
from __future__ import annotations

from decimal import Decimal

from ...core.located import LMap, get_path
from ...core.model import Container, ns_compatible
from ...core.registry import check
from ...lib.common.schema_errors import show_value
from ...lib.k8s.schemas import is_builtin_kind
from ...lib.k8s.podutil import is_patch_obj, iter_resource_values, parse_quantity

BYTE_RESOURCES = ("memory", "ephemeral-storage")
MI = Decimal(2**20)
DECIMAL_EXP = {"k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}
BINARY_EXP = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}


def _schema_type_error(ctx, obj, v) -> bool:
    """``v`` is not a string or a number (a boolean, a list, a mapping): a type error that
    k8s-schema reports for the built-in kinds, so this rule stays silent there."""
    if v is None or (isinstance(v, (str, int, float)) and not isinstance(v, bool)):
        return False
    return ctx.enabled("k8s-schema") and obj is not None and is_builtin_kind(obj)


def _is_bytes(name: str) -> bool:
    return name in BYTE_RESOURCES or name.startswith("hugepages-")


def _fmt(d: Decimal) -> str:
    return format(d.normalize(), "f") if d == d.to_integral_value() or abs(d) >= 1 else str(d.normalize())


@check("resources-quantity-invalid", "resources-quantity-suspicious", on="container")
def quantities(ctx, c: Container) -> None:
    params = ctx.params("resources-quantity-suspicious")
    max_cpu = Decimal(str(params.get("max-cpu", 64)))
    decimal = bool(params.get("decimal-suffix", False))  # 256M is valid and only 5 % off 256Mi
    for section, name, m, v in iter_resource_values(c):
        span = m.value_span(name)
        q = parse_quantity(v)
        where = f"resources.{section}.{name} of {c.ident}"
        if q is None:
            if _schema_type_error(ctx, c.obj, v):
                continue
            ctx.report(
                "resources-quantity-invalid",
                span,
                f"{where} is {show_value(v)}, which is not a Kubernetes quantity (a number with an "
                "optional suffix such as 250m, 0.5, 128Mi, 1Gi or 1e9); the API server rejects "
                "the object. Write a valid quantity",
                context=f"{c.ident}:{section}:{name}",
            )
            continue
        amount, suffix = q
        if amount < 0:
            ctx.report(
                "resources-quantity-invalid",
                span,
                f"{where} is negative ({v!r}); the API server rejects negative resource "
                "quantities. Use a positive amount",
                context=f"{c.ident}:{section}:{name}",
            )
            continue
        text = str(v)
        problem = None
        if name == "cpu":
            if suffix in ("Ki", "Mi", "Gi", "Ti", "Pi", "Ei"):
                problem = (
                    f"uses the binary suffix {suffix!r} for cpu, which makes it {_fmt(amount)} "
                    "cores; cpu is counted in cores or millicores (`m`)"
                )
            elif suffix == "" and amount >= max_cpu:
                problem = (
                    f"asks for {_fmt(amount)} whole CPU cores (no suffix means cores); "
                    f"`{text}m` (millicores) was almost certainly meant - no node can schedule "
                    "this pod otherwise"
                )
        elif _is_bytes(name):
            if suffix in ("m", "u", "n"):
                div = {"m": "1000", "u": "10^6", "n": "10^9"}[suffix]
                problem = (
                    f"uses the suffix {suffix!r}, which divides by {div} (milli-bytes), not "
                    f"mega; `{text[:-1]}Mi` was almost certainly meant"
                )
            elif suffix == "" and 0 < amount < MI:
                problem = (
                    f"is {_fmt(amount)} bytes (a plain number is bytes); a container cannot run "
                    f"in that, so `{text}Mi` was almost certainly meant"
                )
            elif suffix in DECIMAL_EXP and decimal:
                binary = suffix.upper() + "i" if suffix != "k" else "Ki"
                problem = (
                    f"uses the decimal suffix {suffix!r} (10^{DECIMAL_EXP[suffix]} bytes), not the "
                    f"binary {binary!r} (2^{BINARY_EXP[binary]}): {text} is "
                    f"{_fmt((amount / (2 ** BINARY_EXP[binary])).quantize(Decimal('0.01')))}{binary}. If {text[:-1]}{binary} "
                    "was meant, write it"
                )
        if problem:
            ctx.report(
                "resources-quantity-suspicious",
                span,
                f"{where} {problem}. The API server accepts it, so nothing warns at deploy time"
                + ("" if problem.endswith("write it") else "; write the quantity that was meant"),
                context=f"{c.ident}:{section}:{name}",
            )


@check("resources-request-exceeds-limit", on="container")
def request_exceeds_limit(ctx, c: Container) -> None:
    req = get_path(c.node, "resources", "requests")
    lim = get_path(c.node, "resources", "limits")
    if not (isinstance(req, LMap) and isinstance(lim, LMap)):
        return
    for name, rv in req.items():
        if name not in lim:
            continue
        r, l = parse_quantity(rv), parse_quantity(lim[name])
        if r is None or l is None or r[0] <= l[0]:
            continue
        ctx.report(
            req.value_span(name),
            f"resources.requests.{name} of {c.ident} ({rv}) is greater than its limit "
            f"({lim[name]}); the API server rejects the object ('must be less than or equal "
            f"to {name} limit'), so nothing is deployed. Lower the request or raise the limit",
            related=[(c.obj.file, lim.value_span(name), "the limit")],
            context=f"{c.ident}:{name}",
        )


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
    span = c.node.key_span("resources") if isinstance(res, LMap) else (c.node.key_span("name") if "name" in c.node else c.span)
    ctx.report(
        span,
        f"{c.ident} sets no {listed}: {'; '.join(why)}. Set resources.requests (cpu, memory) "
        "and resources.limits.memory from observed usage",
        context=f"{c.ident}:resources",
    )


def _quantity_maps(obj) -> list[tuple[str, LMap]]:
    """(where, mapping of resource name -> quantity) outside containers: claims, volumes,
    quotas and limit ranges."""
    root, kind = obj.root, obj.kind
    out: list[tuple[str, LMap]] = []

    def add(where: str, m) -> None:
        if isinstance(m, LMap):
            out.append((where, m))

    if kind == "PersistentVolumeClaim" and obj.api_version == "v1":
        for sec in ("requests", "limits"):
            add(f"spec.resources.{sec}", get_path(root, "spec", "resources", sec))
    elif kind == "PersistentVolume" and obj.api_version == "v1":
        add("spec.capacity", get_path(root, "spec", "capacity"))
    elif kind == "ResourceQuota" and obj.api_version == "v1":
        add("spec.hard", get_path(root, "spec", "hard"))
    elif kind == "LimitRange" and obj.api_version == "v1":
        limits = get_path(root, "spec", "limits")
        for i, item in enumerate(limits if isinstance(limits, list) else ()):
            for sec in ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio"):
                add(f"spec.limits[{i}].{sec}", get_path(item, sec))
    templates = get_path(root, "spec", "volumeClaimTemplates")
    if kind == "StatefulSet" and isinstance(templates, list):
        for i, t in enumerate(templates):
            for sec in ("requests", "limits"):
                add(f"spec.volumeClaimTemplates[{i}].spec.resources.{sec}", get_path(t, "spec", "resources", sec))
    return out


def _report_invalid(ctx, where: str, m: LMap, ident: str, obj=None) -> None:
    for name, v in m.items():
        if v is None or not isinstance(name, str):
            continue
        q = parse_quantity(v)
        if q is not None and q[0] >= 0:
            continue
        if q is None and _schema_type_error(ctx, obj, v):
            continue
        what = "negative" if q is not None else "not a Kubernetes quantity (a number with an optional suffix such as 500m, 10Gi or 1e9)"
        ctx.report(
            "resources-quantity-invalid",
            m.value_span(name),
            f"{where}.{name} of {ident} is {show_value(v)}, which is {what}; the API server rejects "
            "the object. Write a valid quantity such as 10Gi",
            context=f"{ident}:{where}:{name}",
        )


@check("resources-quantity-invalid", on="k8s_object")
def object_quantities(ctx, obj) -> None:
    for where, m in _quantity_maps(obj):
        _report_invalid(ctx, where, m, obj.ident, obj)


@check("resources-quantity-invalid", on="pod")
def pod_quantities(ctx, pod) -> None:
    vols = pod.spec.get("volumes")
    for i, vol in enumerate(vols if isinstance(vols, list) else ()):
        ed = get_path(vol, "emptyDir")
        if isinstance(ed, LMap) and "sizeLimit" in ed:
            holder = LMap(ed.span)
            holder["sizeLimit"] = ed["sizeLimit"]
            holder.vspans["sizeLimit"] = ed.value_span("sizeLimit")
            _report_invalid(ctx, f"volumes[{i}].emptyDir", holder, pod.obj.ident, pod.obj)
    for sec in ("requests", "limits"):
        m = get_path(pod.spec, "resources", sec)
        if isinstance(m, LMap):
            _report_invalid(ctx, f"spec.resources.{sec}", m, pod.obj.ident, pod.obj)
    overhead = pod.spec.get("overhead")
    if isinstance(overhead, LMap):
        _report_invalid(ctx, "spec.overhead", overhead, pod.obj.ident, pod.obj)
