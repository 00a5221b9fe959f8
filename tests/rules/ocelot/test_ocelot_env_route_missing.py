"""What `ocelot-env-route-missing` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

from helpers import lint, locs, write_files
from ocelot_util import cfg, route_merge


def test_env_missing_lists_every_sibling_once(tmp_path):
    write_files(
        tmp_path,
        {
            "ocelot.json": cfg(route_merge("/a"), route_merge("/only-dev")),
            "ocelot.Staging.json": cfg(route_merge("/a")),
            "ocelot.Production.json": cfg(route_merge("/a")),
        },
    )
    res = lint(tmp_path, select=["ocelot-env-route-missing"])
    assert locs(res) == ["ocelot.json:23:31"]
    f = res.findings[0]
    assert "ocelot.Production.json, ocelot.Staging.json" in f.message and f.severity == "info"
    assert sorted(r.path for r in f.related) == ["ocelot.Production.json", "ocelot.Staging.json"]


def test_env_siblings_compare_upstream_case_insensitively_and_host(tmp_path):
    write_files(
        tmp_path,
        {
            "ocelot.Development.json": cfg(route_merge("/A"), route_merge("/b", UpstreamHost="api.example")),
            "ocelot.Production.json": cfg(route_merge("/a"), route_merge("/b")),
        },
    )
    res = lint(tmp_path, select=["ocelot-env-route-missing"])
    assert locs(res) == ["ocelot.Development.json:23:31", "ocelot.Production.json:23:31"]
