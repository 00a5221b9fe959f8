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
