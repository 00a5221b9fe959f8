"""Actions that download the latest release of a tool at run time unless told a version."""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Step
from ...core.registry import check
from ...lib.gha.uses import remote_action

RULE = "tool-version-unpinned"
# action -> the tool it downloads when `with.version` says `latest` (zizmor's list)
TOOLS = {
    "aquasecurity/setup-trivy": "Trivy",
    "1password/load-secrets-action": "the 1Password CLI (`op`)",
}
# the actions whose `version` input defaults to `latest` (setup-trivy's action.yaml:
# `default: 'latest'`); the 1Password action changed its inputs across major versions, so
# only an explicit `latest` is reported for it
LATEST_BY_DEFAULT = ("aquasecurity/setup-trivy",)


@check(RULE, on="step")
def unpinned_tool(ctx: Any, step: Step) -> None:
    name = remote_action(step.node)
    tool = TOOLS.get(name.lower()) if name else None
    if tool is None:
        return
    uses = step.node["uses"]
    w = step.node.get("with")
    version = w.get("version") if isinstance(w, LMap) else None
    if version is None and name.lower() in LATEST_BY_DEFAULT:
        span = step.node.value_span("uses")
        lead = len(uses) - len(uses.lstrip())
        span = ctx.sub_span(span, uses, lead, lead + len(name))
        what = f"`{name}` has no `version:` input, so it downloads the latest release of {tool}"
    elif isinstance(version, str) and version.strip().lower() == "latest":
        span = w.value_span("version")
        what = f"`version: latest` makes `{name}` download the latest release of {tool}"
    else:
        return
    ctx.report(
        RULE,
        span,
        f"{what} each time the job runs: a new or compromised release runs here, with this job's "
        "secrets, without a change in this repository. Set `version:` to a release (`version: v0.58.1`)",
        once="",
    )
