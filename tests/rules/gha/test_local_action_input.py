"""What `local-action-input` reports (a step calling a local action (`uses: ./path`) passes an
input the action does not declare, or omits a required one): exact rule, path, line and
column."""
from __future__ import annotations

from helpers import WF, run, triples


def test_local_action_inputs_from_a_composite_action_and_docker_args(tmp_path):
    res = run(tmp_path, {
            ".github/actions/inner/action.yml": "name: inner\ninputs:\n  Version: {required: true}\nruns:\n  using: composite\n  steps: [{run: echo, shell: bash}]\n",
            ".github/actions/docker/action.yml": "name: d\nruns:\n  using: docker\n  image: Dockerfile\n",
            ".github/actions/outer/action.yml": (
                "name: outer\n"
                "runs:\n"
                "  using: composite\n"
                "  steps:\n"
                "    - uses: ./.github/actions/inner\n"
                "      with: {version: '1', extra: x}\n"
                "    - uses: ./.github/actions/docker\n"
                "      with: {args: --help, entrypoint: sh}\n"
                "    - uses: ./.github/actions/inner\n"
            ),
        }, ["local-action-input"])
    p = ".github/actions/outer/action.yml"
    assert triples(res) == [
        ("local-action-input", f"{p}:6:28"),
        ("local-action-input", f"{p}:9:13"),
    ]


def test_local_action_checked_out_in_a_subfolder(tmp_path):
    res = run(tmp_path, {
            ".github/actions/cache/action.yml": "name: c\ninputs:\n  key: {required: true}\nruns:\n  using: composite\n  steps: [{run: echo, shell: bash}]\n",
            WF: """\
on: push
jobs:
  a:
    runs-on: x
    steps:
      - uses: actions/checkout@v4
        with: {path: '${{ github.workspace }}/src'}
      - uses: ./src/.github/actions/cache
        with: {kye: x}
""",
        }, ["local-action-input"])
    assert triples(res) == [
        ("local-action-input", f"{WF}:9:16"),
        ("local-action-input", f"{WF}:9:9"),
    ]
