"""`secret-in-env`: A container reads a Secret into an environment variable."""
from __future__ import annotations

from ...core.located import LMap, get_path, iter_maps
from ...core.model import Container
from ...core.registry import check


@check("secret-in-env", on="container")
def secret_env(ctx, c: Container) -> None:
    for i, env in iter_maps(c.node.get("env")):
        ref = get_path(env, "valueFrom", "secretKeyRef")
        if isinstance(ref, LMap):
            ctx.report(
                "secret-in-env",
                env["valueFrom"].key_span("secretKeyRef"),
                f"{c.ident} reads Secret {ref.get('name')!r} into env {env.get('name')!r}: environment variables leak into logs, crash dumps and child processes",
                context=f"{c.ident}:env[{i}]",
                once=f"env[{i}]",
            )
