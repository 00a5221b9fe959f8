"""What `ocelot-duplicate-placeholder` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import csproj, findings, messages, route, run_config, run_versions


@pytest.mark.parametrize(
    "tpl, n",
    [("/a/{x}/{x}", 1), ("/a/{x}/{y}", 0), ("/a/{x}/{X}", 0), ("/a/{x}?q={x}", 1)],
)
def test_duplicate_placeholders(tmp_path, tpl, n):
    res = run_config(tmp_path, "ocelot-duplicate-placeholder", {"Routes": [route(UpstreamPathTemplate=tpl, DownstreamPathTemplate="/b")]})
    assert len(findings(res, "ocelot-duplicate-placeholder")) == n


@pytest.mark.parametrize(
    "version, template, n",
    [
        # before 23.2 a placeholder is {[^}]+}: {x-y} counts; from 23.2 \{\w+\}: it does not
        ("22.0.1", "/o/{x-y}/{x-y}", 1),
        ("24.1.0", "/o/{x-y}/{x-y}", 0),
        (None, "/o/{x-y}/{x-y}", 0),
        # names are compared as written: {Id} and {id} are two placeholders in every version
        (None, "/o/{Id}/{id}", 0),
        (None, "/o/{everything}/x/{everything}", 1),
    ],
)
def test_upstream_placeholder_pattern_per_version(tmp_path, version, template, n):
    files = {"gw/ocelot.json": {"Routes": [route(UpstreamPathTemplate=template, DownstreamPathTemplate="/x")]}}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-duplicate-placeholder"])
    assert len(messages(res, "ocelot-duplicate-placeholder")) == n
