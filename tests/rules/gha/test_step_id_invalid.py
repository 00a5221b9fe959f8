"""What `step-id-invalid` reports (a step id that is not a valid identifier (spaces, dots or
other characters)): exact rule, path, line and column."""
from __future__ import annotations

from helpers import lint, locs, write_files


def test_step_id_starting_with_a_digit(tmp_path):
    action = (
        "name: a\nruns:\n  using: composite\n  steps:\n"
        "    - id: 1bad\n      run: echo\n      shell: bash\n"
        "    - id: ok-1_\n      run: echo\n      shell: bash\n"
    )
    write_files(tmp_path, {"action.yml": action})
    r = lint(tmp_path, select=["step-id-invalid"])
    assert locs(r, "step-id-invalid") == ["action.yml:5:11"]
