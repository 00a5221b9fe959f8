"""What `ocelot-invalid-path-template` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import findings, route, run_config


def test_routes_under_reroutes_are_still_checked(tmp_path):
    res = run_config(tmp_path, "ocelot-invalid-path-template", {"ReRoutes": [route(UpstreamPathTemplate="orders")]})
    assert len(findings(res, "ocelot-invalid-path-template")) == 1


@pytest.mark.parametrize(
    "up, down, n",
    [
        ("/a", "/b", 0),
        ("a", "/b", 1),
        ("/a", "b", 1),
        ("/a//b", "/b", 1),
        ("/a", "https://x/b", 1),
        (None, "/b", 1),
        ("/a", "", 1),
    ],
)
def test_path_templates(tmp_path, up, down, n):
    res = run_config(tmp_path, "ocelot-invalid-path-template", {"Routes": [route(UpstreamPathTemplate=up, DownstreamPathTemplate=down)]})
    assert len(findings(res, "ocelot-invalid-path-template")) == n
