"""A family of rules decided by one check: `resources-quantity-invalid` (a resource request or
limit is not a valid Kubernetes quantity); `resources-quantity-suspicious` (a resource
quantity is valid but almost certainly not what was meant (100M memory, 500 CPUs, 512m
memory)).

One parse of every resource quantity (containers, pod overhead, LimitRange, ResourceQuota,
PVC): one that does not parse, or one that parses to a value almost certainly not meant
(memory in millibytes, hundreds of cores).

Semantics (apimachinery resource.Quantity): the API server rejects a quantity that does not
parse (``signedNumber (binarySI | decimalExponent | decimalSI)``) or is negative; memory and
storage are bytes: ``M`` is 10^6, ``Mi`` is 2^20, ``m`` is 1/1000 (of a byte!); cpu is
cores: ``500`` is five hundred cores, ``500m`` half a core.
"""
from __future__ import annotations

from decimal import Decimal

from ...core.located import LMap, get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.common.schema_errors import show_value
from ...lib.k8s.schemas import is_builtin_kind
from ...lib.k8s.podutil import iter_resource_values, parse_quantity


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
            if _schema_type_error(ctx, c.obj, v) or is_placeholder(v):
                continue  # a type error k8s-schema owns, or `#{CPU}#` a deploy step replaces
            ctx.report(
                "resources-quantity-invalid",
                span,
                f"{where} is {show_value(v)}, which is not a Kubernetes quantity (a number with an "
                "optional suffix such as 250m, 0.5, 128Mi, 1Gi or 1e9); the API server rejects "
                "the object. Write a valid quantity",
                context=f"{c.ident}:{section}:{name}",
                once=f"{section}:{name}",
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
                once=f"{section}:{name}",
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
                once=f"{section}:{name}",
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
        if q is None and (_schema_type_error(ctx, obj, v) or is_placeholder(v)):
            continue
        what = "negative" if q is not None else "not a Kubernetes quantity (a number with an optional suffix such as 500m, 10Gi or 1e9)"
        ctx.report(
            "resources-quantity-invalid",
            m.value_span(name),
            f"{where}.{name} of {ident} is {show_value(v)}, which is {what}; the API server rejects "
            "the object. Write a valid quantity such as 10Gi",
            context=f"{ident}:{where}:{name}",
            once=f"{where}:{name}",
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
