"""`read-only-root-fs-missing`: A container's root filesystem is writable."""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.podutil import is_windows, sc_of
from ...lib.k8s.workloads import security_context_span


@check("read-only-root-fs-missing", on="container")
def read_only_root_fs(ctx, c: Container) -> None:
    if c.list_name == "ephemeralContainers" or is_windows(c.pod):
        return
    sc = sc_of(c.node)
    if sc is not None and (sc.get("readOnlyRootFilesystem") is True or is_placeholder(sc.get("readOnlyRootFilesystem"))):
        return  # true, or `#{READ_ONLY}#` that a deploy step writes
    ctx.report(
        security_context_span(c, sc, "readOnlyRootFilesystem", value=True),
        f"{c.ident} has a writable root filesystem (securityContext.readOnlyRootFilesystem is "
        "not true): an attacker can drop tools or modify binaries, and data written there is "
        "lost on restart anyway. Set readOnlyRootFilesystem: true and mount an emptyDir where "
        "the application must write",
        context=f"{c.ident}:readOnlyRootFilesystem",
        once="readOnlyRootFilesystem",
    )
