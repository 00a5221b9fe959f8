"""`port-invalid`: A container or Service port that the API server rejects (number out of
range, invalid or duplicate name, unnamed port of a multi-port Service).

The API server refuses the whole object (pkg/apis/core/validation,
pkg/apis/apps|batch/validation), so nothing of it is deployed.
"""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path, iter_maps
from ...core.model import Container, K8sObject
from ...core.registry import check
from ...lib.k8s.names import dns1123_label_errors, port_name_errors
from ...lib.k8s.podutil import is_int
from ...lib.k8s.names import checkable


def _port_number(ctx, rule: str, ports: LSeq, i: int, port: LMap, key: str, owner: str, allow_zero: bool = False) -> None:
    v = port.get(key)
    if not is_int(v) or (allow_zero and v == 0) or 1 <= v <= 65535:
        return
    ctx.report(
        rule,
        port.value_span(key),
        f"{key} {v} of {owner} is rejected by the API server: it must be between 1 and 65535",
        context=f"{owner}:ports[{i}].{key}",
    )


def _port_name(ctx, rule: str, port: LMap, key: str, owner: str, i: int) -> None:
    name = port.get(key)
    if not checkable(name):
        return
    errs = port_name_errors(name)
    if errs:
        ctx.report(
            rule,
            port.value_span(key),
            f"port name {name!r} of {owner} is rejected by the API server: it {'; '.join(errs)}",
            context=f"{owner}:ports[{i}].{key}",
        )


def _duplicate_names(ctx, rule: str, ports: LSeq, owner: str, unit) -> None:
    seen: dict[str, int] = {}
    for i, port in iter_maps(ports):
        name = port.get("name")
        if not checkable(name):
            continue
        if name in seen:
            first = seen[name]
            ctx.report(
                rule,
                port.value_span("name"),
                f"port name {name!r} is used twice in {owner}: the API server rejects the duplicate",
                related=[(unit, ports[first].value_span("name"), "first use")],
                context=f"{owner}:dup:{name}",
            )
        else:
            seen[name] = i


@check("port-invalid", on="container")
def container_ports(ctx, c: Container) -> None:
    ports = c.node.get("ports")
    if not isinstance(ports, LSeq):
        return
    owner = c.ident
    for i, port in iter_maps(ports):
        _port_number(ctx, "port-invalid", ports, i, port, "containerPort", owner)
        _port_number(ctx, "port-invalid", ports, i, port, "hostPort", owner, allow_zero=True)
        _port_name(ctx, "port-invalid", port, "name", owner, i)
    _duplicate_names(ctx, "port-invalid", ports, owner, c.obj.file)


@check("port-invalid", on="k8s_object")
def service_ports(ctx, obj: K8sObject) -> None:
    if obj.kind != "Service" or obj.api_version != "v1":
        return
    ports = get_path(obj.root, "spec", "ports")
    if not isinstance(ports, LSeq):
        return
    owner = obj.ident
    maps = list(iter_maps(ports))
    for i, port in maps:
        _port_number(ctx, "port-invalid", ports, i, port, "port", owner)
        _port_number(ctx, "port-invalid", ports, i, port, "nodePort", owner, allow_zero=True)
        if is_int(port.get("targetPort")):
            _port_number(ctx, "port-invalid", ports, i, port, "targetPort", owner, allow_zero=True)
        else:
            _port_name(ctx, "port-invalid", port, "targetPort", owner, i)
        name = port.get("name")
        if checkable(name):
            errs = dns1123_label_errors(name)
            if errs:
                ctx.report(
                    port.value_span("name"),
                    f"port name {name!r} of {owner} is rejected by the API server: it {'; '.join(errs)}",
                    context=f"{owner}:ports[{i}].name",
                )
        elif len(maps) > 1 and "name" not in port:
            ctx.report(
                ports.item_span(i),
                f"{owner} has {len(maps)} ports and this one has no name: the API server requires a name on every port of a multi-port Service",
                context=f"{owner}:ports[{i}]:unnamed",
            )
    _duplicate_names(ctx, "port-invalid", ports, owner, obj.file)
