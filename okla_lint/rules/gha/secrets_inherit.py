"""`secrets-inherit`: `secrets: inherit` on a call to another repository's reusable workflow
hands it every secret.
"""
from __future__ import annotations

from typing import Any

from ...core.model import Job
from ...core.registry import check


@check("secrets-inherit", on="job")
def secrets_inherit(ctx: Any, job: Job) -> None:
    uses = job.node.get("uses")
    if job.node.get("secrets") != "inherit" or not isinstance(uses, str) or uses.startswith(("./", "$/")):
        return
    ctx.report(job.node.value_span("secrets"),
        f"`secrets: inherit` hands every secret of this repository (and its organisation) to `{uses}`, "
        "code from another repository; pass the secrets it declares by name "
        "(`secrets: {NPM_TOKEN: ${{ secrets.NPM_TOKEN }}}`).",
        context=f"job {job.id}:inherit", once="",
    )
