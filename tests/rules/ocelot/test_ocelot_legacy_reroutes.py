"""What `ocelot-legacy-reroutes` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from helpers import locs
from ocelot_util import csproj, findings, messages, route, run_config, run_versions


def test_legacy_reroutes_in_every_place(tmp_path):
    cfg = {
        "ReRoutes": [route(ReRouteIsCaseSensitive=True, Key="a")],
        "DynamicReRoutes": [],
        "Aggregates": [{"ReRouteKeys": ["a"], "ReRouteKeysConfig": [{"ReRouteKey": "a", "JsonPath": "$"}], "UpstreamPathTemplate": "/x"}],
    }
    res = run_config(tmp_path, "ocelot-legacy-reroutes", cfg)
    got = sorted(f.message.split("'")[1] for f in findings(res, "ocelot-legacy-reroutes"))
    assert got == ["DynamicReRoutes", "ReRouteIsCaseSensitive", "ReRouteKey", "ReRouteKeys", "ReRouteKeysConfig", "ReRoutes"]
    assert "every route answers 404" in [f for f in findings(res, "ocelot-legacy-reroutes") if "'ReRoutes'" in f.message][0].message


@pytest.mark.parametrize(
    "version, cfg, expected",
    [
        # a gateway before 16.0 reads the old names: they are right, the new ones are ignored
        ("15.0.7", {"ReRoutes": [route()]}, []),
        ("15.0.7", {"Routes": [route()]}, ["'Routes' (top level) is the 16.0 name of 'ReRoutes'"]),
        ("15.0.7", {"Routes": [], "Aggregates": [{"UpstreamPathTemplate": "/a", "RouteKeys": ["x"]}]}, ["'Routes'", "'RouteKeys'"]),
        ("16.0.0", {"ReRoutes": [route()]}, ["the gateway's Ocelot 16.0.0 (gw/Gw.csproj) ignores it"]),
        (None, {"ReRoutes": [route()]}, ["Ocelot 16.0 and later ignore it"]),
    ],
)
def test_legacy_names_per_version(tmp_path, version, cfg, expected):
    files = {"gw/ocelot.json": cfg}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-legacy-reroutes"])
    msgs = messages(res, "ocelot-legacy-reroutes")
    assert len(msgs) == len(expected), msgs
    for m, e in zip(sorted(msgs), sorted(expected)):
        assert e in m, m


def test_legacy_names_with_the_version_of_the_only_gateway_project(tmp_path):
    # eShopOnContainers' layout: the configurations live beside the BFFs, the one Ocelot project
    # (Ocelot 12.0.1) elsewhere; every project agrees, so that is the version they run on
    files = {
        "src/ApiGateways/ApiGw-Base/OcelotApiGw.csproj": csproj("12.0.1"),
        "src/ApiGateways/Web.Bff.Shopping/apigw/configuration.json": {"ReRoutes": [route()], "GlobalConfiguration": {}},
    }
    res = run_versions(tmp_path, files, ["ocelot-legacy-reroutes"])
    assert messages(res, "ocelot-legacy-reroutes") == []
    files["src/ApiGateways/ApiGw-Base/OcelotApiGw.csproj"] = csproj("16.0.1")
    res = run_versions(tmp_path, files, ["ocelot-legacy-reroutes"])
    assert locs(res, "ocelot-legacy-reroutes") == ["src/ApiGateways/Web.Bff.Shopping/apigw/configuration.json:2:3"]
