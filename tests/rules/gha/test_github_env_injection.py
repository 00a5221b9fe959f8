"""github-env-injection (zizmor github-env): values an outsider chooses written to
$GITHUB_ENV / $GITHUB_PATH in workflows with privileged triggers, at the exact position of
the destination word inside the script."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "github-env-injection"
W = ".github/workflows/w.yml"


def wf(script: str, on: str = "pull_request_target", env: str = "TITLE: ${{ github.event.pull_request.body }}",
       extra: str = "") -> str:
    body = "".join(f"          {line}\n" for line in script.split("\n"))
    return (
        f"on: {on}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n{extra}"
        f"      - env:\n          {env}\n        run: |\n" + body.replace("          ", "          ", 1)
    )


def run_lines(script: str) -> str:
    return "".join(f"          {line}\n" for line in script.split("\n"))


def one(script: str, **kw) -> list[str]:
    return [f"{W}:{loc}" for loc in kw.pop("locs")] if "locs" in kw else []


@pytest.mark.parametrize(
    "script, col",
    [
        ('echo "TITLE=$TITLE" >> "$GITHUB_ENV"', 35),
        ("echo TITLE=$TITLE >> $GITHUB_ENV", 32),
        ("echo TITLE=$TITLE>>${GITHUB_ENV}", 30),
        ('printf "T=%s\\n" "$TITLE" > $GITHUB_ENV', 38),
        ('echo "T=$TITLE" | tee -a "$GITHUB_ENV"', 37),
        ('echo "T=$(echo "$TITLE" | tr a-z A-Z)" | tee -a $GITHUB_ENV >/dev/null', 59),
        ('echo "$HOME/${{ github.event.pull_request.body }}" >> $GITHUB_PATH', 65),
        ('T2="x $TITLE"; echo "T=$T2" >> $GITHUB_ENV', 42),
    ],
    ids=["quoted", "bare", "no-space-braces", "printf-truncate", "tee", "filter-pipeline", "path-expression", "shell-var"],
)
def test_reported(tmp_path, script, col):
    write_files(tmp_path, {W: wf(script)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:9:{col}"]


def test_groups_heredocs_and_multiline(tmp_path):
    script = (
        '{\n  echo "T<<EOF"\n  echo "$TITLE"\n  echo EOF\n} >> "$GITHUB_ENV"\n'
        "cat >> $GITHUB_ENV <<END\nT=$TITLE\nEND\n"
        "cat >> $GITHUB_ENV <<'END'\nT=$TITLE\nEND\n"
        "while read -r l; do echo \"$l\"; done <<< \"$TITLE\" >> $GITHUB_ENV"
    )
    write_files(tmp_path, {W: wf(script)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:13:17", f"{W}:14:18", f"{W}:20:63"]


@pytest.mark.parametrize(
    "script",
    [
        'echo "TITLE=static" >> "$GITHUB_ENV"',
        "echo 'T=$TITLE' >> $GITHUB_ENV",
        'echo "T=$TITLE" >> "$GITHUB_OUTPUT"',
        'echo "T=$TITLE" >> GITHUB_ENV',
        'echo "T=$TITLE" >> $GITHUB_ENVX',
        '# echo "T=$TITLE" >> $GITHUB_ENV',
        'echo "T=${TITLE//[^a-z]/}" >> $GITHUB_ENV',
        'if [[ "$TITLE" =~ ^[a-z]+$ ]]; then echo "T=$TITLE" >> $GITHUB_ENV; fi',
        'TITLE=fixed\necho "T=$TITLE" >> $GITHUB_ENV',
        'echo "N=$(curl -s "https://x/$TITLE" | jq .n)" >> $GITHUB_ENV',
        'D=$(openssl rand -hex 8)\necho "T<<$D" >> $GITHUB_ENV\necho "$TITLE" >> $GITHUB_ENV\necho "$D" >> $GITHUB_ENV',
        'cat >> $GITHUB_ENV <<EOF\nT<<$D\n$TITLE\n$D\nEOF',
        'python write_env.py "$TITLE" >> $GITHUB_ENV',
    ],
    ids=["literal", "single-quoted", "output-file", "not-a-variable", "other-variable", "comment", "stripped",
         "validated", "reassigned", "api-output", "random-delimiter", "random-delimiter-heredoc", "unknown-program"],
)
def test_quiet(tmp_path, script):
    write_files(tmp_path, {W: wf(script)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_branch_names_only_where_they_start_the_line(tmp_path):
    script = 'echo "BRANCH=$REF" >> $GITHUB_ENV\necho "$REF" >> $GITHUB_ENV\necho "$HOME/$REF/bin" >> $GITHUB_PATH'
    write_files(tmp_path, {W: wf(script, env="REF: ${{ github.event.pull_request.head.ref }}")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:10:26"]


@pytest.mark.parametrize(
    "on, reported",
    [
        ("pull_request_target", True),
        ("[push, issues]", True),
        ("{issue_comment: {types: [created]}}", True),
        ("discussion", True),
        ("pull_request", False),
        ("push", False),
        ("workflow_dispatch", False),
    ],
)
def test_triggers(tmp_path, on, reported):
    write_files(tmp_path, {W: wf('echo "T=$TITLE" >> $GITHUB_ENV', on=on)})
    assert bool(lint(tmp_path, select=[RULE]).findings) == reported


def test_workflow_run_after_push_only_workflows_is_quiet(tmp_path):
    files = {
        ".github/workflows/ci.yml": "name: CI\non: push\njobs:\n  b: {runs-on: ubuntu-latest, steps: [{run: make}]}\n",
        W: wf('echo "T=$TITLE" >> $GITHUB_ENV', on="{workflow_run: {workflows: [CI], types: [completed]}}"),
    }
    write_files(tmp_path, files)
    assert lint(tmp_path, select=[RULE]).findings == []
    files[".github/workflows/ci.yml"] = files[".github/workflows/ci.yml"].replace("on: push", "on: pull_request")
    write_files(tmp_path, files)
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:9:30"]


def test_artifacts_of_another_run(tmp_path):
    text = (
        "on: workflow_run\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: cat pr/n >> $GITHUB_ENV\n"  # 6: before the download
        "      - uses: actions/download-artifact@v4\n        with: {name: pr, path: pr, run-id: '${{ github.event.workflow_run.id }}'}\n"
        "      - run: |\n"
        "          N=$(<pr/n)\n"
        '          echo "N=$N" >> $GITHUB_ENV\n'  # 11
        "          cat pr/env >> $GITHUB_ENV\n"  # 12
        "          jq -r .x pr/data.json >> $GITHUB_ENV\n"  # 13
        "          cat VERSION >> $GITHUB_ENV\n"  # 14: outside pr/
        "      - uses: actions/download-artifact@v4\n        with: {name: same-run}\n"
        "      - run: cat n >> $GITHUB_ENV\n"  # 17: an artifact of this run
    )
    write_files(tmp_path, {W: text})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:11:26", f"{W}:12:25", f"{W}:13:36"]


def test_checkout_after_download_replaces_the_workspace(tmp_path):
    text = (
        "on: workflow_run\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: dawidd6/action-download-artifact@v6\n        with: {workflow: ci.yml}\n"
        "      - run: cat n >> $GITHUB_ENV\n"
        "      - uses: actions/checkout@v5\n"
        "      - run: cat n >> $GITHUB_ENV\n"
    )
    write_files(tmp_path, {W: text})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:8:23"]


def test_powershell(tmp_path):
    text = (
        "on: issue_comment\njobs:\n  j:\n    runs-on: windows-latest\n    env:\n      B: ${{ github.event.comment.body }}\n"
        "    steps:\n      - run: |\n"
        '          "X=$env:B" | Out-File -FilePath $env:GITHUB_ENV -Append\n'  # 9
        '          Add-Content -Path $ENV:GITHUB_ENV -Value "Y=$env:B"\n'  # 10
        '          echo "Z=$env:B" >> $env:GITHUB_ENV\n'  # 11
        '          echo "W=$env:B" >> $GITHUB_ENV\n'  # a PowerShell variable, not the file
        "      - shell: bash\n        run: echo \"X=$B\" >> $env:GITHUB_ENV\n"  # bash: not the file
        "      - shell: cmd\n        run: echo X=%B%>> %GITHUB_ENV%\n"  # cmd: not read
    )
    write_files(tmp_path, {W: text})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:10:29", f"{W}:11:30", f"{W}:9:43"]


def test_flow_step_folded_anchor_and_crlf(tmp_path):
    text = (
        "on: pull_request_target\nenv: &e\n  T: ${{ github.event.pull_request.body }}\njobs:\n"
        "  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - &s {run: 'echo \"T=$T\" >> $GITHUB_ENV'}\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps:\n      - *s\n"
        "      - run: >-\n          echo \"T=$T\"\n          >> $GITHUB_ENV\n"
    )
    write_files(tmp_path, {W: text.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:15:14", f"{W}:8:34"]


def test_composite_action_judged_by_its_callers(tmp_path):
    action = (
        "name: a\ndescription: a\nruns:\n  using: composite\n  steps:\n"
        "    - shell: bash\n      env: {T: '${{ github.event.issue.title }}'}\n"
        '      run: echo "T=$T" >> "$GITHUB_ENV"\n'
    )
    files = {
        ".github/actions/a/action.yml": action,
        W: "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: ./.github/actions/a\n",
    }
    write_files(tmp_path, files)
    assert lint(tmp_path, select=[RULE]).findings == []
    files[W] = files[W].replace("on: push", "on: issues")
    write_files(tmp_path, files)
    assert locs(lint(tmp_path, select=[RULE])) == [".github/actions/a/action.yml:8:28"]


def test_message(tmp_path):
    write_files(tmp_path, {W: wf('echo "TITLE=$TITLE" >> "$GITHUB_ENV"')})
    [f] = lint(tmp_path, select=[RULE]).findings
    assert f.message.startswith("`$TITLE` (set from `github.event.pull_request.body`) is written to `$GITHUB_ENV`")
    assert "`pull_request_target`" in f.message and "[[ $TITLE =~ ^[0-9]+$ ]]" in f.message


def test_step_outputs_carry_the_value(tmp_path):
    text = (
        "on: workflow_run\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/download-artifact@v4\n        with: {name: pr, path: pr, run-id: '${{ github.event.workflow_run.id }}'}\n"
        "      - id: pr\n        run: |\n"
        '          echo "number=$(cat pr/NR)" >> "$GITHUB_OUTPUT"\n'
        '          echo "fixed=1" >> "$GITHUB_OUTPUT"\n'
        "      - run: |\n"
        '          echo "PR=${{ steps.pr.outputs.number }}" >> $GITHUB_ENV\n'  # 13
        '          echo "F=${{ steps.pr.outputs.fixed }}" >> $GITHUB_ENV\n'
        "      - env:\n          N: ${{ steps.pr.outputs.number }}\n"
        '        run: echo "N=$N" >> $GITHUB_ENV\n'  # 17
    )
    write_files(tmp_path, {W: text})
    res = lint(tmp_path, select=[RULE])
    assert locs(res) == [f"{W}:13:55", f"{W}:17:29"]
    assert res.findings[0].message.startswith("`steps.pr.outputs.number` (set from the contents of `pr/NR`")


def test_pull_request_titles_cannot_hold_a_line_break(tmp_path):
    """GitHub rejects a pull request title with a line break: as a value it sets only its
    own variable; at the start of the line it still names the variable. Issue titles can
    hold one."""
    script = 'echo "T=$T" >> $GITHUB_ENV\necho "$T" >> $GITHUB_ENV'
    write_files(tmp_path, {W: wf(script, env="T: ${{ github.event.pull_request.title }}")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:10:24"]
    write_files(tmp_path, {W: wf(script, on="issues", env="T: ${{ github.event.issue.title }}")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:10:24", f"{W}:9:26"]


@pytest.mark.parametrize(
    "cond, quiet",
    [
        ("github.event.pull_request.head.repo.full_name == github.repository", True),
        ("github.event.comment.author_association == 'MEMBER'", True),
        ("contains(fromJSON('[\"OWNER\", \"MEMBER\"]'), github.event.comment.author_association)", True),
        ("!github.event.pull_request.head.repo.fork", True),
        ("github.event.pull_request.head.repo.full_name == github.repository || github.event_name == 'issues'", False),
        ("github.event.action == 'opened'", False),
        ("contains(fromJSON('[\"OWNER\", \"NONE\"]'), github.event.comment.author_association)", False),
        ("contains(fromJSON('[\"NONE\", \"OWNER\"]'), github.event.comment.author_association)", False),
    ],
)
def test_insiders_only_conditions(tmp_path, cond, quiet):
    text = wf('echo "T=$TITLE" >> $GITHUB_ENV').replace("    runs-on: ubuntu-latest\n", "    runs-on: ubuntu-latest\n    if: >-\n      " + cond + "\n", 1)
    write_files(tmp_path, {W: text})
    assert (lint(tmp_path, select=[RULE]).findings == []) == quiet


@pytest.mark.parametrize(
    "script, col",
    [
        ('printf "T=%s\\n" "$TITLE" | tee -a "$GITHUB_ENV"', 46),  # printf passes its arguments on
        ('echo "T=$TITLE" | grep T= | tee -a "$GITHUB_ENV"', 47),
        ('echo "T=$TITLE" | rev | rev | tee -a "$GITHUB_ENV"', 49),
        ('echo "T=$TITLE" | xargs -0 echo | tee -a "$GITHUB_ENV"', 53),
    ],
    ids=["printf", "grep", "rev", "xargs"],
)
def test_pass_through_pipelines(tmp_path, script, col):
    write_files(tmp_path, {W: wf(script)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:9:{col}"]


@pytest.mark.parametrize(
    "script",
    [
        'echo "T=$TITLE" | od -c | tee -a "$GITHUB_ENV"',  # od escapes line breaks
        'echo "$TITLE" | printf "T=1\\n" >> "$GITHUB_ENV"',  # printf does not read its input
        'echo "$TITLE" | echo "T=1" >> "$GITHUB_ENV"',
        'echo "$TITLE" | wc -l | tee -a "$GITHUB_ENV"',
    ],
    ids=["od", "printf-ignores-stdin", "echo-ignores-stdin", "wc"],
)
def test_pipelines_that_do_not_pass_the_value(tmp_path, script):
    write_files(tmp_path, {W: wf(script)})
    assert lint(tmp_path, select=[RULE]).findings == []
