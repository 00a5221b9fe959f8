"""What `deprecated-workflow-command` reports (a `run:` script uses the deprecated `::set-
output` or `::save-state` workflow commands): exact rule, path, line and column."""
from __future__ import annotations

from helpers import lint, locs, write_files


RULE = "deprecated-workflow-command"


P = ".github/workflows/w.yml"


def test_commented_out_commands_are_silent(tmp_path):
    text = (
        "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: |\n"
        "          # echo ::set-output name=x::1\n"
        "          echo ok # was: echo \"::set-env name=A::b\"\n"
        "          echo \"# ::save-state name=s::1\"\n"
        "          echo '::set-output name=y::2'\n"
        "      - shell: node {0}\n"
        "        run: |\n"
        "          // console.log('::set-output name=x::1')\n"
        "          console.log('::save-state name=y::2')\n"
    )
    write_files(tmp_path, {P: text})
    r = lint(tmp_path, select=[RULE])
    assert sorted(locs(r, RULE)) == sorted([f"{P}:10:17", f"{P}:14:24"])
