"""tool-version-unpinned (zizmor unpinned-tools): setup-trivy without a version, or a
known tool-installing action with `version: latest`."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "tool-version-unpinned"


def wf(step: str) -> str:
    return "on: push\njobs:\n  s:\n    runs-on: ubuntu-latest\n    steps:\n" + step


@pytest.mark.parametrize(
    "step, loc",
    [
        ("      - uses: aquasecurity/setup-trivy@v0.2.2\n", "6:15"),
        ("      - uses: AquaSecurity/Setup-Trivy@3fb12ec12f41e471780db15c232d5dd185dcb514 # v0.2.1\n        with: {cache: true}\n", "6:15"),
        ("      - uses: aquasecurity/setup-trivy@v0.2.2\n        with:\n          version: 'latest'\n", "8:20"),
        ("      - uses: 1password/load-secrets-action@v2\n        with: {version: Latest}\n", "7:25"),
        ("      - {name: trivy, uses: aquasecurity/setup-trivy@v0.2.2}\n", "6:29"),
    ],
    ids=["no-version", "sha-pinned-no-version", "latest-quoted", "op-latest-flow", "flow-step"],
)
def test_reported(tmp_path, step, loc):
    write_files(tmp_path, {".github/workflows/w.yml": wf(step)})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:{loc}"]


@pytest.mark.parametrize(
    "step",
    [
        "      - uses: aquasecurity/setup-trivy@v0.2.2\n        with: {version: v0.58.1}\n",
        "      - uses: aquasecurity/setup-trivy@v0.2.2\n        with: {version: '${{ env.TRIVY }}'}\n",
        "      - uses: 1password/load-secrets-action@v2\n        with: {export-env: true}\n",
        "      - uses: aquasecurity/trivy-action@0.28.0\n        with: {version: latest}\n",
        "      - uses: ./aquasecurity/setup-trivy\n",
    ],
    ids=["pinned", "expression", "op-default", "other-action", "local"],
)
def test_quiet(tmp_path, step):
    write_files(tmp_path, {".github/workflows/w.yml": wf(step)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_composite_action_and_crlf(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - uses: aquasecurity/setup-trivy@v0.2.2\n"
        "      with:\n        version: latest\n"
    )
    write_files(tmp_path, {"action.yml": action.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == ["action.yml:8:18"]
