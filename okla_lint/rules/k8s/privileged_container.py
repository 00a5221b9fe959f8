"""`privileged-container`: A container runs privileged."""
from __future__ import annotations

from ...core.located import get_path
from ...core.model import Container, K8sObject
from ...core.registry import check
from ...lib.k8s.partial import partial_reason
from ...lib.k8s.podutil import applied_together, sc_of


def _privilege_granted(model, obj) -> K8sObject | None:
    """A policy applied with ``obj`` that deliberately allows privileged containers: a
    PodSecurityPolicy with ``privileged: true`` or an OpenShift SecurityContextConstraints
    with ``allowPrivilegedContainer: true`` (a demonstration of, or an exception to, the
    cluster's policy)."""
    for kind, field in (("PodSecurityPolicy", ("spec", "privileged")), ("SecurityContextConstraints", ("allowPrivilegedContainer",))):
        for pol in model.by_kind.get(kind, []):
            if get_path(pol.root, *field) is True and applied_together(model, pol, obj):
                return pol
    return None


@check("privileged-container", on="container")
def privileged_container(ctx, c: Container) -> None:
    sc = sc_of(c.node)
    if sc is None or sc.get("privileged") is not True:
        return
    if _privilege_granted(ctx.model, c.obj) is not None:
        return  # the repository's own policy grants it: deliberate (a PSP demonstration)
    if (partial_reason(ctx.model, c.obj) or "").startswith("a skeleton"):
        return  # an operator's skeleton: the operator decides what its pods run with
    ctx.report(
        sc.value_span("privileged"),
        f"{c.ident} runs privileged: it gets every capability and all host devices, so a "
        "compromise of the container is a compromise of the node. Grant only the capabilities "
        "it needs (securityContext.capabilities.add) instead",
        context=f"{c.ident}:privileged",
        once="privileged",
    )
