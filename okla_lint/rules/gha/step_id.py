"""A family of rules decided by one check: `duplicate-step-id` (two steps of one job (or
composite action) share an id); `step-id-invalid` (a step id that is not a valid identifier
(spaces, dots or other characters)).

One walk over the step ids of a job or composite action: an id that is not valid, or one
used twice.
"""
from __future__ import annotations

import re
from typing import Any

from ...core.files import FileUnit
from ...core.located import LMap, LSeq
from ...core.model import Job
from ...core.registry import check


_STEP_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")  # the runner's NameValidation: no leading digit or hyphen


def _duplicate_step_ids(ctx: Any, steps: Any, owner: str, ident: str) -> None:
    if not isinstance(steps, LSeq):
        return
    seen: dict[str, tuple[str, Any]] = {}
    for st in steps:
        if not isinstance(st, LMap) or not isinstance(st.get("id"), str):
            continue
        sid = st["id"]
        low = sid.lower()
        if "${{" in sid:
            continue
        if not _STEP_ID.match(sid):
            ctx.report(
                "step-id-invalid",
                st.value_span("id"),
                f"step id `{sid}` is not a valid identifier: ids may only contain letters, digits, `_` and `-` "
                f"and start with a letter or `_`; "
                + ("the action fails to load" if ident == "action" else "GitHub rejects the workflow")
                + f" (\"The identifier '{sid}' is invalid\"), and `steps.<id>` could not name it. Rename it "
                f"(for example `{re.sub(r'[^A-Za-z0-9_-]+', '-', sid).strip('-') or 'step'}`).",
                context=f"{ident}:{low}:invalid",
                once="",
            )
        if low in seen:
            first, first_span = seen[low]
            same = "" if first == sid else f" (`{first}`: step ids are case-insensitive)"
            ctx.report(
                "duplicate-step-id",
                st.value_span("id"),
                f"step id `{sid}` is already used by an earlier step of {owner}{same}: "
                + ("the action fails to load" if ident == "action" else "GitHub rejects the workflow")
                + ", and `steps.<id>` could not tell them apart; give each step a unique id.",
                related=[(ctx.file, first_span, "the first step with this id")],
                context=f"{ident}:{low}",
                once="",
            )
        else:
            seen[low] = (sid, st.value_span("id"))


@check("duplicate-step-id", "step-id-invalid", on="job")
def duplicate_step_ids_job(ctx: Any, job: Job) -> None:
    _duplicate_step_ids(ctx, job.node.get("steps"), f"job `{job.id}`", job.id)


@check("duplicate-step-id", "step-id-invalid", on="action")
def duplicate_step_ids_action(ctx: Any, unit: FileUnit) -> None:
    root = unit.docs[0].root
    runs = root.get("runs") if isinstance(root, LMap) else None
    if isinstance(runs, LMap):
        _duplicate_step_ids(ctx, runs.get("steps"), "this action", "action")
