"""Review: workflow-schema reports a runner job without `steps` (issue 4: missing required
keys `runs-on`, `steps` or `uses`; actionlint: `"steps" section is missing in job`)."""
from __future__ import annotations

from helpers import lint, locs, write_files

RULE = "workflow-schema"
P = ".github/workflows/ci.yml"


def test_job_without_steps(tmp_path):
    wf = (
        "on: push\n"
        "jobs:\n"
        "  build:\n"
        "    runs-on: ubuntu-latest\n"
        "  call:\n"
        "    uses: ./.github/workflows/lint.yml\n"
        "  ok:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps: [{run: make}]\n"
    )
    lint_wf = "on: workflow_call\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps: [{run: make lint}]\n"
    write_files(tmp_path, {P: wf, ".github/workflows/lint.yml": lint_wf})
    r = lint(tmp_path, select=[RULE])
    assert locs(r, RULE) == [f"{P}:3:3"]
    assert "has no 'steps'" in r.findings[0].message


def test_step_id_starting_with_a_digit(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - id: 1bad\n      run: echo\n      shell: bash\n"
        "    - id: ok-1_\n      run: echo\n      shell: bash\n"
    )
    write_files(tmp_path, {"action.yml": action})
    r = lint(tmp_path, select=["step-id-invalid"])
    assert locs(r, "step-id-invalid") == ["action.yml:5:11"]


def test_inputs_of_a_workflow_or_action_that_declares_none(tmp_path):
    wf = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.x }}\n"
    action = "name: a\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.y }}\n      shell: bash\n"
    write_files(tmp_path, {".github/workflows/w.yml": wf, "action.yml": action})
    r = lint(tmp_path, select=["expr-undefined-input"])
    assert sorted(locs(r, "expr-undefined-input")) == [".github/workflows/w.yml:6:30", "action.yml:5:28"]
