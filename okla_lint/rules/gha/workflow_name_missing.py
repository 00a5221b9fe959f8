"""`workflow-name-missing`: A workflow without `name:`: GitHub shows its file path instead."""
from __future__ import annotations

from typing import Any

from ...core.model import Workflow
from ...core.registry import check
from ...lib.gha.webhooks import on_span


@check("workflow-name-missing", on="workflow")
def anonymous(ctx: Any, wf: Workflow) -> None:
    name = wf.root.get("name")
    if isinstance(name, str) and name.strip():
        return
    ctx.report(
        on_span(wf),
        "the workflow has no `name:`: the Actions tab and status checks show its file path "
        "instead; add `name: <what it does>` at the top.",
        context="workflow:name",
    )
