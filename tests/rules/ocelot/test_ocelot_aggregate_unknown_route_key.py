"""What `ocelot-aggregate-unknown-route-key` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import json

from helpers import lint, locs, write_files
from ocelot_util import cfg, route_merge


def test_aggregate_route_keys_resolve_only_within_the_merge_group(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.aggregates.json": json.dumps({"Aggregates": [{"RouteKeys": ["users", "orders"], "UpstreamPathTemplate": "/both"}]}),
            "gw/ocelot.users.json": cfg(route_merge("/users", Key="users")),
            "elsewhere/ocelot.orders.json": cfg(route_merge("/orders", Key="orders")),
        },
    )
    res = lint(tmp_path, select=["ocelot-aggregate-unknown-route-key"])
    assert locs(res) == ["gw/ocelot.aggregates.json:1:41"]
    assert "merged with it" in res.findings[0].message


def test_aggregate_key_case_hint(tmp_path):
    write_files(tmp_path, {"ocelot.json": cfg(route_merge("/u", Key="Users"), Aggregates=[{"RouteKeys": ["users"], "UpstreamPathTemplate": "/agg"}])})
    res = lint(tmp_path, select=["ocelot-aggregate-unknown-route-key"])
    assert "case-sensitive" in res.findings[0].message
