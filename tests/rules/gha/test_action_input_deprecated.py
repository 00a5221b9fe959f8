"""action-input-deprecated (actionlint deprecated-inputs-usage)."""
from __future__ import annotations

from helpers import locs, run

RULE = "action-input-deprecated"
WF = ".github/workflows/w.yml"


def wf(steps: str) -> str:
    return "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n" + steps


def test_block_and_flow_with_the_actions_own_text(tmp_path):
    steps = (
        "      - uses: github/codeql-action/analyze@v3\n"
        "        with:\n"
        "          add-snippets: true\n"  # 8:11
        "      - uses: google-github-actions/auth@v2\n"
        "        with: {workload_identity_provider: p, retries: 3}\n"  # 10:47
    )
    res = run(tmp_path, {WF: wf(steps)}, [RULE])
    assert locs(res) == [f"{WF}:10:47", f"{WF}:8:11"]
    msg = [f.message for f in res.findings if f.line == 8][0]
    assert 'has been deprecated with message: The input "add-snippets" has been removed' in msg


def test_case_insensitive_and_composite(tmp_path):
    action = (
        "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n"
        "    - uses: docker/setup-buildx-action@v3\n"
        "      with:\n        Config-Inline: |\n          [x]\n"
    )
    assert locs(run(tmp_path, {"action.yml": action}, [RULE])) == ["action.yml:8:9"]


def test_release_before_the_deprecation_and_other_majors(tmp_path):
    steps = (
        "      - uses: docker/setup-buildx-action@v3.1.0\n        with: {config-inline: x}\n"
        "      - uses: docker/setup-buildx-action@v2\n        with: {config-inline: x}\n"
        "      - uses: actions/cache@v4\n        with: {path: x, key: k}\n"
    )
    assert run(tmp_path, {WF: wf(steps)}, [RULE]).findings == []


def test_crlf(tmp_path):
    text = wf("      - uses: actions/cache@v4\n        with:\n          save-always: true\n").replace("\n", "\r\n")
    assert locs(run(tmp_path, {WF: text}, [RULE])) == [f"{WF}:8:11"]
