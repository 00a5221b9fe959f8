"""`image-pull-policy-not-always`: A container does not set imagePullPolicy: Always."""
from __future__ import annotations

from ...core.model import Container
from ...core.registry import check
from ...lib.common.placeholders import is_placeholder
from ...lib.k8s.workloads import container_name_span, is_whole


@check("image-pull-policy-not-always", on="container")
def pull_policy(ctx, c: Container) -> None:
    if not is_whole(ctx, c.obj):
        return
    policy = c.node.get("imagePullPolicy")
    if policy == "Always" or is_placeholder(policy):
        return  # `__PULL_POLICY__`: a deploy step writes it
    span = c.node.value_span("imagePullPolicy") if "imagePullPolicy" in c.node else container_name_span(c)
    ctx.report(
        "image-pull-policy-not-always",
        span,
        f"{c.ident} does not set imagePullPolicy: Always, so a node reuses a cached image without checking the pull secret",
        context=f"{c.ident}:pull-policy",
        once="pull-policy",
    )
