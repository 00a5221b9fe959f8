"""action-runtime-deprecated: an action of the repository declares a Node.js runtime the
runners no longer ship (`runs.using: node12` or `node16`)."""
from __future__ import annotations

from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap
from ...core.registry import check
from ...lib.gha.popular import runtime_gone

RULE = "action-runtime-deprecated"


@check(RULE, on="action")
def action_runtime(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root if unit.docs else None
    runs = root.get("runs") if isinstance(root, LMap) else None
    if not isinstance(runs, LMap) or not isinstance(runs.get("using"), str):
        return
    using = runs["using"].strip().lower()
    if not using.startswith("node") or not runtime_gone(using):
        return
    ctx.report(
        runs.value_span("using"),
        f"`runs.using: {runs['using']}`: the runners no longer ship Node.js {using[4:]}, so they run this action "
        "on a newer Node.js (Node 24 by default) that it was never tested with, with a deprecation warning on "
        "every run; build and test the action for `node24` (or `node20`) and declare it",
        context=f"runs.using:{using}",
    )
