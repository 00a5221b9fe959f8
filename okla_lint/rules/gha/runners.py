"""``runs-on`` labels no runner has: a retired GitHub-hosted image or a typo of a hosted
label (``ubuntu-lastest``). Such a job waits for a runner that never comes and fails."""
from __future__ import annotations

import fnmatch
from typing import Any

from ...core.located import LMap, LSeq
from ...core.model import Job
from ...core.registry import check
from ...lib.gha.runners import HOSTED, RETIRED, SELF_HOSTED_PRESETS, misspelt_hosted

RULE = "runner-label-unknown"


def _labels(job: Job) -> list[tuple[str, Any]] | None:
    """(label, span) of the job's runs-on; None when a runner group or an expression picks it."""
    node = job.node
    runs_on = node.get("runs-on")
    if isinstance(runs_on, str):
        return [(runs_on, node.value_span("runs-on"))]
    if isinstance(runs_on, LMap):
        if "group" in runs_on:
            return None  # labels inside a runner group are the organisation's own
        node, runs_on = runs_on, runs_on.get("labels")
        if isinstance(runs_on, str):
            return [(runs_on, node.value_span("labels"))]
    if isinstance(runs_on, LSeq):
        return [(v, runs_on.item_span(i)) for i, v in enumerate(runs_on) if isinstance(v, str)]
    return None


@check(RULE, on="job")
def runner_labels(ctx: Any, job: Job) -> None:
    labels = _labels(job)
    if not labels or any("${{" in label for label, _ in labels):
        return
    if any(label.lower() == "self-hosted" for label, _ in labels):
        return  # every other label is one the organisation gave its runners
    custom = [str(p).lower() for p in (ctx.params(RULE).get("labels") or [])]
    hosted = {h.lower() for h in HOSTED}
    for label, span in labels:
        low = label.lower()
        if low in hosted or low in SELF_HOSTED_PRESETS or any(fnmatch.fnmatchcase(low, p) for p in custom):
            continue
        if low in RETIRED:
            msg = (f"`{label}` is a GitHub-hosted image that GitHub has retired: the job is never picked up "
                   f"and fails; use `{RETIRED[low]}` (or list the label under this rule's `labels` if a "
                   "self-hosted runner of yours has it).")
        else:
            near = misspelt_hosted(label)
            if near is None:
                continue  # a larger runner's or a self-hosted runner's own name
            msg = (f"no GitHub-hosted runner has the label `{label}` (did you mean `{near}`?): the job waits "
                   "for a runner that never comes and fails; correct the label (or list it under this "
                   "rule's `labels` if a runner of yours has it).")
        ctx.report(span, msg, context=f"job {job.id}:runs-on:{label}", once="")
