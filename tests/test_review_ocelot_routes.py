"""Review: Ocelot route-matching variants (priority order, file order)."""
from __future__ import annotations

import json

from helpers import lint, write_files


def route(up: str, down: str = "/x", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": down,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "svc", "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def run(tmp_path, routes):
    write_files(tmp_path, {"ocelot.json": json.dumps({"Routes": routes}, indent=2)})
    res = lint(tmp_path, select=["ocelot-catch-all-shadowing"])
    assert not res.internal_errors
    return [(f.line, f.col) for f in res.findings], res


def test_a_later_catch_all_with_a_higher_priority_shadows(tmp_path):
    # Ocelot sorts by Priority first: the catch-all listed second wins for /api/orders
    got, res = run(tmp_path, [route("/api/orders"), route("/api/{everything}", "/{everything}", Priority=2)])
    assert got == [(12, 31)]  # Routes[0].UpstreamPathTemplate value
    assert "has a higher Priority (2 > 1)" in res.findings[0].message


def test_a_later_catch_all_with_the_same_priority_does_not(tmp_path):
    assert run(tmp_path, [route("/api/orders"), route("/api/{everything}", "/{everything}")])[0] == []
    assert run(tmp_path, [route("/api/orders", Priority=3), route("/api/{everything}", "/{everything}", Priority=3)])[0] == []


def test_an_earlier_catch_all_with_a_lower_priority_does_not(tmp_path):
    assert run(tmp_path, [route("/api/{everything}", "/{everything}", Priority=0), route("/api/orders")])[0] == []
    got, _ = run(tmp_path, [route("/api/{everything}", "/{everything}"), route("/api/orders")])
    assert got == [(23, 31)]
