"""`artifact-includes-git-credentials`: An `actions/upload-artifact` of the workspace with its
hidden files after a checkout that stored the token in `.git/config`.
"""
from __future__ import annotations

from typing import Any

from ...core.located import LMap
from ...core.model import Job, Step
from ...core.registry import check
from ...lib.gha.checkout import action_and_ref, major_version, persists_credentials


_WORKSPACE = (".", "./", "${{ github.workspace }}", "${{github.workspace}}", "$GITHUB_WORKSPACE", "*", "**", "./*", "./**")


def _uploads_git(step: Step) -> bool:
    """Does this actions/upload-artifact step upload the workspace with its hidden files?"""
    act = action_and_ref(step)
    if not act or act[0] != "actions/upload-artifact":
        return False
    with_ = step.node.get("with")
    if not isinstance(with_, LMap):
        return False
    path = with_.get("path")
    if not isinstance(path, str):
        return False
    raw = [ln.strip() for ln in path.splitlines() if ln.strip()]
    if any(ln.startswith("!") and ".git" in ln for ln in raw):
        return False  # `!.git` leaves the folder out
    lines = [ln for ln in raw if not ln.startswith("!")]
    covers = any(ln.rstrip("/") in ("", ".") or ln in _WORKSPACE or ln.rstrip("/").endswith(".git") for ln in lines)
    if not covers:
        return False
    hidden = with_.get("include-hidden-files")
    if hidden is True or (isinstance(hidden, str) and hidden.strip().lower() == "true"):
        return True
    major = major_version(act[1])
    # before v4.4.0 hidden files (.git) were uploaded; a bare `v4` resolves to the newest 4.x
    return major is not None and major < 4


@check("artifact-includes-git-credentials", on="job")
def artipacked(ctx: Any, job: Job) -> None:
    checkout = None
    for step in job.steps():
        act = action_and_ref(step)
        if act and act[0] == "actions/checkout":
            checkout = step if persists_credentials(step) else None
            continue
        if checkout is not None and _uploads_git(step):
            ctx.report(
                step.node.get("with").value_span("path"),
                f"this upload includes the workspace's `.git` folder, where {checkout.ident} left the job's "
                "GITHUB_TOKEN (`persist-credentials` is on by default): anyone who can download the "
                "artifact gets a token for this repository while the job runs; set the checkout's "
                "`persist-credentials` input to `false` and upload only the files needed.",
                related=[(ctx.file, checkout.span, "the checkout that stores the token")],
                context=f"job {job.id}:artipacked:{step.index}", once="",
            )
