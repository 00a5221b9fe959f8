"""action-metadata-invalid: variants beyond the catalogue examples (action.yaml, flow style,
CRLF, built scripts named by .gitignore or built by a package.json above the action)."""
from __future__ import annotations

from helpers import lint, locs, write_files

RULE = "action-metadata-invalid"


def test_block_flow_crlf_and_action_yaml(tmp_path):
    block = "name: a\nruns:\n  using: node24\n  main: 'gone.js'\n  pre: pre.js\n"
    write_files(
        tmp_path,
        {
            "a/action.yml": block,
            "b/action.yaml": "name: b\ninputs: {x: 1, y: {}}\noutputs: {o: 'v'}\nruns: {using: 'Docker', image: ./Dockerfile}\n",
            "c/action.yml": block.replace("\n", "\r\n"),
            "a/pre.js": "",
            "c/pre.js": "",
        },
    )
    assert locs(lint(tmp_path, select=[RULE]), RULE) == [
        "a/action.yml:4:9",
        "b/action.yaml:2:13",
        "b/action.yaml:3:14",
        "b/action.yaml:4:32",
        "c/action.yml:4:9",
    ]


def test_built_scripts_and_expressions_are_left_alone(tmp_path):
    write_files(
        tmp_path,
        {
            ".gitignore": "# build output\n/out/\n",
            "x/action.yml": "name: x\nruns: {using: node20, main: out/index.js}\n",
            "pkg/package.json": "{}",
            "pkg/actions/y/action.yml": "name: y\nruns: {using: node20, main: lib/main.js}\n",
            "z/action.yml": "name: z\nruns: {using: node20, main: '${{ inputs.entry }}'}\n",
            "w/action.yml": "name: w\nruns: {using: composite, steps: [{run: echo, shell: bash}]}\n",
        },
    )
    assert locs(lint(tmp_path, select=[RULE]), RULE) == []
