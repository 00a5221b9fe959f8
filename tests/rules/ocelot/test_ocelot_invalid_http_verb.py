"""What `ocelot-invalid-http-verb` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import findings, route, run_config


@pytest.mark.parametrize(
    "verbs, n",
    [(["GETT"], 1), (["Get Post"], 1), (["PROPFIND", "purge", "PROPPATCH", "REPORT"], 0), (["delete", "Patch", "head"], 0)],
)
def test_http_verbs(tmp_path, verbs, n):
    res = run_config(tmp_path, "ocelot-invalid-http-verb", {"Routes": [route(UpstreamHttpMethod=verbs)]})
    assert len(findings(res, "ocelot-invalid-http-verb")) == n


def test_verbs_in_aggregates_and_downstream_method(tmp_path):
    cfg = {"Routes": [route(DownstreamHttpMethod="PSOT")], "Aggregates": [{"RouteKeys": [], "UpstreamPathTemplate": "/x", "UpstreamHttpMethod": ["Gte"]}]}
    res = run_config(tmp_path, "ocelot-invalid-http-verb", cfg)
    assert len(findings(res, "ocelot-invalid-http-verb")) == 2
