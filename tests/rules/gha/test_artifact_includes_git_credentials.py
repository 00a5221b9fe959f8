"""What `artifact-includes-git-credentials` reports (an `actions/upload-artifact` of the
workspace with its hidden files after a checkout that stored the token in `.git/config`):
exact rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import WF, found


def _job(checkout: str, upload: str, path: str, extra: str = "") -> str:
    return ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            f"      - uses: actions/checkout@{checkout}\n"
            f"      - uses: actions/upload-artifact@{upload}\n        with:\n          path: {path}\n{extra}")


@pytest.mark.parametrize("checkout, upload, path, extra, bad", [
    ("v4", "v3", ".", "", True),
    ("v6", "v3", ".", "", False),  # v6 keeps the token under $RUNNER_TEMP
    ("0123456789abcdef0123456789abcdef01234567", "v2", "./", "", True),
    ("v4", "v4", ".", "", False),
    ("v4", "v4", ".", "          include-hidden-files: 'true'\n", True),
    ("v4", "v3", "dist", "", False),
    ("v4", "v3", "|\n            dist\n            .git", "", True),
    ("v4", "v3", "|\n            .\n            !.git", "", False),  # the folder is left out
])
def test_upload_after_checkout(tmp_path, checkout, upload, path, extra, bad):
    got = found(tmp_path, {WF: _job(checkout, upload, path, extra)}, "artifact-includes-git-credentials")
    assert got == ([f"{WF}:9:17"] if bad else [])


def test_upload_before_the_checkout_is_not_reported(tmp_path):
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - {uses: actions/upload-artifact@v3, with: {path: .}}\n      - uses: actions/checkout@v4\n")
    assert found(tmp_path, {WF: text}, "artifact-includes-git-credentials") == []
