"""A family of rules decided by one check: `capability-net-raw-not-dropped` (a container keeps
the NET_RAW capability); `capability-dangerous-added` (a container adds SYS_ADMIN, ALL or
another capability that amounts to node access).

One walk over `capabilities.add` and `capabilities.drop` of a container.
"""
from __future__ import annotations

from ...core.located import LMap, LSeq, get_path
from ...core.model import Container
from ...core.registry import check
from ...lib.k8s.podutil import is_windows, sc_of
from ...lib.k8s.workloads import security_context_span


DANGEROUS_CAPS = ("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "DAC_READ_SEARCH", "BPF")


def _cap(v) -> str:
    s = str(v).upper()
    return s[4:] if s.startswith("CAP_") else s


def _caps(sc: LMap | None, which: str) -> list[tuple[int, str, LSeq]]:
    seq = get_path(sc, "capabilities", which) if sc is not None else None
    if not isinstance(seq, LSeq):
        return []
    return [(i, _cap(v), seq) for i, v in enumerate(seq) if isinstance(v, str)]


@check("capability-net-raw-not-dropped", "capability-dangerous-added", on="container")
def capabilities(ctx, c: Container) -> None:
    if is_windows(c.pod):
        return
    sc = sc_of(c.node)
    for i, cap, seq in _caps(sc, "add"):
        if cap in DANGEROUS_CAPS:
            extra = " (every capability)" if cap == "ALL" else ""
            ctx.report(
                "capability-dangerous-added",
                seq.item_span(i),
                f"{c.ident} adds the capability {cap}{extra}, which is close to running "
                "privileged: it allows mounting filesystems, loading kernel modules or "
                "inspecting other processes, depending on the capability, and makes escaping to "
                "the node easy. Add only the narrow capability the program needs",
                context=f"{c.ident}:cap:{cap}",
                once=f"cap:{cap}",
            )
    if c.list_name == "ephemeralContainers" or (sc is not None and sc.get("privileged") is True):
        return
    dropped = {cap for _, cap, _ in _caps(sc, "drop")}
    added = {cap for _, cap, _ in _caps(sc, "add")}
    if ("NET_RAW" in dropped or "ALL" in dropped) and "NET_RAW" not in added:
        return
    ctx.report(
        "capability-net-raw-not-dropped",
        security_context_span(c, sc, "capabilities"),
        f"{c.ident} keeps the NET_RAW capability (container runtimes grant it by default): "
        "a compromised container can craft raw packets and spoof or intercept traffic of other "
        "pods on the node (ARP/DNS spoofing). Add capabilities.drop: [ALL] (or NET_RAW)",
        context=f"{c.ident}:NET_RAW",
        once="NET_RAW",
    )
