"""What `label-invalid` reports (a label key or value, or an annotation key, that the API
server rejects): exact rule, path, line and column."""
from __future__ import annotations

from helpers import lint, locs, write_files


def test_anchor_in_the_same_document(tmp_path):
    write_files(
        tmp_path,
        {
            "a.yaml": (
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l\n    tier: front end\n"
                "spec:\n  containers:\n    - name: ui\n      image: nginx:1.27\n"
            )
        },
    )
    assert locs(lint(tmp_path, select=["label-invalid"])) == ["a.yaml:6:11"]


def test_token_placeholders_quiet_real_invalid_value_reported(tmp_path):
    # `__X__` (replacetokens rm), `#{X}#`, `@X@`, `##X##`: the CI writes the value; the API
    # server would reject them as written, so a token in a rejected value is a placeholder
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"
        "  labels: {version: \"__BUILD_NUMBER__\", env: '#{ENVIRONMENT}#', team: \"@TEAM@\"}\n"
        "  annotations:\n    build: \"##BUILD##\"\nspec:\n  selector: {matchLabels: {app: api}}\n"
        "  template:\n    metadata:\n      labels:\n        app: api\n        commit: __COMMIT_SHA__\n"
        "        owner: \"user@example.com\"\n"
        "    spec: {containers: [{name: api, image: 'nginx:1.27'}]}\n"
    )
    write_files(tmp_path, {"k8s/api.yaml": text})
    assert locs(lint(tmp_path, select=["label-invalid"])) == ["k8s/api.yaml:15:16"]
