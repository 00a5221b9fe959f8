"""What `container-image-unpinned` reports (a job container, service container or `docker://`
step image without a tag or with `latest`): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import WF, found, run


@pytest.mark.parametrize("image, bad", [
    ("alpine", True), ("alpine:3.20", False), ("alpine:LATEST", True), ("localhost:5000/x", True),
    ("localhost:5000/x:1", False), ("x@sha256:abc", False), ("'${{ matrix.image }}'", False),
])
def test_images(tmp_path, image, bad):
    text = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: {image}\n    steps: [{{run: echo}}]\n"
    assert found(tmp_path, {WF: text}, "container-image-unpinned") == ([f"{WF}:6:14"] if bad else [])


@pytest.mark.parametrize("uses, bad", [
    ("docker://docker", True), ("docker://alpine:3.20", False), ("docker://alpine:latest", True),
    ("docker://alpine:3.20@sha256:0123abcd", False), ("'docker://alpine'", True),
])
def test_docker_steps_block_and_flow(tmp_path, uses, bad):
    """undici's `uses: docker://docker` (no tag); block and flow style, and in a composite action."""
    block = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - name: x\n        uses: {uses}\n"
    assert found(tmp_path / "b", {WF: block}, "container-image-unpinned") == ([f"{WF}:7:15"] if bad else [])
    flow = f"on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{{name: x, uses: {uses}}}]\n"
    assert found(tmp_path / "f", {WF: flow}, "container-image-unpinned") == ([f"{WF}:5:29"] if bad else [])
    act = f"runs:\n  using: composite\n  steps:\n    - uses: {uses}\n"
    assert found(tmp_path / "c", {"act/action.yml": act}, "container-image-unpinned") == (["act/action.yml:4:13"] if bad else [])


def test_docker_step_message_keeps_the_digest_example(tmp_path):
    """The suggested `docker://image:1.2.3@sha256:...` is no URL password: the message is not
    masked into `docker://image:****@sha256:...`, and a pinned line's snippet stays whole."""
    text = ("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
            "      - uses: docker://docker\n      - uses: docker://alpine:3.19@sha256:0123abcd\n"
            "        with: {args: [a, b]}\n")
    result = run(tmp_path, {WF: text}, ["container-image-unpinned"])
    [f] = result.findings
    assert f.location() == f"{WF}:6:15"
    assert "(`docker://image:1.2.3@sha256:...`)" in f.message and "****" not in f.message
