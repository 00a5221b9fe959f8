"""What `event-config-invalid` reports (a trigger with an activity type the event does not
have, or a `branches`/`tags`/`paths` filter the event does not take): exact rule, path, line
and column."""
from __future__ import annotations

from helpers import WF, found


def test_event_types_as_a_string_and_repository_dispatch(tmp_path):
    text = ("on:\n  release: {types: publish}\n  repository_dispatch: {types: [anything]}\n"
            "  pull_request: {types: ['${{ x }}']}\njobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "event-config-invalid") == [f"{WF}:2:20"]


def test_event_filters_only_on_events_with_activity_types(tmp_path):
    # `push: {types: ...}` and `schedule` keys are workflow-schema's findings, not this rule's
    text = ("on:\n  push: {tags: [v*], paths: [a]}\n  pull_request_review:\n    tags: [v1]\n"
            "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "event-config-invalid") == [f"{WF}:4:5"]


def test_image_version_and_pull_request_comment_types(tmp_path):
    """GitHub's parser (workflow-v1.0.json): `image_version` has the types created, ready and
    deleted and the filters `names`/`versions`; `pull_request_comment` has issue_comment's."""
    text = ("on:\n  image_version:\n    types: [ready, readied]\n    names: [img]\n    versions: ['2.*']\n"
            "  pull_request_comment: {types: [created, submitted]}\n"
            "jobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n")
    assert found(tmp_path, {WF: text}, "event-config-invalid") == [f"{WF}:3:20", f"{WF}:6:43"]
