"""RBAC grants that reach further than a workload should: wildcards, cluster-admin
bindings, Secret reads, pod creation and exec. Advice for most repositories (operators
need broad roles by design), so these rules are off by default; select them with
`--extend-select rbac`."""
from __future__ import annotations

from typing import Iterator

from ...core.located import LMap, LSeq, get_path, iter_maps
from ...core.model import K8sObject
from ...core.registry import check

ROLE_KINDS = ("Role", "ClusterRole")
BINDING_KINDS = ("RoleBinding", "ClusterRoleBinding")
READ_VERBS = {"get", "list", "watch", "*"}


def _strings(seq) -> list[tuple[int, str]]:
    return [(i, v) for i, v in enumerate(seq) if isinstance(v, str)] if isinstance(seq, LSeq) else []


def _rules(obj: K8sObject) -> Iterator[tuple[int, LMap]]:
    if obj.kind not in ROLE_KINDS or not obj.api_version.startswith("rbac.authorization.k8s.io/"):
        return
    yield from iter_maps(obj.root.get("rules"))


def _grants(rule: LMap, resources: set[str], verbs: set[str]) -> tuple[LSeq, int] | None:
    """(resources list, index) of the first resource in ``resources`` (or *) when the rule
    also allows one of ``verbs`` (or *) in the core API group."""
    groups = {g for _, g in _strings(rule.get("apiGroups"))}
    if groups and not groups & {"", "*"}:
        return None
    rule_verbs = {v for _, v in _strings(rule.get("verbs"))}
    if not rule_verbs & (verbs | {"*"}):
        return None
    res = rule.get("resources")
    for i, r in _strings(res):
        if r in resources or r == "*":
            return res, i
    return None


@check("rbac-wildcard", on="k8s_object")
def wildcard(ctx, obj: K8sObject) -> None:
    for i, rule in _rules(obj):
        for field in ("verbs", "resources"):
            seq = rule.get(field)
            for j, v in _strings(seq):
                if v == "*":
                    ctx.report(
                        seq.item_span(j),
                        f"{obj.ident} grants '*' in {field}: every current and future {'verb' if field == 'verbs' else 'resource'} of the listed API groups, including ones added by CRDs later",
                        context=f"{obj.ident}:rules[{i}].{field}",
                    )
                    break


@check("rbac-cluster-admin-binding", on="k8s_object")
def cluster_admin(ctx, obj: K8sObject) -> None:
    if obj.kind not in BINDING_KINDS:
        return
    ref = obj.root.get("roleRef")
    if not isinstance(ref, LMap) or ref.get("kind") != "ClusterRole" or ref.get("name") != "cluster-admin":
        return
    ctx.report(
        ref.value_span("name"),
        f"{obj.ident} grants cluster-admin: its subjects can do anything in {'the whole cluster' if obj.kind == 'ClusterRoleBinding' else 'the namespace'}",
        context=f"{obj.ident}:cluster-admin",
    )


def _report_grant(ctx, obj, i, rule, resources, verbs, rule_id, what) -> None:
    hit = _grants(rule, resources, verbs)
    if hit is None:
        return
    seq, j = hit
    ctx.report(
        rule_id,
        seq.item_span(j),
        f"{obj.ident} {what}",
        context=f"{obj.ident}:rules[{i}]:{rule_id}",
    )


@check("rbac-secrets-read", on="k8s_object")
def secrets_read(ctx, obj: K8sObject) -> None:
    for i, rule in _rules(obj):
        _report_grant(ctx, obj, i, rule, {"secrets"}, READ_VERBS, "rbac-secrets-read",
                      "can read Secrets: every credential in its scope, including service account tokens of other workloads")


@check("rbac-pods-exec", on="k8s_object")
def pods_exec(ctx, obj: K8sObject) -> None:
    for i, rule in _rules(obj):
        _report_grant(ctx, obj, i, rule, {"pods/exec", "pods/attach"}, {"create", "get"}, "rbac-pods-exec",
                      "can exec into pods: a shell in every pod in its scope, with their service accounts and mounted Secrets")


@check("rbac-create-pods", on="k8s_object")
def create_pods(ctx, obj: K8sObject) -> None:
    for i, rule in _rules(obj):
        _report_grant(ctx, obj, i, rule, {"pods"}, {"create"}, "rbac-create-pods",
                      "can create pods: a pod can mount any Secret and run as any service account of its namespace")
