"""The merged view of ocelot.*.json files (AddOcelot's folder merge) and environment siblings."""
from __future__ import annotations

import json

from helpers import lint, locs, write_files


def route(up: str, host: str = "svc", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": up,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": host, "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def cfg(*routes, **top) -> str:
    d = {"Routes": list(routes)}
    d.update(top)
    return json.dumps(d, indent=2)


def test_fragments_of_different_environments_are_not_merged_together(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.json": "{}",
            "gw/ocelot.Development.json": cfg(route("/a")),
            "gw/ocelot.Release.json": cfg(route("/a")),
            "gw/ocelot.Development.Users.json": cfg(route("/users")),
            "gw/ocelot.Release.Users.json": cfg(route("/users")),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route", "ocelot-env-route-missing"])
    assert res.findings == []


def test_shared_fragment_duplicates_an_environment_fragment(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.common.json": cfg(route("/users")),
            "gw/ocelot.Release.Users.json": cfg(route("/users", UpstreamHttpMethod=["Get"])),
            "gw/ocelot.Development.Users.json": cfg(route("/users", UpstreamHttpMethod=["Get"])),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route"])
    # the common fragment is merged in both environments; its route is reported once
    assert locs(res) == ["gw/ocelot.common.json:12:31"]


def test_primary_file_and_other_folders_are_not_merged(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.json": cfg(route("/orders"), route("/users")),  # the merge output
            "gw/ocelot.orders.json": cfg(route("/orders")),
            "gw/ocelot.users.json": cfg(route("/users")),
            "other/ocelot.orders.json": cfg(route("/orders")),
            "other/ocelot.more.json": cfg(route("/more")),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route"])
    assert res.findings == []


def test_merged_duplicate_reported_once_with_related(tmp_path):
    write_files(
        tmp_path,
        {
            "ocelot.a.json": cfg(route("/x")),
            "ocelot.b.json": cfg(route("/x")),
            "ocelot.global.json": json.dumps({"GlobalConfiguration": {"BaseUrl": "http://gw"}}),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route"])
    assert locs(res) == ["ocelot.b.json:12:31"]
    (f,) = res.findings
    assert [(r.path, r.line) for r in f.related] == [("ocelot.a.json", 12)]


def test_aggregate_route_keys_resolve_only_within_the_merge_group(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.aggregates.json": json.dumps({"Aggregates": [{"RouteKeys": ["users", "orders"], "UpstreamPathTemplate": "/both"}]}),
            "gw/ocelot.users.json": cfg(route("/users", Key="users")),
            "elsewhere/ocelot.orders.json": cfg(route("/orders", Key="orders")),
        },
    )
    res = lint(tmp_path, select=["ocelot-aggregate-unknown-route-key"])
    assert locs(res) == ["gw/ocelot.aggregates.json:1:41"]
    assert "merged with it" in res.findings[0].message


def test_aggregate_key_case_hint(tmp_path):
    write_files(tmp_path, {"ocelot.json": cfg(route("/u", Key="Users"), Aggregates=[{"RouteKeys": ["users"], "UpstreamPathTemplate": "/agg"}])})
    res = lint(tmp_path, select=["ocelot-aggregate-unknown-route-key"])
    assert "case-sensitive" in res.findings[0].message


def test_env_missing_lists_every_sibling_once(tmp_path):
    write_files(
        tmp_path,
        {
            "ocelot.json": cfg(route("/a"), route("/only-dev")),
            "ocelot.Staging.json": cfg(route("/a")),
            "ocelot.Production.json": cfg(route("/a")),
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
            "ocelot.Development.json": cfg(route("/A"), route("/b", UpstreamHost="api.example")),
            "ocelot.Production.json": cfg(route("/a"), route("/b")),
        },
    )
    res = lint(tmp_path, select=["ocelot-env-route-missing"])
    assert locs(res) == ["ocelot.Development.json:23:31", "ocelot.Production.json:23:31"]
