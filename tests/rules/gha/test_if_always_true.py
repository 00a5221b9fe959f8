"""What `if-always-true` reports (an `if:` condition with text around its `${{ }}`, which is
always true): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, run, triples


def test_if_always_true_variants(tmp_path):
    res = run(tmp_path, {
            WF: """\
on: push
jobs:
  a:
    if: "${{ true }} "
    runs-on: ubuntu-latest
    steps:
      - if: (${{ github.event_name == 'push' }})
        run: echo
      - if: ${{ false }}
        run: echo
      - if: >-
          ${{ false }}
        run: echo
""",
            "action.yml": "name: x\nruns:\n  using: composite\n  steps:\n    - if: ${{ a }} ${{ b }}\n      run: echo\n      shell: bash\n",
        }, ["if-always-true"])
    assert triples(res) == [
        ("if-always-true", f"{WF}:4:10"),
        ("if-always-true", f"{WF}:7:13"),
        ("if-always-true", "action.yml:5:11"),
    ]
