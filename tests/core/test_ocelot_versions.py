"""lib/ocelot/versions.py: the Ocelot version a gateway's project files pin."""
from __future__ import annotations

import pytest

from okla_lint.lib.ocelot.versions import parse_version


@pytest.mark.parametrize(
    "text, lo, hi",
    [
        ("22.0.1", (22, 0, 1), (22, 0, 1)),
        ("24.1", (24, 1, 0), (24, 1, 0)),
        ("23.*", (23, 0, 0), (23, 999, 999)),
        ("23.3.*", (23, 3, 0), (23, 3, 999)),
        ("[23.2.0, 24.0)", (23, 2, 0), (23, 2, 0)),
        ("25.0.0-beta.4", (25, 0, 0), (25, 0, 0)),
    ],
)
def test_nuget_versions(text, lo, hi):
    v = parse_version(text, "x")
    assert (v.lo, v.hi) == (lo, hi)


@pytest.mark.parametrize("text", ["", "*", "(,24.0]", "$(Unresolved)", "latest"])
def test_versions_that_say_nothing(text):
    assert parse_version(text, "x") is None
