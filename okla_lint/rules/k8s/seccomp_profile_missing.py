"""`seccomp-profile-missing`: A container runs without a seccomp profile (container or pod
level).
"""
from __future__ import annotations

from ...core.located import LMap, get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import sc_of
from ...lib.k8s.workloads import container_name_span, is_whole


@check("seccomp-profile-missing", on="container")
def seccomp(ctx, c: Container) -> None:
    if not is_whole(ctx, c.obj):
        return
    pod_profile = get_path(c.pod.spec, "securityContext", "seccompProfile")
    own = get_path(sc_of(c.node), "seccompProfile")
    if isinstance(own, LMap) or isinstance(pod_profile, LMap):
        return
    ctx.report(
        "seccomp-profile-missing",
        container_name_span(c),
        f"{c.ident} has no seccompProfile (container or pod): it runs Unconfined unless the kubelet defaults to RuntimeDefault",
        context=f"{c.ident}:seccomp",
        once="seccomp",
    )
