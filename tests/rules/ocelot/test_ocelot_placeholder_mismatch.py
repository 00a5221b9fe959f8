"""What `ocelot-placeholder-mismatch` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from helpers import locs
from ocelot_util import csproj, findings, messages, route, run_config, run_versions


@pytest.mark.parametrize(
    "extra, down, n",
    [
        ({}, "/api/{Id}", 1),  # case differs
        ({"UpstreamHeaderTemplates": {"country": "{header:code}"}}, "/api/{code}/x", 0),
        ({}, "/api/{header:code}", 0),
        ({"DelegatingHandlers": ["FillIt"]}, "/api/{other}", 0),
        ({"ChangeDownstreamPathTemplate": {"{userId}": "Claims[sub] > value"}}, "/api/{userId}", 0),
        ({}, "/api/{id}?expand={expand}", 1),
    ],
)
def test_placeholder_mismatch_variants(tmp_path, extra, down, n):
    res = run_config(tmp_path, "ocelot-placeholder-mismatch", {"Routes": [route(UpstreamPathTemplate="/orders/{id}", DownstreamPathTemplate=down, **extra)]})
    fs = findings(res, "ocelot-placeholder-mismatch")
    assert len(fs) == n
    if down == "/api/{Id}":
        assert "case-sensitive" in fs[0].message


@pytest.mark.parametrize(
    "version, up, down, expected",
    [
        # 23.2.0 and 23.2.1 reject templates whose placeholders differ, in either direction
        ("23.2.1", "/api/{version}/orders/{id}", "/orders/{id}", ["gw/ocelot.json:12:37"]),
        ("23.2.0", "/orders/{id}", "/orders/{id}/{tenant}", ["gw/ocelot.json:4:47"]),
        # 23.2.2 removed the check; other versions: only a downstream placeholder nobody fills
        ("23.2.2", "/api/{version}/orders/{id}", "/orders/{id}", []),
        (None, "/api/{version}/orders/{id}", "/orders/{id}", []),
        (None, "/orders/{id}", "/orders/{id}/{tenant}", ["gw/ocelot.json:4:47"]),
    ],
)
def test_placeholder_mismatch_per_version(tmp_path, version, up, down, expected):
    files = {"gw/ocelot.json": {"Routes": [route(UpstreamPathTemplate=up, DownstreamPathTemplate=down)]}}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-placeholder-mismatch"])
    assert locs(res, "ocelot-placeholder-mismatch") == expected
    if version in ("23.2.0", "23.2.1"):
        for m in messages(res, "ocelot-placeholder-mismatch"):
            assert "only 23.2.0 and 23.2.1 check this" in m
