"""app-token-revoke-skipped and app-token-unscoped (zizmor github-app):
actions/create-github-app-token with `skip-token-revoke: true`, with `owner:` and no
`repositories:`, or without any `permission-<name>` input."""
from __future__ import annotations

import pytest

from helpers import lint, triples, write_files

REVOKE = "app-token-revoke-skipped"
SCOPE = "app-token-unscoped"
W = ".github/workflows/w.yml"


def wf(step: str) -> str:
    return "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n" + step


@pytest.mark.parametrize(
    "step, found",
    [
        (
            "      - uses: actions/create-github-app-token@v2\n        with:\n          app-id: '1'\n"
            "          private-key: k\n          permission-contents: write\n          skip-token-revoke: true\n",
            [(REVOKE, f"{W}:11:30")],
        ),
        (
            "      - uses: Actions/Create-GitHub-App-Token@v2\n        with: {app-id: '1', private-key: k, permission-contents: read, skip-token-revoke: \"TRUE\"}\n",
            [(REVOKE, f"{W}:7:91")],
        ),
        (
            "      - uses: actions/create-github-app-token@v2\n        with:\n          app-id: '1'\n          private-key: k\n"
            "          owner: acme\n          permission-contents: read\n",
            [(SCOPE, f"{W}:10:11")],
        ),
        (
            "      - uses: actions/create-github-app-token@v2\n        with:\n          app-id: '1'\n          private-key: k\n",
            [(SCOPE, f"{W}:6:15")],
        ),
        (
            "      - uses: actions/create-github-app-token@v2\n",
            [(SCOPE, f"{W}:6:15")],
        ),
        (
            "      - {uses: 'actions/create-github-app-token@v2', with: {owner: acme, permission-members: read, permission-contents: write}}\n",
            [(SCOPE, f"{W}:6:61")],
        ),
    ],
    ids=["revoke-block", "revoke-flow-upper", "owner-only", "no-permission", "no-with", "owner-mixed-permissions"],
)
def test_reported(tmp_path, step, found):
    write_files(tmp_path, {W: wf(step)})
    assert triples(lint(tmp_path, select=[REVOKE, SCOPE])) == sorted(found)


@pytest.mark.parametrize(
    "step",
    [
        "      - uses: actions/create-github-app-token@v2\n        with: {app-id: '1', private-key: k, permission-contents: read, skip-token-revoke: false}\n",
        "      - uses: actions/create-github-app-token@v2\n        with: {app-id: '1', private-key: k, permission-contents: read, skip-token-revoke: '${{ inputs.keep }}'}\n",
        "      - uses: actions/create-github-app-token@v2\n        with: {owner: acme, repositories: 'a,b', permission-contents: read}\n",
        "      - uses: actions/create-github-app-token@v2\n        with: {owner: acme, permission-members: read, permission-organization-projects: write}\n",
        "      - uses: actions/create-github-app-token@v2\n        with: ${{ fromJSON(vars.APP) }}\n",
        "      - uses: tibdex/github-app-token@v2\n        with: {app_id: '1', private_key: k}\n",
    ],
    ids=["revoke-false", "revoke-expression", "listed-repositories", "org-only", "with-expression", "other-action"],
)
def test_quiet(tmp_path, step):
    write_files(tmp_path, {W: wf(step)})
    assert lint(tmp_path, select=[REVOKE, SCOPE]).findings == []


def test_composite_action_anchor_and_crlf(tmp_path):
    action = (
        "name: a\ndescription: a\nruns:\n  using: composite\n  steps:\n"
        "    - &mint\n      uses: actions/create-github-app-token@v2\n      with:\n        owner: acme\n"
        "        permission-contents: write\n        skip-token-revoke: true\n"
        "    - *mint\n"
    )
    write_files(tmp_path, {"action.yml": action.replace("\n", "\r\n")})
    assert triples(lint(tmp_path, select=[REVOKE, SCOPE])) == [(REVOKE, "action.yml:11:28"), (SCOPE, "action.yml:9:9")]


def test_revoke_is_on_by_default_and_scope_is_not(tmp_path):
    step = "      - uses: actions/create-github-app-token@v2\n        with: {owner: acme, skip-token-revoke: true}\n"
    write_files(tmp_path, {W: wf(step)})
    assert {f.rule for f in lint(tmp_path).findings} & {REVOKE, SCOPE} == {REVOKE}
