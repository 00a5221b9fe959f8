"""What `ocelot-invalid-http-version` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import csproj, findings, messages, route, run_config, run_versions


@pytest.mark.parametrize("version, bad", [("1.1", False), ("2", False), ("2,0", False), ("HTTP/1.1", True), ("1.10", True)])
def test_http_version(tmp_path, version, bad):
    res = run_config(tmp_path, "ocelot-invalid-http-version", {"Routes": [route(DownstreamHttpVersion=version)]})
    assert bool(findings(res, "ocelot-invalid-http-version")) is bad


@pytest.mark.parametrize(
    "version, n, text",
    [
        ("23.2.0", 0, None),  # the key is not read (ocelot-unknown-key reports that)
        ("24.1.0", 1, "the gateway's Ocelot 24.1.0"),
        (None, 1, "23.3 and later, the versions that read the key"),
    ],
)
def test_http_version_policy_per_version(tmp_path, version, n, text):
    files = {"gw/ocelot.json": {"Routes": [route(DownstreamHttpVersionPolicy="RequestVersionorHigher")]}}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-invalid-http-version"])
    msgs = messages(res, "ocelot-invalid-http-version")
    assert len(msgs) == n and all(text in m for m in msgs)
