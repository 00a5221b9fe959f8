"""`checkout-persist-credentials`: An `actions/checkout` (before v6) that leaves the job's
token in `.git/config` without saying it is needed.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.checkout import action_and_ref, persists_credentials


@check("checkout-persist-credentials", on="step")
def checkout_persists(ctx: Any, step: Step) -> None:
    act = action_and_ref(step)
    if not act or act[0] != "actions/checkout" or not persists_credentials(step):
        return
    with_ = step.node.get("with")
    if isinstance(with_, LMap) and "persist-credentials" in with_:
        return  # `persist-credentials: true` says the token is needed
    ctx.report(
        step.node.value_span("uses"),
        f"{step.ident} leaves the job's GITHUB_TOKEN in `.git/config` for every later step to read; "
        "set the checkout's `persist-credentials` input to `false` unless a later step pushes with "
        "it (then set it to `true` to say so).",
        context=f"{step.ident}:persist", once="",
    )
