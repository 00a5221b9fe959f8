"""Issue 10, family 3: a catch-all that shadows a route is reported only when the requests it
takes get something else (another downstream path, host, scheme, authentication, rate limit,
QoS, headers...), and the message says what differs; skipped authentication comes first."""
from __future__ import annotations

import json

import pytest

from helpers import lint, run, write_files
from ocelot_util import csproj, findings, messages, route, route_ocelot_routes, run_config, run_ocelot_routes, run_versions

HOST = [{"Host": "orders", "Port": 80}]


def r(up: str, down: str, **kw) -> dict:
    out = {"UpstreamPathTemplate": up, "DownstreamPathTemplate": down, "DownstreamScheme": "http", "DownstreamHostAndPorts": HOST}
    out.update(kw)
    return out


def run_catch_all_shadowing(tmp_path, routes, name="ocelot.json"):
    res = run(tmp_path, {name: json.dumps({"Routes": routes}, indent=2)}, ["ocelot-catch-all-shadowing"])
    return [f.message for f in res.findings]


BEARER = {"AuthenticationOptions": {"AuthenticationProviderKey": "Bearer"}}


@pytest.mark.parametrize(
    "catch_all, shadowed",
    [
        # the same downstream path built from the placeholder, same host, same settings
        (r("/api/errors/{id}", "/api/errors/{id}"), r("/api/errors/stats", "/api/errors/stats")),
        (r("/api/vehicles/{id}", "/api/vehicles/{id}"), r("/api/vehicles/{id}/similar", "/api/vehicles/{id}/similar")),
        (r("/api/{everything}", "/{everything}"), r("/api/orders/{id}", "/orders/{id}")),
        # the same authentication written two ways, a disabled rate limit, an empty QoS block
        (r("/api/{all}", "/api/{all}", **BEARER), r("/api/x", "/api/x", AuthenticationOptions={"AuthenticationProviderKeys": ["Bearer"]})),
        (r("/api/{all}", "/api/{all}"), r("/api/x", "/api/x", RateLimitOptions={"EnableRateLimiting": False, "Limit": 5}, QoSOptions={})),
        # host names compare case-insensitively; comments are not settings
        (r("/api/{all}", "/api/{all}", DownstreamHostAndPorts=[{"Host": "ORDERS", "Port": 80}]), r("/api/x", "/api/x", _comment="stats")),
    ],
    ids=["same-path", "deeper-path", "prefix-rewrite", "auth-spelling", "disabled-blocks", "host-case"],
)
def test_same_outcome_is_not_reported(tmp_path, catch_all, shadowed):
    assert run_catch_all_shadowing(tmp_path, [catch_all, shadowed]) == []


@pytest.mark.parametrize(
    "catch_all, shadowed, says",
    [
        (r("/api/{all}", "/api/{all}"), r("/api/admin", "/api/admin", **BEARER), "no authentication although this route requires 'Bearer': anyone can call"),
        (r("/api/{all}", "/api/{all}"), r("/api/stats", "/internal/stats"), "the downstream path '/api/stats' instead of '/internal/stats'"),
        (r("/api/{all}", "/api/{all}"), r("/api/x", "/api/x", DownstreamHostAndPorts=[{"Host": "reports", "Port": 8080}]), "the downstream orders:80 instead of reports:8080"),
        (r("/api/{all}", "/api/{all}"), r("/api/x", "/api/x", DownstreamScheme="https"), "the scheme 'http' instead of 'https'"),
        (r("/api/{all}", "/api/{all}"), r("/api/x", "/api/x", RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Limit": 5}), "none of this route's rate limiting"),
        (r("/api/{all}", "/api/{all}", QoSOptions={"TimeoutValue": 1000}), r("/api/x", "/api/x", QoSOptions={"TimeoutValue": 30000}), "other QoS"),
        (r("/api/{all}", "/api/{all}"), r("/api/x", "/api/x", AddHeadersToRequest={"X-Internal": "1"}), "none of this route's headers added"),
        (r("/api/{all}", "/api/{all}", RouteClaimsRequirement={"role": "admin"}), r("/api/x", "/api/x"), "the catch-all's authorization"),
        (r("/api/{all}", "/api/{all}", AuthenticationOptions={"AuthenticationProviderKey": "Other"}), r("/api/x", "/api/x", **BEARER), "other authentication"),
    ],
    ids=["auth-skipped", "path", "host", "scheme", "rate-limit", "qos", "headers", "claims", "other-auth"],
)
def test_a_different_outcome_is_reported_with_what_differs(tmp_path, catch_all, shadowed, says):
    (msg,) = run_catch_all_shadowing(tmp_path, [catch_all, shadowed])
    assert says in msg, msg
    assert "never reached" in msg


def test_skipped_authentication_comes_first(tmp_path):
    (msg,) = run_catch_all_shadowing(tmp_path, [r("/api/{all}", "/{all}"), r("/api/admin", "/admin", **BEARER, RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Limit": 5})])
    assert msg.index("no authentication") < msg.index("rate limiting")


def test_same_outcome_in_a_configmap_copy_is_not_reported(tmp_path):
    text = json.dumps({"Routes": [r("/api/errors/{id}", "/api/errors/{id}"), r("/api/errors/stats", "/api/errors/stats")]}, indent=2)
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "\n".join("    " + x for x in text.splitlines()) + "\n"
    write_files(tmp_path, {"k8s/gw.yaml": manifest})
    assert lint(tmp_path, select=["ocelot-catch-all-shadowing"]).findings == []


@pytest.mark.parametrize(
    "a, b, n",
    [
        ({"UpstreamPathTemplate": "/api/{all}"}, {"UpstreamPathTemplate": "/api/orders"}, 1),
        ({"UpstreamPathTemplate": "/api/{all}"}, {"UpstreamPathTemplate": "/API/orders"}, 1),
        ({"UpstreamPathTemplate": "/api/{all}", "RouteIsCaseSensitive": True}, {"UpstreamPathTemplate": "/API/orders"}, 0),
        ({"UpstreamPathTemplate": "/api/{all}", "UpstreamHttpMethod": ["Post"]}, {"UpstreamPathTemplate": "/api/orders", "UpstreamHttpMethod": ["Get"]}, 0),
        ({"UpstreamPathTemplate": "/api/{all}", "Priority": 0}, {"UpstreamPathTemplate": "/api/orders"}, 0),
        ({"UpstreamPathTemplate": "/api/{all}", "UpstreamHost": "a.example"}, {"UpstreamPathTemplate": "/api/orders"}, 0),
        ({"UpstreamPathTemplate": "/api/{all}"}, {"UpstreamPathTemplate": "/api/orders", "UpstreamHost": "b.example"}, 0),
        ({"UpstreamPathTemplate": "/api/{all}", "UpstreamHost": "b.example"}, {"UpstreamPathTemplate": "/api/orders", "UpstreamHost": "B.example"}, 1),
        ({"UpstreamPathTemplate": "/api/{v}/orders"}, {"UpstreamPathTemplate": "/api/1/orders/x"}, 0),
        ({"UpstreamPathTemplate": "/api/{all}"}, {"UpstreamPathTemplate": "/api/{other}"}, 0),
    ],
)
def test_catch_all_shadowing_variants(tmp_path, a, b, n):
    # the shadowed route sends elsewhere (an identical outcome is not reported: tests/rules/ocelot/test_ocelot_catch_all_shadowing.py)
    res = run_config(tmp_path, "ocelot-catch-all-shadowing", {"Routes": [route(**a), route(DownstreamPathTemplate="/v2/orders", **b)]})
    assert len(findings(res, "ocelot-catch-all-shadowing")) == n


def test_specific_route_listed_first_is_fine(tmp_path):
    cfg = {"Routes": [route(UpstreamPathTemplate="/api/orders"), route(UpstreamPathTemplate="/api/{all}")]}
    res = run_config(tmp_path, "ocelot-catch-all-shadowing", cfg)
    assert findings(res, "ocelot-catch-all-shadowing") == []


def test_a_later_catch_all_with_a_higher_priority_shadows(tmp_path):
    # Ocelot sorts by Priority first: the catch-all listed second wins for /api/orders
    got, res = run_ocelot_routes(tmp_path, [route_ocelot_routes("/api/orders"), route_ocelot_routes("/api/{everything}", "/{everything}", Priority=2)])
    assert got == [(12, 31)]  # Routes[0].UpstreamPathTemplate value
    assert "has a higher Priority (2 > 1)" in res.findings[0].message


def test_a_later_catch_all_with_the_same_priority_does_not(tmp_path):
    assert run_ocelot_routes(tmp_path, [route_ocelot_routes("/api/orders"), route_ocelot_routes("/api/{everything}", "/{everything}")])[0] == []
    assert run_ocelot_routes(tmp_path, [route_ocelot_routes("/api/orders", Priority=3), route_ocelot_routes("/api/{everything}", "/{everything}", Priority=3)])[0] == []


def test_an_earlier_catch_all_with_a_lower_priority_does_not(tmp_path):
    assert run_ocelot_routes(tmp_path, [route_ocelot_routes("/api/{everything}", "/{everything}", Priority=0), route_ocelot_routes("/api/orders")])[0] == []
    got, _ = run_ocelot_routes(tmp_path, [route_ocelot_routes("/api/{everything}", "/{everything}"), route_ocelot_routes("/api/orders")])
    assert got == [(23, 31)]


@pytest.mark.parametrize("version, n", [("23.2.2", 1), ("24.1.0", 0), (None, 0)])
def test_catch_all_with_header_templates_per_version(tmp_path, version, n):
    # before 23.3 Ocelot does not route by headers: the catch-all takes /api/orders for everyone
    cfg = {
        "Routes": [
            route(UpstreamPathTemplate="/api/{everything}", DownstreamPathTemplate="/{everything}", UpstreamHeaderTemplates={"X-Tenant": "a"},
                  DownstreamHostAndPorts=[{"Host": "tenant-a", "Port": 80}]),
            route(UpstreamPathTemplate="/api/orders", DownstreamPathTemplate="/orders"),
        ]
    }
    files = {"gw/ocelot.json": cfg}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-catch-all-shadowing"])
    assert len(messages(res, "ocelot-catch-all-shadowing")) == n
