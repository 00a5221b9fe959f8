"""The webhook events that trigger workflows and their activity types, as GitHub documents
them ("Events that trigger workflows") and GitHub's workflow parser reads them (actions/languageservices
workflow-v1.0.json: `image_version`). ``None``: the types are the sender's choice
(``repository_dispatch``); an empty tuple: the event has no activity types."""
from __future__ import annotations

from ...core.located import LMap, LSeq, Span
from ...core.model import Workflow

_PR = (
    "assigned", "unassigned", "labeled", "unlabeled", "opened", "edited", "closed", "reopened",
    "synchronize", "converted_to_draft", "locked", "unlocked", "enqueued", "dequeued",
    "milestoned", "demilestoned", "ready_for_review", "review_requested",
    "review_request_removed", "auto_merge_enabled", "auto_merge_disabled",
)

ACTIVITY_TYPES: dict[str, tuple[str, ...] | None] = {
    "branch_protection_rule": ("created", "edited", "deleted"),
    "check_run": ("created", "rerequested", "completed", "requested_action"),
    "check_suite": ("completed",),
    "create": (),
    "delete": (),
    "deployment": (),
    "deployment_status": (),
    "discussion": (
        "created", "edited", "deleted", "transferred", "pinned", "unpinned", "labeled", "unlabeled",
        "locked", "unlocked", "category_changed", "answered", "unanswered",
    ),
    "discussion_comment": ("created", "edited", "deleted"),
    "fork": (),
    "gollum": (),
    "image_version": ("created", "ready", "deleted"),  # custom runner images
    "issue_comment": ("created", "edited", "deleted"),
    "issues": (
        "opened", "edited", "deleted", "transferred", "pinned", "unpinned", "closed", "reopened",
        "assigned", "unassigned", "labeled", "unlabeled", "locked", "unlocked", "milestoned",
        "demilestoned", "typed", "untyped",
    ),
    "label": ("created", "edited", "deleted"),
    "merge_group": ("checks_requested",),
    "milestone": ("created", "closed", "opened", "edited", "deleted"),
    "page_build": (),
    "public": (),
    "pull_request": _PR,
    "pull_request_comment": ("created", "edited", "deleted"),  # an older name of issue_comment
    "pull_request_review": ("submitted", "edited", "dismissed"),
    "pull_request_review_comment": ("created", "edited", "deleted"),
    "pull_request_target": _PR,
    "push": (),
    "registry_package": ("published", "updated"),
    "release": ("published", "unpublished", "created", "edited", "deleted", "prereleased", "released"),
    "repository_dispatch": None,
    "schedule": (),
    "status": (),
    "watch": ("started",),
    "workflow_call": (),
    "workflow_dispatch": (),
    "workflow_run": ("completed", "requested", "in_progress"),
}

# filter -> the events that accept it (a filter and its `-ignore` twin exclude each other)
FILTERS: dict[str, tuple[str, ...]] = {
    "paths": ("push", "pull_request", "pull_request_target"),
    "paths-ignore": ("push", "pull_request", "pull_request_target"),
    "branches": ("merge_group", "push", "pull_request", "pull_request_target", "workflow_run"),
    "branches-ignore": ("merge_group", "push", "pull_request", "pull_request_target", "workflow_run"),
    "tags": ("push",),
    "tags-ignore": ("push",),
}

DISPATCH_INPUT_TYPES = ("string", "choice", "boolean", "number", "environment")


def triggers(root: LMap) -> list[str]:
    """The events named under the workflow's `on:` (a string, a list or a map)."""
    on = root.get("on")
    if isinstance(on, str):
        return [on]
    if isinstance(on, LSeq):
        return [t for t in on if isinstance(t, str)]
    if isinstance(on, LMap):
        return [str(k) for k in on]
    return []


def on_span(wf: Workflow) -> Span:
    """The workflow's `on:` key (the document when there is none): where workflow-level
    findings point."""
    root = wf.root
    return root.key_span("on") if "on" in root else root.span
