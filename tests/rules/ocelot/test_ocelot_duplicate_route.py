"""What `ocelot-duplicate-route` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import json

import pytest

from helpers import lint, locs, write_files
from ocelot_util import cfg, csproj, findings, messages, route, route_merge, run_config, run_versions


@pytest.mark.parametrize(
    "a, b, dup",
    [
        ({}, {}, True),  # both every verb
        ({"UpstreamHttpMethod": ["GET"]}, {}, True),  # one every verb
        ({"UpstreamHttpMethod": ["get"]}, {"UpstreamHttpMethod": ["GET", "PUT"]}, True),
        ({"UpstreamHttpMethod": ["GET"]}, {"UpstreamHttpMethod": ["POST"]}, False),
        ({"UpstreamHost": "a.example"}, {"UpstreamHost": "b.example"}, False),
        ({"UpstreamHost": "a.example"}, {}, False),
        ({"UpstreamHeaderTemplates": {"x-v": "1"}}, {"UpstreamHeaderTemplates": {"x-v": "2"}}, False),
        ({"UpstreamHeaderTemplates": {"x-v": "1"}}, {"UpstreamHeaderTemplates": {"x-v": "1"}}, True),
        ({"UpstreamPathTemplate": "/Orders"}, {}, False),  # Ocelot compares templates exactly
    ],
)
def test_duplicate_route_identity(tmp_path, a, b, dup):
    res = run_config(tmp_path, "ocelot-duplicate-route", {"Routes": [route(**a), route(**b)]})
    assert bool(findings(res, "ocelot-duplicate-route")) is dup


def test_duplicate_aggregates_and_route_on_aggregate_path(tmp_path):
    cfg = {
        "Routes": [route(Key="o", UpstreamPathTemplate="/agg", UpstreamHttpMethod=["Get"])],
        "Aggregates": [
            {"RouteKeys": ["o"], "UpstreamPathTemplate": "/agg"},
            {"RouteKeys": ["o"], "UpstreamPathTemplate": "/agg"},
        ],
    }
    res = run_config(tmp_path, "ocelot-duplicate-route", cfg)
    assert len(findings(res, "ocelot-duplicate-route")) == 3  # second aggregate + route vs each aggregate


@pytest.mark.parametrize(
    "version, expected",
    [
        # before 23.3 the validator compares routes without their UpstreamHeaderTemplates
        ("23.2.2", ["gw/ocelot.json:26:31"]),
        ("23.3.0", []),
        (None, []),  # 23.3 and later tell them apart: nothing holds for every version
    ],
)
def test_duplicate_route_header_templates_per_version(tmp_path, version, expected):
    cfg = {"Routes": [route(UpstreamHeaderTemplates={"X-Tenant": "a"}), route(UpstreamHeaderTemplates={"X-Tenant": "b"})]}
    files = {"gw/ocelot.json": cfg}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-duplicate-route"])
    assert locs(res, "ocelot-duplicate-route") == expected
    for m in messages(res, "ocelot-duplicate-route"):
        assert "reads them from 23.3 on" in m and f"Ocelot {version}" in m


@pytest.mark.parametrize("version, n", [("23.2.2", 1), ("23.3.0", 0), (None, 0)])
def test_merged_duplicate_route_header_templates_per_version(tmp_path, version, n):
    # two fragments AddOcelot merges: the same route told apart only by its header templates
    files = {
        "gw/ocelot.a.json": {"Routes": [route(UpstreamHeaderTemplates={"X-Tenant": "a"})]},
        "gw/ocelot.b.json": {"Routes": [route(UpstreamHeaderTemplates={"X-Tenant": "b"})]},
    }
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-duplicate-route"])
    msgs = messages(res, "ocelot-duplicate-route")
    assert len(msgs) == n and all("reads them from 23.3 on" in m for m in msgs)


def test_shared_fragment_duplicates_an_environment_fragment(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.common.json": cfg(route_merge("/users")),
            "gw/ocelot.Release.Users.json": cfg(route_merge("/users", UpstreamHttpMethod=["Get"])),
            "gw/ocelot.Development.Users.json": cfg(route_merge("/users", UpstreamHttpMethod=["Get"])),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route"])
    # the common fragment is merged in both environments; its route is reported once
    assert locs(res) == ["gw/ocelot.common.json:12:31"]


def test_primary_file_and_other_folders_are_not_merged(tmp_path):
    write_files(
        tmp_path,
        {
            "gw/ocelot.json": cfg(route_merge("/orders"), route_merge("/users")),  # the merge output
            "gw/ocelot.orders.json": cfg(route_merge("/orders")),
            "gw/ocelot.users.json": cfg(route_merge("/users")),
            "other/ocelot.orders.json": cfg(route_merge("/orders")),
            "other/ocelot.more.json": cfg(route_merge("/more")),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route"])
    assert res.findings == []


def test_merged_duplicate_reported_once_with_related(tmp_path):
    write_files(
        tmp_path,
        {
            "ocelot.a.json": cfg(route_merge("/x")),
            "ocelot.b.json": cfg(route_merge("/x")),
            "ocelot.global.json": json.dumps({"GlobalConfiguration": {"BaseUrl": "http://gw"}}),
        },
    )
    res = lint(tmp_path, select=["ocelot-duplicate-route"])
    assert locs(res) == ["ocelot.b.json:12:31"]
    (f,) = res.findings
    assert [(r.path, r.line) for r in f.related] == [("ocelot.a.json", 12)]
