"""The merged view of ocelot.*.json files (AddOcelot's folder merge) as the cross-file Ocelot
rules see it: fragments of different environments are not merged together."""
from __future__ import annotations

from helpers import lint, write_files
from ocelot_util import cfg, route_merge


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
