"""A family of rules decided by one check: `run-as-root` (a container is explicitly configured
to run as root (runAsUser 0)); `run-as-non-root-unset` (a container may run as root because
neither runAsNonRoot nor a non-zero runAsUser is set).

One decision, which user the container runs as (container over pod securityContext),
reported as one of the two: an explicit root user, or nothing that keeps it from root.
"""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.podutil import effective, is_int, is_windows, sc_of
from ...lib.k8s.workloads import container_name_span


@check("run-as-root", "run-as-non-root-unset", on="container")
def run_as_root(ctx, c: Container) -> None:
    if is_windows(c.pod):
        return
    user, u_sc, level = effective(c, "runAsUser")
    nonroot, _, _ = effective(c, "runAsNonRoot")
    if is_int(user) and user == 0:
        if nonroot is True:
            return  # security-context-conflict: the container does not start at all
        who = (
            f"{c.ident} explicitly runs as root (runAsUser: 0 in the container securityContext)"
            if level == "container"
            else f"the pod securityContext of {c.obj.ident} sets runAsUser: 0, so {c.ident} and "
            "every other container that does not set its own runAsUser run as root"
        )
        ctx.report(
            "run-as-root",
            u_sc.value_span("runAsUser"),
            f"{who}: "
            "any code execution in the container is root, with root's access to mounted "
            "volumes and a short way to the node through kernel or runtime bugs. Run as a "
            "non-zero user and set runAsNonRoot: true",
            context=f"{c.ident}:runAsUser",
            # one finding where it is written (a pod-level setting, or a securityContext
            # shared through a YAML alias), not one per container
            once=f"{level}-runAsUser",
        )
        return
    if c.list_name == "ephemeralContainers":
        return
    if nonroot is True or (is_int(user) and user > 0) or is_placeholder(user) or is_placeholder(nonroot):
        return  # set, or `#{RUN_AS_USER}#` that a deploy step writes
    sc = sc_of(c.node)
    span = c.node.key_span("securityContext") if sc is not None else container_name_span(c)
    ctx.report(
        "run-as-non-root-unset",
        span,
        f"{c.ident} does not set runAsNonRoot: true or a non-zero runAsUser (container or pod "
        "securityContext), so it runs as whatever user the image declares - root for most "
        "images. Set runAsNonRoot: true (and runAsUser if the image has no numeric USER)",
        context=f"{c.ident}:runAsNonRoot",
        once="runAsNonRoot",
    )
