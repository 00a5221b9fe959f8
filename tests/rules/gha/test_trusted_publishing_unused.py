"""trusted-publishing-unused (zizmor use-trusted-publishing): a publishing action given a
token, or a publish command in a job that cannot request an OIDC token."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "trusted-publishing-unused"


def wf(steps: str, perms: str = "") -> str:
    return "on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n" + perms + "    steps:\n" + steps


@pytest.mark.parametrize(
    "cmd, end",
    [
        ("twine upload dist/*", "twine upload"),
        ("python -m twine upload dist/*", "python -m twine upload"),
        ("/usr/bin/python3 -m twine upload -r pypi dist/*", "/usr/bin/python3 -m twine upload"),
        ("uv publish", "uv publish"),
        ("poetry publish --build", "poetry publish"),
        ("cargo publish --token $T", "cargo publish"),
        ("gem push pkg/x.gem", "gem push"),
        ("npm publish --access public", "npm publish"),
        ("dotnet nuget push out/*.nupkg -k $KEY", "dotnet nuget push"),
        ("TOKEN=x sudo twine upload dist/*", "twine upload"),
    ],
    ids=["twine", "python-m", "python-path", "uv", "poetry", "cargo", "gem", "npm", "dotnet", "assignment-sudo"],
)
def test_publish_commands(tmp_path, cmd, end):
    text = wf(f"      - run: |\n          make dist\n          {cmd}\n")
    write_files(tmp_path, {".github/workflows/w.yml": text})
    res = lint(tmp_path, select=[RULE])
    col = 11 + cmd.index(end.split(" ")[0])
    assert locs(res) == [f".github/workflows/w.yml:8:{col}"]
    assert res.findings[0].message.startswith(f"`{' '.join(end.split(' '))}`".replace("/usr/bin/", "/usr/bin/"))


@pytest.mark.parametrize(
    "cmd",
    ["cargo publish --dry-run", "npm publish --dry-run", "twine check dist/*", "echo twine upload", "uv build"],
)
def test_not_publishing(tmp_path, cmd):
    write_files(tmp_path, {".github/workflows/w.yml": wf(f"      - run: {cmd}\n")})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize(
    "perms",
    ["    permissions: {id-token: write}\n", "    permissions: write-all\n"],
)
def test_job_that_can_use_oidc_is_quiet(tmp_path, perms):
    write_files(tmp_path, {".github/workflows/w.yml": wf("      - run: uv publish\n", perms)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_workflow_level_id_token_and_job_override(tmp_path):
    text = (
        "on: push\npermissions: {id-token: write}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps: [{run: twine upload dist/*}]\n  b:\n    runs-on: ubuntu-latest\n"
        "    permissions: {contents: read}\n    steps: [{run: twine upload dist/*}]\n"
    )
    write_files(tmp_path, {".github/workflows/w.yml": text})
    assert locs(lint(tmp_path, select=[RULE])) == [".github/workflows/w.yml:10:19"]


@pytest.mark.parametrize(
    "step, loc",
    [
        ("      - uses: pypa/gh-action-pypi-publish@release/v1\n        with:\n          password: ${{ secrets.T }}\n", "8:11"),
        ("      - uses: pypa/gh-action-pypi-publish@v1\n        with: {repository-url: 'https://test.pypi.org/legacy/', password: x}\n", "7:65"),
        ("      - uses: rubygems/release-gem@v1\n        with:\n          setup-trusted-publisher: false\n", "8:11"),
        ("      - uses: rubygems/configure-rubygems-credentials@v1\n        with:\n          api-token: ${{ secrets.G }}\n", "8:11"),
    ],
    ids=["pypi", "testpypi-flow", "release-gem", "rubygems-credentials"],
)
def test_publishing_actions_given_a_token(tmp_path, step, loc):
    # a token passed to an action is reported even when the job may request OIDC
    write_files(tmp_path, {".github/workflows/w.yml": wf(step, "    permissions: {id-token: write}\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f".github/workflows/w.yml:{int(loc.split(':')[0]) + 1}:{loc.split(':')[1]}"]


@pytest.mark.parametrize(
    "step",
    [
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n",
        "      - uses: pypa/gh-action-pypi-publish@v1\n        with: {repository-url: 'https://nexus.example/pypi/', password: x}\n",
        "      - uses: rubygems/release-gem@v1\n",
        "      - uses: rubygems/configure-rubygems-credentials@v1\n        with: {api-token: x, gem-server: 'https://gems.example'}\n",
    ],
    ids=["oidc", "private-index", "release-gem-default", "private-gem-server"],
)
def test_quiet_actions(tmp_path, step):
    write_files(tmp_path, {".github/workflows/w.yml": wf(step)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_composite_action_commands_are_quiet(tmp_path):
    action = "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: twine upload dist/*\n      shell: bash\n"
    write_files(tmp_path, {"action.yml": action})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_python_shell_is_not_read_as_shell(tmp_path):
    write_files(tmp_path, {".github/workflows/w.yml": wf("      - run: twine upload x\n        shell: python\n")})
    assert lint(tmp_path, select=[RULE]).findings == []
