"""What `container-image-unpinned` reports (a job container, service container or `docker://`
step image without a tag or with `latest`): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import WF, found


@pytest.mark.parametrize("image, bad", [
    ("alpine", True), ("alpine:3.20", False), ("alpine:LATEST", True), ("localhost:5000/x", True),
    ("localhost:5000/x:1", False), ("x@sha256:abc", False), ("'${{ matrix.image }}'", False),
])
def test_images(tmp_path, image, bad):
    text = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: {image}\n    steps: [{{run: echo}}]\n"
    assert found(tmp_path, {WF: text}, "container-image-unpinned") == ([f"{WF}:6:14"] if bad else [])
