"""What `step-id-invalid` and `duplicate-step-id` report (a step id that is not a valid
identifier (spaces, dots or other characters); two steps of one job (or composite action)
share an id): exact rule, path, line and column."""
from __future__ import annotations

from helpers import run, triples


def test_invalid_step_id_in_composite_action(tmp_path):
    res = run(tmp_path, {"action.yml": "name: x\nruns:\n  using: composite\n  steps:\n    - id: 'set up'\n      run: echo\n      shell: bash\n"}, ["step-id-invalid", "duplicate-step-id"])
    assert triples(res) == [("step-id-invalid", "action.yml:5:11")]
    assert "the action fails to load" in res.findings[0].message
