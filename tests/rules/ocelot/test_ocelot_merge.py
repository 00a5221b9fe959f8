"""The merged view of ocelot.*.json files (AddOcelot's folder merge) and environment siblings."""
from __future__ import annotations

from _ocelot_merge import cfg, route_merge
from helpers import lint, write_files


def test_fragments_of_different_environments_are_not_merged_together(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.json": "{}",
            "gw/ocelot.Development.json": cfg(route_merge("/a")),
            "gw/ocelot.Release.json": cfg(route_merge("/a")),
            "gw/ocelot.Development.Users.json": cfg(route_merge("/users")),
            "gw/ocelot.Release.Users.json": cfg(route_merge("/users")),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route", "ocelot-env-route-missing"])
    assert res.findings == []
