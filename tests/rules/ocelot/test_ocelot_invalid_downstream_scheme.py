"""What `ocelot-invalid-downstream-scheme` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import findings, route, run_config


@pytest.mark.parametrize("scheme, n", [("grpc", 1), ("HTTPS", 0), ("wss", 0), ("https://", 1), ("", 0)])
def test_downstream_scheme_values_in_routes_dynamic_routes_and_global(tmp_path, scheme, n):
    cfg = {
        "Routes": [route(DownstreamScheme=scheme)],
        "DynamicRoutes": [{"ServiceName": "orders", "DownstreamScheme": scheme}],
        "GlobalConfiguration": {"DownstreamScheme": scheme},
    }
    res = run_config(tmp_path, "ocelot-invalid-downstream-scheme", cfg)
    assert len(findings(res, "ocelot-invalid-downstream-scheme")) == 3 * n
