"""Issue 10, family 3: a catch-all that shadows a route is reported only when the requests it
takes get something else (another downstream path, host, scheme, authentication, rate limit,
QoS, headers...), and the message says what differs; skipped authentication comes first."""
from __future__ import annotations

import json

import pytest

from helpers import lint, write_files

HOST = [{"Host": "orders", "Port": 80}]


def r(up: str, down: str, **kw) -> dict:
    out = {"UpstreamPathTemplate": up, "DownstreamPathTemplate": down, "DownstreamScheme": "http", "DownstreamHostAndPorts": HOST}
    out.update(kw)
    return out


def run(tmp_path, routes, name="ocelot.json"):
    write_files(tmp_path, {name: json.dumps({"Routes": routes}, indent=2)})
    res = lint(tmp_path, select=["ocelot-catch-all-shadowing"])
    assert not res.internal_errors
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
    assert run(tmp_path, [catch_all, shadowed]) == []


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
    (msg,) = run(tmp_path, [catch_all, shadowed])
    assert says in msg, msg
    assert "never reached" in msg


def test_skipped_authentication_comes_first(tmp_path):
    (msg,) = run(tmp_path, [r("/api/{all}", "/{all}"), r("/api/admin", "/admin", **BEARER, RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Limit": 5})])
    assert msg.index("no authentication") < msg.index("rate limiting")


def test_same_outcome_in_a_configmap_copy_is_not_reported(tmp_path):
    text = json.dumps({"Routes": [r("/api/errors/{id}", "/api/errors/{id}"), r("/api/errors/stats", "/api/errors/stats")]}, indent=2)
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "\n".join("    " + x for x in text.splitlines()) + "\n"
    write_files(tmp_path, {"k8s/gw.yaml": manifest})
    assert lint(tmp_path, select=["ocelot-catch-all-shadowing"]).findings == []
