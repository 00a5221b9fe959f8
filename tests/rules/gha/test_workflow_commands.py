"""What `deprecated-workflow-command` and `disabled-workflow-command` report (a `run:` script
uses the deprecated `::set-output` or `::save-state` workflow commands; a `run:` script uses
`::set-env` or `::add-path`, workflow commands the runner refuses since 2020): exact rule,
path, line and column."""
from __future__ import annotations

from helpers import WF, run, triples


def test_deprecated_commands_variants(tmp_path):
    res = run(tmp_path, {
            WF: (
                "on: push\n"
                "jobs:\n"
                "  a:\n"
                "    runs-on: x\n"
                "    steps:\n"
                "      - run: >\n"
                "          echo \"::save-state name=pid::$PID\"\r\n"
                "      - run: echo '::set-output name=${{ matrix.k }}::1'; echo \"::debug::x\"\n"
                "      - shell: pwsh\n"
                "        run: |\n"
                "          Write-Output \"::set-env name=X::1\"\n"
                "          Write-Output \"::add-path::C:\\tools\"\n"
                "      - run: echo \"migrated, see $GITHUB_OUTPUT not ::set-output\"\n"
            ),
        }, ["deprecated-workflow-command", "disabled-workflow-command"])
    assert triples(res) == [
        ("deprecated-workflow-command", f"{WF}:7:17"),
        ("deprecated-workflow-command", f"{WF}:8:20"),
        ("disabled-workflow-command", f"{WF}:11:25"),
        ("disabled-workflow-command", f"{WF}:12:25"),
    ]
    msgs = {f.line: f.message for f in res.findings}
    assert "$GITHUB_STATE" in msgs[7] and "$GITHUB_OUTPUT" in msgs[8]
    assert "step fails" in msgs[11] and "$GITHUB_PATH" in msgs[12]
