"""Every per-file Ocelot rule together: each at its exact position in one JSON-with-comments
configuration (LF and CRLF), odd shapes that must not crash any of them, and Routes arrays
that are not Ocelot's."""
from __future__ import annotations

import json

import pytest

from helpers import lint, write_files
from ocelot_util import EXPECTED, TEXT


def test_foreign_routes_arrays_are_not_ocelot_routes(tmp_path):
    cfg = {"Routes": [{"path": "/home", "component": "HomePage"}, {"path": "/about", "children": []}]}
    write_files(tmp_path, {"ocelot.json": json.dumps(cfg)})
    res = lint(tmp_path, select=["ocelot"])
    assert [f for f in res.findings if f.rule.startswith("ocelot-")] == []


@pytest.mark.parametrize(
    "doc",
    [
        [],
        {"Routes": None},
        {"Routes": [None, 1, "x", [], {"UpstreamPathTemplate": None, "DownstreamHostAndPorts": [None, 3, {"Host": None}]}]},
        {"Routes": [{"UpstreamPathTemplate": 5, "DownstreamPathTemplate": ["/a"], "UpstreamHttpMethod": [None, {}], "QoSOptions": {"TimeoutValue": "x"}}]},
        {"GlobalConfiguration": [], "Aggregates": {"RouteKeys": 1}, "DynamicRoutes": "no"},
        {"Aggregates": [{"RouteKeys": [1, None, "k"], "UpstreamPathTemplate": {}}], "Routes": [{"Key": ["k"], "UpstreamPathTemplate": "/a"}]},
    ],
)
def test_odd_shapes_never_crash(tmp_path, doc):
    write_files(tmp_path, {"ocelot.json": json.dumps(doc), "k8s/s.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: [{port: 80}]\n"})
    res = lint(tmp_path, select=["ocelot", "gateway-route-no-service", "gateway-route-port-mismatch", "gateway-route-scaled-to-zero", "configmap-drift"])
    assert not res.internal_errors, res.internal_errors


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_every_rule_at_its_exact_position_in_jsonc(tmp_path, eol):
    write_files(tmp_path, {"gw/ocelot.json": TEXT.replace("\n", eol)})
    res = lint(tmp_path, select=["ocelot", "json"], ocelot_version="24.1.0")  # QoS: a version that substitutes
    assert not res.internal_errors
    got = sorted((f.rule, f.line, f.col) for f in res.findings)
    assert got == sorted(EXPECTED)
