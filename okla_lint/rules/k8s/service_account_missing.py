"""`service-account-missing`: A pod runs as a ServiceAccount that the repository does not
define.

Objects created outside Git are common (secrets from a vault, Services from a Helm release),
so a reference to an object the repository does not define is reported only when the
repository defines objects of that kind next to the referencing file (``nearby_objects``);
and a "wrong" target is judged only when it is applied together with (or next to) the
reference.
"""
from __future__ import annotations

from ...core.located import LMap, LSeq
from ...core.model import RepoModel
from ...core.registry import check
from ...lib.k8s.kustomize import sees_remote
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.selectors import (
    all_named,
    is_source,
    nearby_objects,
    objects,
    pod_specs,
    same_ns,
    self_contained,
)


def _bound_service_accounts(model: RepoModel) -> set[tuple[str, str | None]]:
    cached = model.extra.get("k8s.service_account_missing.bound_sas")
    if cached is not None:
        return cached
    out: set[tuple[str, str | None]] = set()
    for b in objects(model, "RoleBinding", "ClusterRoleBinding"):
        subjects = b.root.get("subjects")
        if isinstance(subjects, LSeq):
            for s in subjects:
                if isinstance(s, LMap) and s.get("kind") == "ServiceAccount" and isinstance(s.get("name"), str):
                    sns = s.get("namespace") if isinstance(s.get("namespace"), str) else b.namespace
                    out.add((s["name"], sns))
    model.extra["k8s.service_account_missing.bound_sas"] = out
    return out


@check("service-account-missing", on="repository")
def service_accounts(ctx, model: RepoModel) -> None:
    bound = _bound_service_accounts(model)
    for p in pod_specs(model):
        if not is_source(model, p.obj):
            continue
        key = "serviceAccountName" if "serviceAccountName" in p.spec else "serviceAccount"
        name = p.spec.get(key)
        if not isinstance(name, str) or not name or name == "default" or is_placeholder(name):
            continue
        ns = p.obj.namespace
        if all_named(model, "ServiceAccount", name, ns) or sees_remote(model, p.obj.file):
            continue
        near = nearby_objects(model, p.obj.file, "ServiceAccount", ns)
        is_bound = any(n == name and same_ns(ns, bns) for n, bns in bound)
        if not near and not is_bound and not self_contained(model):
            continue  # a Helm chart or an operator's custom resource may create it
        why = (
            " although a RoleBinding in the repository grants it permissions"
            if is_bound
            else " although the repository defines the ServiceAccounts next to it"
            if near
            else ""
        )
        ctx.report(
            p.spec.value_span(key),
            f"{p.obj.ident} runs as ServiceAccount {name!r}, which is not defined in the "
            f"repository{why}; unless something else creates it, the API server "
            "refuses to create the pods (serviceaccount not found). Add the ServiceAccount or "
            "fix the name",
            file=p.obj.file,
            context=f"{p.obj.ident}:serviceAccount:{name}",
            once=f"serviceAccount:{name}",
        )
