"""`sysctl-unsafe`: A pod sets a sysctl outside the kubelet's safe set, so the kubelet refuses
it unless the node allows it.
"""
from __future__ import annotations

from ...core.located import LSeq, get_path, iter_maps
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.sysctls import is_safe


@check("sysctl-unsafe", on="pod")
def unsafe_sysctls(ctx, pod: PodSpec) -> None:
    seq = get_path(pod.spec, "securityContext", "sysctls")
    if not isinstance(seq, LSeq):
        return
    for i, item in iter_maps(seq):
        name = item.get("name")
        if not isinstance(name, str) or not name or is_safe(name) or is_placeholder(name):
            continue
        ctx.report(
            item.value_span("name"),
            f"{pod.obj.ident} sets the unsafe sysctl {name}: the kubelet refuses the pod (SysctlForbidden) unless the node allows it with --allowed-unsafe-sysctls",
            context=f"{pod.obj.ident}:sysctl:{name}",
            once=f"sysctl:{name}",
        )
