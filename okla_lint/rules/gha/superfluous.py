"""Third-party actions that wrap a tool already installed on GitHub's runners (`gh`,
`docker`, `jq`): each one is more code from outside, with the job's token, for nothing."""
from __future__ import annotations

from typing import Any

from ...core.model import Step
from ...core.registry import check
from ...lib.gha.uses import remote_action

RULE = "action-superfluous"
# zizmor's superfluous-actions list (its regular persona, high confidence), lower-case
REPLACEMENTS = {
    "ncipollo/release-action": "`gh release create`",
    "softprops/action-gh-release": "`gh release create` / `gh release upload`",
    "elgohr/github-release-action": "`gh release create`",
    "svenstaro/upload-release-action": "`gh release create` and `gh release upload`",
    "dacbd/create-issue-action": "`gh issue create`",
    "actions-ecosystem/action-add-labels": "`gh issue edit --add-label` / `gh pr edit --add-label`",
    "actions-ecosystem/action-remove-labels": "`gh issue edit --remove-label` / `gh pr edit --remove-label`",
    "addnab/docker-run-action": "`docker run` (or a job `container:`)",
    "sergeysova/jq-action": "`jq`",
}


@check(RULE, on="step")
def superfluous(ctx: Any, step: Step) -> None:
    name = remote_action(step.node)
    instead = REPLACEMENTS.get(name.lower()) if name else None
    if instead is None:
        return
    uses = step.node["uses"]
    span = step.node.value_span("uses")
    start = len(uses) - len(uses.lstrip())
    ctx.report(
        RULE,
        ctx.sub_span(span, uses, start, start + len(name)),
        f"`{name}` does what {instead} in a `run:` step does with tools already on GitHub's runners; "
        "the action is more third-party code running with this job's token and secrets. "
        f"Replace it with {instead} in a `run:` step (`gh` reads `GH_TOKEN: ${{{{ github.token }}}}`)",
        once="",
    )
