"""k8s-schema: Kubernetes objects against the API's OpenAPI-derived JSON schemas
(lib/k8s/schemas.py), and the part the schemas cannot say: values the API server's
validation rejects although their JSON type is right.

- fields with a closed set of values (the schemas only describe them in prose):
  ``imagePullPolicy: always`` is rejected with 'Unsupported value: "always": supported
  values: "Always", "IfNotPresent", "Never"';
- an int-or-string port written as a quoted number (``targetPort: "8080"``): a string is a
  port *name*, and the API server rejects a name without a letter ('must contain at least
  one letter'). Probe ports are reported by probe-port-unknown.

Only built-in kinds are judged (custom resources validate their own fields)."""
from __future__ import annotations

from typing import Any, Iterator

from ...core.located import LMap, LSeq, get_path
from ...core.model import K8sObject, PodSpec
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.schemas import (
    DEFAULT_VERSION,
    RULE,
    K8sExplainer,
    is_builtin_kind,
    resolve_version,
    schema_set,
    selector_filled,
    yaml11_problems,
    yaml11_view,
)

PULL = ("Always", "IfNotPresent", "Never")
PROTOCOLS = ("TCP", "UDP", "SCTP")


def _report_enum(ctx, obj: K8sObject, holder: LMap, key: str, allowed: tuple[str, ...], where: str) -> None:
    v = holder.get(key)
    if not isinstance(v, str) or v in allowed or is_placeholder(v):
        return
    close = [a for a in allowed if a.lower() == v.lower()]
    fix = f"Write {close[0]!r}" if close else f"Use one of {', '.join(allowed)}"
    ctx.report(
        holder.value_span(key),
        f"{where}.{key} of {obj.ident} is {v!r}, which the API server rejects (Unsupported "
        f"value; supported values: {', '.join(allowed)}, case-sensitive), so `kubectl apply` "
        f"fails and nothing is deployed. {fix}",
        context=f"{obj.ident}:{where}.{key}:enum",
    )


def _report_quoted_port(ctx, obj: K8sObject, holder: LMap, key: str, where: str) -> None:
    v = holder.get(key)
    if not (isinstance(v, str) and v.strip().isdigit()):
        return
    ctx.report(
        holder.value_span(key),
        f"{where}.{key} of {obj.ident} is the quoted number {v!r}: a string here is a port "
        "name, and the API server rejects a port name without a letter ('must contain at "
        f"least one letter'), so `kubectl apply` fails. Write the number unquoted ({key}: "
        f"{v.strip()})",
        context=f"{obj.ident}:{where}.{key}:quoted-port",
    )


def _maps(seq: Any) -> Iterator[tuple[int, LMap]]:
    if isinstance(seq, LSeq):
        for i, item in enumerate(seq):
            if isinstance(item, LMap):
                yield i, item


@check(RULE, on="pod")
def pod_values(ctx, pod: PodSpec) -> None:
    obj = pod.obj
    if not is_builtin_kind(obj):
        return
    base = ".".join(pod.path)
    _report_enum(ctx, obj, pod.spec, "restartPolicy", ("Always", "OnFailure", "Never"), base)
    _report_enum(ctx, obj, pod.spec, "dnsPolicy", ("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"), base)
    for list_name in ("initContainers", "containers", "ephemeralContainers"):
        for i, c in _maps(pod.spec.get(list_name)):
            where = f"{base}.{list_name}[{i}]"
            _report_enum(ctx, obj, c, "imagePullPolicy", PULL, where)
            if list_name == "initContainers":
                _report_enum(ctx, obj, c, "restartPolicy", ("Always",), where)
            for j, p in _maps(c.get("ports")):
                _report_enum(ctx, obj, p, "protocol", PROTOCOLS, f"{where}.ports[{j}]")


@check(RULE, on="k8s_object")
def object_values(ctx, obj: K8sObject) -> None:
    if not is_builtin_kind(obj):
        return
    spec = obj.root.get("spec")
    if not isinstance(spec, LMap):
        return
    kind = obj.kind
    if kind == "Service" and obj.api_version == "v1":
        _report_enum(ctx, obj, spec, "type", ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"), "spec")
        _report_enum(ctx, obj, spec, "externalTrafficPolicy", ("Cluster", "Local"), "spec")
        _report_enum(ctx, obj, spec, "internalTrafficPolicy", ("Cluster", "Local"), "spec")
        _report_enum(ctx, obj, spec, "sessionAffinity", ("ClientIP", "None"), "spec")
        for i, p in _maps(spec.get("ports")):
            _report_enum(ctx, obj, p, "protocol", PROTOCOLS, f"spec.ports[{i}]")
            _report_quoted_port(ctx, obj, p, "targetPort", f"spec.ports[{i}]")
    elif kind == "Deployment":
        strategy = spec.get("strategy")
        if isinstance(strategy, LMap):
            _report_enum(ctx, obj, strategy, "type", ("RollingUpdate", "Recreate"), "spec.strategy")
    elif kind in ("StatefulSet", "DaemonSet"):
        strategy = spec.get("updateStrategy")
        if isinstance(strategy, LMap):
            _report_enum(ctx, obj, strategy, "type", ("RollingUpdate", "OnDelete"), "spec.updateStrategy")
        if kind == "StatefulSet":
            _report_enum(ctx, obj, spec, "podManagementPolicy", ("OrderedReady", "Parallel"), "spec")
    elif kind == "CronJob":
        _report_enum(ctx, obj, spec, "concurrencyPolicy", ("Allow", "Forbid", "Replace"), "spec")
    elif kind == "Ingress" and obj.api_version == "networking.k8s.io/v1":
        for i, r in _maps(spec.get("rules")):
            for j, p in _maps(get_path(r, "http", "paths")):
                _report_enum(ctx, obj, p, "pathType", ("Exact", "Prefix", "ImplementationSpecific"), f"spec.rules[{i}].http.paths[{j}]")
    elif kind == "NetworkPolicy" and obj.api_version == "networking.k8s.io/v1":
        for direction, peers in (("ingress", "from"), ("egress", "to")):
            for i, r in _maps(spec.get(direction)):
                for j, p in _maps(r.get("ports")):
                    _report_enum(ctx, obj, p, "protocol", PROTOCOLS, f"spec.{direction}[{i}].ports[{j}]")
                    _report_quoted_port(ctx, obj, p, "port", f"spec.{direction}[{i}].ports[{j}]")


@check(RULE, on="k8s_object")
def k8s_schema(ctx, obj: K8sObject) -> None:
    params = ctx.params()
    version = resolve_version(params.get("kubernetes-version", DEFAULT_VERSION))
    if version is None or not isinstance(obj.root, LMap):
        return
    schemas = schema_set(version)
    found = schemas.validator(obj.api_version, obj.kind)
    if found is None:
        return  # a custom resource or an API this version does not serve: not ours
    _, validator = found
    unit = obj.file
    errors = list(validator.iter_errors(obj.root))
    # YAML 1.1 booleans matter only to YAML files (kubectl reads them with go-yaml v2)
    changed: dict[tuple, str] = {}
    view = yaml11_view(obj.root, (), changed) if unit.json is None else obj.root
    if not errors and not changed:
        return
    partial = partial_reason(ctx.model, obj) is not None
    text = unit.src.text if unit.src is not None else None
    explainer = K8sExplainer(obj, version, partial, text, schemas.defs)
    explainer.selector_filled = selector_filled(ctx.model, unit.rel)
    problems = explainer.explain(errors, obj.root)
    if changed:
        problems += yaml11_problems(validator, obj, view, changed, explainer)
    for p in problems:
        ctx.report(p.span, p.message, context=f"{obj.ident}:{'.'.join(map(str, p.path))}:{p.kind}")
