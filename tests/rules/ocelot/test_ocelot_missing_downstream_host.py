"""What `ocelot-missing-downstream-host` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

from ocelot_util import findings, route, run_config


def test_missing_host_variants(tmp_path):
    cfg = {
        "Routes": [
            route(DownstreamHostAndPorts=None),
            route(DownstreamHostAndPorts=[{"Port": 80}], UpstreamPathTemplate="/b"),
            route(DownstreamHostAndPorts=[{"Host": "  ", "Port": 80}], UpstreamPathTemplate="/c"),
            route(DownstreamHostAndPorts=None, ServiceName="orders", UpstreamPathTemplate="/d"),
        ]
    }
    res = run_config(tmp_path, "ocelot-missing-downstream-host", cfg)
    assert len(findings(res, "ocelot-missing-downstream-host")) == 3
