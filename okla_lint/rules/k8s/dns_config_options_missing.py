"""`dns-config-options-missing`: A workload does not set the `ndots` DNS option."""
from __future__ import annotations

from ...core.located import LSeq, get_path, iter_maps
from ...core.model import PodSpec
from ...core.registry import check
from ...lib.k8s.workloads import is_long_running


@check("dns-config-options-missing", on="pod")
def dns_options(ctx, pod: PodSpec) -> None:
    if not is_long_running(ctx, pod):
        return
    opts = get_path(pod.spec, "dnsConfig", "options")
    if isinstance(opts, LSeq) and any(o.get("name") == "ndots" for _, o in iter_maps(opts)):
        return
    ctx.report(
        "dns-config-options-missing",
        pod.obj.metadata.value_span("name"),
        f"{pod.obj.ident} does not set dnsConfig ndots: every external name is first tried against each cluster search domain (5 lookups)",
        context=f"{pod.obj.ident}:ndots",
        once="ndots",
    )
