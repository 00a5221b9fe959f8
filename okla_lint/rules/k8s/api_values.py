"""Values the API server rejects: names, labels and annotations, ports, restart policies and
topology spread constraints (pkg/apis/core/validation, pkg/apis/apps|batch/validation).
The whole object is refused, so nothing of it is deployed."""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path, iter_maps
from ...core.model import Container, K8sObject, PodSpec
from ...core.registry import check
from ...lib.k8s.names import (
    NAME_RULES,
    dns1123_label_errors,
    is_placeholder,
    label_value_errors,
    port_name_errors,
    qualified_name_errors,
)
from ...lib.k8s.podutil import is_int, is_patch_obj

WORKLOAD_KINDS = ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "ReplicationController")
JOB_KINDS = ("Job", "CronJob")


# API groups whose kinds NAME_RULES describes; a custom resource of the same kind name
# (Knative's serving.knative.dev Service) validates its own names
BUILT_IN_GROUPS = {"", "apps", "batch", "extensions", "networking.k8s.io", "policy", "autoscaling", "storage.k8s.io", "scheduling.k8s.io"}


def _built_in(obj: K8sObject) -> bool:
    api = obj.api_version
    return isinstance(api, str) and (api.rpartition("/")[0] if "/" in api else "") in BUILT_IN_GROUPS


def _checkable(value) -> bool:
    return isinstance(value, str) and not is_placeholder(value)


@check("object-name-invalid", on="k8s_object")
def object_name(ctx, obj: K8sObject) -> None:
    rule = NAME_RULES.get(obj.kind)
    name = obj.metadata.get("name")
    if rule is None or not _checkable(name) or not _built_in(obj):
        return
    errs = rule(name)
    if obj.kind == "CronJob" and len(name) > 52:
        errs.append(f"must be no more than 52 characters (it has {len(name)}; the controller appends 11 to name its Jobs)")
    if errs:
        ctx.report(
            obj.metadata.value_span("name"),
            f"{obj.kind} name {name!r} is rejected by the API server: it {'; '.join(errs)}",
            context=f"{obj.ident}:name",
        )


def _label_maps(obj: K8sObject):
    """(where, mapping, holds label values?) for every label or annotation map of the object
    that the API server validates."""
    md = obj.metadata
    for key, values in (("labels", True), ("annotations", False)):
        if isinstance(md.get(key), LMap):
            yield f"metadata.{key}", md[key], values
    ps = obj.pod_spec()
    if ps is not None and ps[1] is not None:
        tmd = ps[1].get("metadata")
        for key, values in (("labels", True), ("annotations", False)):
            m = get_path(tmd, key) if isinstance(tmd, LMap) else None
            if isinstance(m, LMap):
                yield f"pod template {key}", m, values
    spec = obj.root.get("spec")
    if isinstance(spec, LMap):
        sel = spec.get("selector")
        if obj.kind == "Service" and isinstance(sel, LMap):
            yield "spec.selector", sel, True
        elif isinstance(sel, LMap) and isinstance(sel.get("matchLabels"), LMap):
            yield "spec.selector.matchLabels", sel["matchLabels"], True


@check("label-invalid", on="k8s_object")
def labels(ctx, obj: K8sObject) -> None:
    if not obj.kind or not obj.api_version:
        return
    for where, mapping, values in _label_maps(obj):
        what = "label" if values else "annotation"
        for key, value in mapping.items():
            if _checkable(key):
                errs = qualified_name_errors(key)
                if errs:
                    ctx.report(
                        mapping.key_span(key),
                        f"{what} key {key!r} ({where} of {obj.ident}) is rejected by the API server: {'; '.join(errs)}",
                        context=f"{obj.ident}:{where}:{key}:key",
                    )
            if values and _checkable(value):
                errs = label_value_errors(value)
                if errs:
                    ctx.report(
                        mapping.value_span(key),
                        f"label value {value!r} of {key!r} ({where} of {obj.ident}) is rejected by the API server: it {'; '.join(errs)}",
                        context=f"{obj.ident}:{where}:{key}:value",
                    )


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
    if not _checkable(name):
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
        if not _checkable(name):
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
        if _checkable(name):
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


@check("restart-policy-invalid", on="pod")
def restart_policy(ctx, pod: PodSpec) -> None:
    kind = pod.obj.kind
    policy = pod.spec.get("restartPolicy")
    if policy is None and "restartPolicy" not in pod.spec and kind in JOB_KINDS and _built_in(pod.obj):
        # the pod template defaults to Always, which a Job refuses
        if pod.template is None or "spec" not in pod.template or is_patch_obj(ctx.model, pod.obj):
            return
        ctx.report(
            pod.template.key_span("spec"),
            f"the pod template of {pod.obj.ident} sets no restartPolicy, so it defaults to 'Always', which the API "
            f"server rejects for a {kind} (`spec.template.spec.restartPolicy: Unsupported value: \"Always\"`); "
            "set `restartPolicy: OnFailure` (retry in the same pod) or `Never` (a new pod per retry)",
            context=f"{pod.obj.ident}:restartPolicy:missing",
        )
        return
    if not _checkable(policy):
        return
    if kind in WORKLOAD_KINDS:
        allowed = ("Always",)
    elif kind in JOB_KINDS:
        allowed = ("OnFailure", "Never")
    elif kind == "Pod":
        allowed = ("Always", "OnFailure", "Never")
    else:
        return
    if policy in allowed:
        return
    ctx.report(
        pod.spec.value_span("restartPolicy"),
        f"restartPolicy {policy!r} of {pod.obj.ident} is rejected by the API server: a {kind} supports only {' or '.join(allowed)}",
        context=f"{pod.obj.ident}:restartPolicy",
    )


@check("topology-spread-invalid", on="pod")
def topology_spread(ctx, pod: PodSpec) -> None:
    seq = pod.spec.get("topologySpreadConstraints")
    if not isinstance(seq, LSeq):
        return
    seen: dict[tuple, int] = {}
    ident = pod.obj.ident
    for i, tsc in iter_maps(seq):
        skew = tsc.get("maxSkew")
        if is_int(skew) and skew < 1:
            ctx.report(
                tsc.value_span("maxSkew"),
                f"maxSkew {skew} of {ident} is rejected by the API server: it must be greater than zero",
                context=f"{ident}:tsc[{i}].maxSkew",
            )
        when = tsc.get("whenUnsatisfiable")
        if _checkable(when) and when not in ("DoNotSchedule", "ScheduleAnyway"):
            ctx.report(
                tsc.value_span("whenUnsatisfiable"),
                f"whenUnsatisfiable {when!r} of {ident} is rejected by the API server: use DoNotSchedule or ScheduleAnyway",
                context=f"{ident}:tsc[{i}].when",
            )
        min_domains = tsc.get("minDomains")
        if is_int(min_domains) and min_domains < 1:
            ctx.report(
                tsc.value_span("minDomains"),
                f"minDomains {min_domains} of {ident} is rejected by the API server: it must be greater than zero",
                context=f"{ident}:tsc[{i}].minDomains",
            )
        elif min_domains is not None and when == "ScheduleAnyway":
            ctx.report(
                tsc.value_span("minDomains"),
                f"minDomains of {ident} is rejected by the API server with whenUnsatisfiable: ScheduleAnyway; it applies only to DoNotSchedule",
                context=f"{ident}:tsc[{i}].minDomains-anyway",
            )
        key = (tsc.get("topologyKey"), when)
        if all(_checkable(k) for k in key):
            if key in seen:
                ctx.report(
                    tsc.value_span("topologyKey"),
                    f"{ident} has two topologySpreadConstraints for topologyKey {key[0]!r} and {key[1]}: the API server rejects the duplicate pair",
                    related=[(pod.obj.file, seq[seen[key]].value_span("topologyKey"), "first constraint")],
                    context=f"{ident}:tsc-dup:{key}",
                )
            else:
                seen[key] = i
