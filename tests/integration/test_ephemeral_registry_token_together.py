"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

from helpers import lint, write_files


TOKEN_GHA_TOKENS = "ephemeral-registry-token"


def test_actor_default_input_of_a_composite_action(tmp_path):
    action = (
        "name: pull-secret\n"
        "inputs:\n"
        "  username:\n"
        "    default: ${{ github.actor }}\n"
        "  password:\n"
        "    required: true\n"
        "runs:\n"
        "  using: composite\n"
        "  steps:\n"
        "    - shell: bash\n"
        "      run: kubectl create secret docker-registry regcred --docker-username=${{ inputs.username }} --docker-password=${{ inputs.password }}\n"
    )
    write_files(tmp_path, {".github/actions/ps/action.yml": action})
    r = lint(tmp_path, select=["registry-username-actor", TOKEN_GHA_TOKENS])
    assert [(f.rule, f"{f.path}:{f.line}:{f.col}") for f in r.findings] == [
        ("registry-username-actor", ".github/actions/ps/action.yml:11:76")
    ]
