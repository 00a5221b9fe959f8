"""yaml-merge-key and yaml-anchor-unused: variants beyond the catalogue examples (block and
flow style, merge lists, CRLF, multi-document streams, non-workflow files)."""
from __future__ import annotations

from helpers import lint, locs, write_files

RULES = ["yaml-merge-key", "yaml-anchor-unused"]
WF = ".github/workflows/ci.yml"


def test_merge_key_in_block_flow_and_merge_list_crlf(tmp_path):
    text = (
        "on: push\n"
        "jobs:\n"
        "  a: &a\n"
        "    runs-on: ubuntu-latest\n"
        "    steps: [{run: echo}]\n"
        "  b:\n"
        "    <<: [*a]\n"
        "  c: {<<: *a, name: c}\n"
    )
    write_files(tmp_path, {WF: text, ".github/workflows/crlf.yml": text.replace("\n", "\r\n")})
    found = lint(tmp_path, select=RULES)
    assert locs(found, "yaml-merge-key") == [
        ".github/workflows/ci.yml:7:5",
        ".github/workflows/ci.yml:8:7",
        ".github/workflows/crlf.yml:7:5",
        ".github/workflows/crlf.yml:8:7",
    ]
    assert locs(found, "yaml-anchor-unused") == []


def test_quoted_or_tagged_key_and_values_are_not_merge_keys(tmp_path):
    write_files(
        tmp_path,
        {
            WF: (
                "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env:\n      '<<': x\n      Y: <<\n"
                "    steps:\n      - run: |\n          cat <<: EOF\n"
            )
        },
    )
    assert locs(lint(tmp_path, select=RULES)) == []


def test_unused_anchor_per_document_and_after_a_tag(tmp_path):
    write_files(
        tmp_path,
        {
            WF: (
                "on: push\njobs:\n  a:\n    runs-on: &os ubuntu-latest\n    env: !!map &e {X: '1'}\n"
                "    steps: [{run: echo}]\n  b:\n    runs-on: *os\n    steps: [{run: echo}]\n"
            )
        },
    )
    assert locs(lint(tmp_path, select=["yaml-anchor-unused"]), "yaml-anchor-unused") == [f"{WF}:5:16"]


def test_kubernetes_files_and_actions_are_not_judged(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x}\ndata:\n  <<: {A: b}\n",
            "action.yml": "name: a\nruns: &r\n  using: composite\n  steps: [{run: echo, shell: bash}]\n",
        },
    )
    assert locs(lint(tmp_path, select=RULES)) == []
