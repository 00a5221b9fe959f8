"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_embedded_copy.py): ``ROUTE``, ``configmap_embedded_copy``, ``run_embedded_copy``."""
from __future__ import annotations

from helpers import lint, write_files


ROUTE = {"DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [{"Host": "a", "Port": 80}], "UpstreamPathTemplate": "/a", "PreserveHostHeader": True}


def configmap_embedded_copy(name: str, key: str, text: str) -> str:
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata:\n  {key}: |\n" + "\n".join("    " + x for x in text.splitlines()) + "\n"


def run_embedded_copy(tmp_path, files, select=("ocelot-unknown-key", "ocelot-missing-downstream-scheme")):
    write_files(tmp_path, files)
    res = lint(tmp_path, select=list(select))
    assert not res.internal_errors
    return res
