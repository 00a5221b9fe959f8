"""What `env-name-invalid` reports (an `env:` variable name with `=`, `&` or whitespace): exact
rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_env_names_quoted_and_in_composite_action(tmp_path):
    files = {
        WF: "on: push\nenv:\n  'A B': 1\n  GOOD: 2\njobs:\n  b: {runs-on: ubuntu-latest, steps: [{run: echo}]}\n",
        "action.yml": ("name: n\ndescription: d\nruns:\n  using: composite\n  steps:\n"
                       "    - run: echo\n      shell: bash\n      env:\n        X=1: a\n"),
    }
    assert sorted(found(tmp_path, files, "env-name-invalid")) == [f"{WF}:3:3", "action.yml:9:9"]
