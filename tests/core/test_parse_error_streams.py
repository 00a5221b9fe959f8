"""A file that is not a Kubernetes stream stays a parse-error: a stream of JSON objects that
Ocelot or no JSON reader can load (issue 10, family 13)."""
from __future__ import annotations

import json

import pytest

from helpers import lint, write_files


def _objs(*names: str) -> list[dict]:
    return [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": n}, "data": {"k": "v"}} for n in names]


@pytest.mark.parametrize(
    "name, text, says",
    [
        ("ocelot.json", '{"Routes": []}\n{"Routes": []}\n', "Ocelot fails at start-up"),
        ("k8s/mixed.json", json.dumps(_objs("a")[0]) + "\n[1, 2]\n", "No JSON reader can load the file"),
        ("k8s/half.json", json.dumps(_objs("a")[0]) + '\n{"apiVersion": \n', "No JSON reader can load the file"),
    ],
)
def test_what_is_not_a_kubernetes_stream_stays_a_parse_error(tmp_path, name, text, says):
    write_files(tmp_path, {name: text})
    res = lint(tmp_path)
    (f,) = [f for f in res.findings if f.rule == "parse-error"]
    assert says in f.message and "kubectl rejects" not in f.message
