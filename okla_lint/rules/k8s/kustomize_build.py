"""kustomize-build-failed: a kustomization that kustomize cannot build (the renders are
made by okla_lint.render; this check reports the failures at the kustomization's line)."""
from __future__ import annotations

from ...core.registry import check


@check("kustomize-build-failed", on="repository")
def build_failed(ctx, model) -> None:
    for unit, span, entry, error in model.extra.get("render.failures", ()):
        ctx.report(
            span,
            f"`kubectl kustomize {entry}` fails: \"{error}\"; `kubectl apply -k` fails the same way and "
            "nothing of it is applied. Fix the kustomization (its objects are linted file by file meanwhile)",
            file=unit,
            context=f"kustomize-build-failed:{entry}",
        )
