"""Variants of the per-file Ocelot rules: casing, legacy ReRoutes, BOM and CRLF, each place a
defect can occur, and the exemptions that keep valid configurations clean."""
from __future__ import annotations

import json

import pytest

from helpers import lint, locs, write_files


def route(**kw) -> dict:
    r = {
        "DownstreamPathTemplate": "/api/orders",
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "orders", "Port": 80}],
        "UpstreamPathTemplate": "/orders",
    }
    for k, v in kw.items():
        if v is None:
            r.pop(k, None)
        else:
            r[k] = v
    return r


def run(tmp_path, rule, config, name="ocelot.json", raw: str | None = None, **settings):
    text = raw if raw is not None else json.dumps(config, indent=2)
    write_files(tmp_path, {name: text})
    result = lint(tmp_path, select=[rule], **settings)
    assert not result.internal_errors
    return result


def findings(result, rule):
    return [f for f in result.findings if f.rule == rule]


# -- schema -----------------------------------------------------------------------------------


def test_unknown_key_suggestion_and_case_insensitive_match(tmp_path):
    cfg = {"routes": [route(upstreamhttpmethod=["Get"], DownstreamHostAndPort=[{"Host": "x", "Port": 1}])]}
    res = run(tmp_path, "ocelot-unknown-key", cfg)
    msgs = [f.message for f in findings(res, "ocelot-unknown-key")]
    assert len(msgs) == 1 and "did you mean 'DownstreamHostAndPorts'" in msgs[0]


@pytest.mark.parametrize(
    "where, cfg, expected",
    [
        ("qos", {"Routes": [route(QoSOptions={"TimeoutVal": 100})]}, "TimeoutValue"),
        ("rate", {"Routes": [route(RateLimitOptions={"EnableRatelimitting": True})]}, "EnableRateLimiting"),
        ("host", {"Routes": [route(DownstreamHostAndPorts=[{"Hots": "a", "Port": 1}])]}, "Host"),
        ("global", {"GlobalConfiguration": {"BaseURl": "x", "ServiceDiscoveryProvider": {"Tpye": "Kube"}}}, "Type"),
        ("aggregate", {"Routes": [], "Aggregates": [{"RouteKey": ["a"], "UpstreamPathTemplate": "/a"}]}, "RouteKeys"),
        ("dynamic", {"DynamicRoutes": [{"ServiceNam": "orders"}]}, "ServiceName"),
    ],
)
def test_unknown_key_in_every_object(tmp_path, where, cfg, expected):
    res = run(tmp_path, "ocelot-unknown-key", cfg)
    msgs = [f.message for f in findings(res, "ocelot-unknown-key")]
    assert any(f"did you mean {expected!r}" in m for m in msgs), msgs


def test_route_key_in_global_configuration_is_explained(tmp_path):
    res = run(tmp_path, "ocelot-unknown-key", {"Routes": [], "GlobalConfiguration": {"UpstreamHttpMethod": ["GET"]}})
    (f,) = findings(res, "ocelot-unknown-key")
    assert "per-route setting" in f.message


def test_free_form_maps_and_all_version_keys_are_not_reported(tmp_path):
    cfg = {
        "Routes": [
            route(
                Metadata={"whatever": "1"},
                RouteClaimsRequirement={"UserType": "admin"},
                UpstreamHeaderTemplates={"country": "{header:country}"},
                DownstreamHttpVersionPolicy="RequestVersionOrLower",
                CacheOptions={"TtlSeconds": 1, "Region": "r", "Header": "h", "EnableContentHashing": True},
                QoSOptions={"MinimumThroughput": 3, "BreakDuration": 1000, "Timeout": 100, "FailureRatio": 0.5, "SamplingDuration": 1000},
                RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Wait": "1s", "Limit": 1, "StatusCode": 429, "QuotaMessage": "q", "KeyPrefix": "k", "EnableHeaders": True, "ClientIdHeader": "c"},
                HttpHandlerOptions={"MaxConnectionsPerServer": 10, "PooledConnectionLifetimeSeconds": 5, "UseProxy": False},
                SecurityOptions={"IPAllowedList": ["1.1.1.1"], "IPBlockedList": [], "ExcludeAllowedFromBlocked": True},
                AuthenticationOptions={"AuthenticationProviderKeys": ["Bearer"], "AllowedScopes": [], "AllowAnonymous": False},
                LoadBalancerOptions={"Type": "CookieStickySessions", "Key": "c", "Expiry": 1000},
                Timeout=30,
                SwaggerKey="orders",  # read by MMLib.SwaggerForOcelot
            )
        ],
        "GlobalConfiguration": {
            "MetadataOptions": {"Separators": [","], "CurrentCulture": "en-GB", "Metadata": {"a": "b"}},
            "ServiceDiscoveryProvider": {"Scheme": "https", "Host": "h", "Port": 1, "Type": "Kube", "Namespace": "n", "PollingInterval": 100, "Token": "t", "ConfigurationKey": "k"},
            "DownstreamHeaderTransform": {"X": "y"},
        },
    }
    res = run(tmp_path, "ocelot-unknown-key", cfg)
    assert findings(res, "ocelot-unknown-key") == []


def test_legacy_reroutes_in_every_place(tmp_path):
    cfg = {
        "ReRoutes": [route(ReRouteIsCaseSensitive=True, Key="a")],
        "DynamicReRoutes": [],
        "Aggregates": [{"ReRouteKeys": ["a"], "ReRouteKeysConfig": [{"ReRouteKey": "a", "JsonPath": "$"}], "UpstreamPathTemplate": "/x"}],
    }
    res = run(tmp_path, "ocelot-legacy-reroutes", cfg)
    got = sorted(f.message.split("'")[1] for f in findings(res, "ocelot-legacy-reroutes"))
    assert got == ["DynamicReRoutes", "ReRouteIsCaseSensitive", "ReRouteKey", "ReRouteKeys", "ReRouteKeysConfig", "ReRoutes"]
    assert "every route answers 404" in [f for f in findings(res, "ocelot-legacy-reroutes") if "'ReRoutes'" in f.message][0].message


def test_routes_under_reroutes_are_still_checked(tmp_path):
    res = run(tmp_path, "ocelot-invalid-path-template", {"ReRoutes": [route(UpstreamPathTemplate="orders")]})
    assert len(findings(res, "ocelot-invalid-path-template")) == 1


def test_bom_and_crlf_positions(tmp_path):
    text = '\ufeff{\r\n  "Routes": [\r\n    { "DownstreamPathTemplate": "/a", "DownstreamScheme": "http",\r\n      "DownstreamHostAndPorts": [{ "Host": "a", "Port": 80 }], "UpstreamPathTemplate": "/a", "Prority": 2 }\r\n  ]\r\n}\r\n'
    res = run(tmp_path, "ocelot-unknown-key", None, raw=text)
    assert locs(res, "ocelot-unknown-key") == ["ocelot.json:4:94"]


@pytest.mark.parametrize(
    "value, bad",
    [
        ({"Priority": "high"}, True),
        ({"Priority": 1.5}, True),
        ({"Priority": "3"}, False),
        ({"RouteIsCaseSensitive": "yes"}, True),
        ({"RouteIsCaseSensitive": "True"}, False),
        ({"DownstreamHostAndPorts": {"Host": "a", "Port": 1}}, True),
        ({"QoSOptions": []}, True),
        ({"AddHeadersToRequest": ["X-A"]}, True),
        ({"DelegatingHandlers": ["A", {"Name": "B"}]}, True),
        ({"DownstreamScheme": 5}, False),
        ({"Key": None}, False),
    ],
)
def test_wrong_types(tmp_path, value, bad):
    res = run(tmp_path, "ocelot-wrong-type", {"Routes": [route(**value)]})
    assert bool(findings(res, "ocelot-wrong-type")) is bad


def test_deprecated_keys_name_the_replacement(tmp_path):
    cfg = {
        "Routes": [route(RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Limit": 1, "PeriodTimespan": 1})],
        "DynamicRoutes": [{"ServiceName": "orders", "RateLimitRule": {"Limit": 1}}],
        "GlobalConfiguration": {"RateLimitOptions": {"DisableRateLimitHeaders": True}},
    }
    res = run(tmp_path, "ocelot-deprecated-key", cfg)
    msgs = " | ".join(f.message for f in findings(res, "ocelot-deprecated-key"))
    assert "Wait" in msgs and "RateLimitOptions" in msgs and "EnableHeaders (with the opposite value)" in msgs
    assert all(f.severity == "info" for f in findings(res, "ocelot-deprecated-key"))


# -- validation ---------------------------------------------------------------------------------


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
    res = run(tmp_path, "ocelot-duplicate-route", {"Routes": [route(**a), route(**b)]})
    assert bool(findings(res, "ocelot-duplicate-route")) is dup


def test_duplicate_aggregates_and_route_on_aggregate_path(tmp_path):
    cfg = {
        "Routes": [route(Key="o", UpstreamPathTemplate="/agg", UpstreamHttpMethod=["Get"])],
        "Aggregates": [
            {"RouteKeys": ["o"], "UpstreamPathTemplate": "/agg"},
            {"RouteKeys": ["o"], "UpstreamPathTemplate": "/agg"},
        ],
    }
    res = run(tmp_path, "ocelot-duplicate-route", cfg)
    assert len(findings(res, "ocelot-duplicate-route")) == 3  # second aggregate + route vs each aggregate


@pytest.mark.parametrize(
    "tpl, n",
    [("/a/{x}/{x}", 1), ("/a/{x}/{y}", 0), ("/a/{x}/{X}", 0), ("/a/{x}?q={x}", 1)],
)
def test_duplicate_placeholders(tmp_path, tpl, n):
    res = run(tmp_path, "ocelot-duplicate-placeholder", {"Routes": [route(UpstreamPathTemplate=tpl, DownstreamPathTemplate="/b")]})
    assert len(findings(res, "ocelot-duplicate-placeholder")) == n


@pytest.mark.parametrize(
    "up, down, n",
    [
        ("/a", "/b", 0),
        ("a", "/b", 1),
        ("/a", "b", 1),
        ("/a//b", "/b", 1),
        ("/a", "https://x/b", 1),
        (None, "/b", 1),
        ("/a", "", 1),
    ],
)
def test_path_templates(tmp_path, up, down, n):
    res = run(tmp_path, "ocelot-invalid-path-template", {"Routes": [route(UpstreamPathTemplate=up, DownstreamPathTemplate=down)]})
    assert len(findings(res, "ocelot-invalid-path-template")) == n


def test_missing_host_variants(tmp_path):
    cfg = {
        "Routes": [
            route(DownstreamHostAndPorts=None),
            route(DownstreamHostAndPorts=[{"Port": 80}], UpstreamPathTemplate="/b"),
            route(DownstreamHostAndPorts=[{"Host": "  ", "Port": 80}], UpstreamPathTemplate="/c"),
            route(DownstreamHostAndPorts=None, ServiceName="orders", UpstreamPathTemplate="/d"),
        ]
    }
    res = run(tmp_path, "ocelot-missing-downstream-host", cfg)
    assert len(findings(res, "ocelot-missing-downstream-host")) == 3


@pytest.mark.parametrize(
    "opts, invalid, not_applied",
    [
        # no version known: only what every version rejects, fails on, or never limits
        ({"EnableRateLimiting": True, "Period": "1S", "Limit": 1}, 1, 0),
        ({"EnableRateLimiting": True, "Period": " 10m ", "Limit": 1}, 0, 0),  # 24.1 trims it
        ({"EnableRateLimiting": True, "Period": "1.5h", "Limit": 1}, 0, 0),  # 24.1 takes decimals
        ({"EnableRateLimiting": True, "Limit": 1}, 1, 0),
        ({"EnableRateLimiting": "true", "Period": "1s", "Limit": -1}, 0, 1),  # off before 24.1, rejected after
        ({"EnableRateLimiting": True, "Period": "2hours", "Limit": 1}, 1, 0),  # fails every request everywhere
        ({"EnableRateLimiting": True, "Period": "0m", "Limit": 1}, 0, 1),  # 500s before 24.1, never limits after
        ({"EnableRateLimiting": False, "Period": "soon"}, 0, 0),
        ({"Period": "soon", "Limit": 0}, 0, 0),  # on only from 24.1 (EnableRateLimiting missing)
    ],
)
def test_rate_limit_variants(tmp_path, opts, invalid, not_applied):
    write_files(tmp_path, {"ocelot.json": json.dumps({"Routes": [route(RateLimitOptions=opts)]}, indent=2)})
    res = lint(tmp_path, select=["ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"])
    assert len(findings(res, "ocelot-invalid-rate-limit")) == invalid
    assert len(findings(res, "ocelot-rate-limit-not-applied")) == not_applied


@pytest.mark.parametrize("version, bad", [("1.1", False), ("2", False), ("2,0", False), ("HTTP/1.1", True), ("1.10", True)])
def test_http_version(tmp_path, version, bad):
    res = run(tmp_path, "ocelot-invalid-http-version", {"Routes": [route(DownstreamHttpVersion=version)]})
    assert bool(findings(res, "ocelot-invalid-http-version")) is bad


# -- silent failures ------------------------------------------------------------------------------


def test_scheme_empty_string_is_reported(tmp_path):
    res = run(tmp_path, "ocelot-missing-downstream-scheme", {"Routes": [route(DownstreamScheme="")]})
    assert len(findings(res, "ocelot-missing-downstream-scheme")) == 1


@pytest.mark.parametrize(
    "extra, down, n",
    [
        ({}, "/api/{Id}", 1),  # case differs
        ({"UpstreamHeaderTemplates": {"country": "{header:code}"}}, "/api/{code}/x", 0),
        ({}, "/api/{header:code}", 0),
        ({"DelegatingHandlers": ["FillIt"]}, "/api/{other}", 0),
        ({"ChangeDownstreamPathTemplate": {"{userId}": "Claims[sub] > value"}}, "/api/{userId}", 0),
        ({}, "/api/{id}?expand={expand}", 1),
    ],
)
def test_placeholder_mismatch_variants(tmp_path, extra, down, n):
    res = run(tmp_path, "ocelot-placeholder-mismatch", {"Routes": [route(UpstreamPathTemplate="/orders/{id}", DownstreamPathTemplate=down, **extra)]})
    fs = findings(res, "ocelot-placeholder-mismatch")
    assert len(fs) == n
    if down == "/api/{Id}":
        assert "case-sensitive" in fs[0].message


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
    res = run(tmp_path, "ocelot-catch-all-shadowing", {"Routes": [route(**a), route(DownstreamPathTemplate="/v2/orders", **b)]})
    assert len(findings(res, "ocelot-catch-all-shadowing")) == n


def test_specific_route_listed_first_is_fine(tmp_path):
    cfg = {"Routes": [route(UpstreamPathTemplate="/api/orders"), route(UpstreamPathTemplate="/api/{all}")]}
    res = run(tmp_path, "ocelot-catch-all-shadowing", cfg)
    assert findings(res, "ocelot-catch-all-shadowing") == []


@pytest.mark.parametrize(
    "qos, n",
    [
        ({"ExceptionsAllowedBeforeBreaking": 1}, 1),
        ({"MinimumThroughput": 5, "BreakDuration": 100}, 1),
        ({"ExceptionsAllowedBeforeBreaking": 3, "FailureRatio": 1.5, "SamplingDuration": 200}, 2),
        ({"ExceptionsAllowedBeforeBreaking": 0, "DurationOfBreak": 10}, 0),
        ({"TimeoutValue": 5}, 1),
        ({"TimeoutValue": 0}, 0),
        ({"TimeoutValue": 90000000}, 1),
    ],
)
def test_qos_variants(tmp_path, qos, n):
    # Ocelot 24.1 and later substitute out-of-range values (tests/rules/ocelot/test_ocelot_versions.py: the other versions)
    res = run(tmp_path, "ocelot-qos-value-replaced", {"Routes": [route(QoSOptions=qos)]}, ocelot_version="24.1.0")
    assert len(findings(res, "ocelot-qos-value-replaced")) == n


def test_qos_in_global_configuration(tmp_path):
    res = run(tmp_path, "ocelot-qos-value-replaced", {"Routes": [], "GlobalConfiguration": {"QoSOptions": {"TimeoutValue": 3}}}, ocelot_version="24.1")
    assert len(findings(res, "ocelot-qos-value-replaced")) == 1


def test_dangerous_certificate_as_string(tmp_path):
    res = run(tmp_path, "ocelot-dangerous-certificate", {"Routes": [route(DownstreamScheme="https", DangerousAcceptAnyServerCertificateValidator="true")]})
    assert len(findings(res, "ocelot-dangerous-certificate")) == 1


@pytest.mark.parametrize(
    "scheme, n",
    [("https", 1), ("wss", 1), ("HTTPS", 1), (None, 1), ("", 1), ("http", 0), ("HTTP", 0), ("ws", 0)],
)
def test_dangerous_certificate_only_where_there_is_tls(tmp_path, scheme, n):
    """Issue 10, family 3: with http or ws to the service there is no certificate; with no
    scheme Ocelot reuses the incoming request's, which may be https."""
    res = run(tmp_path, "ocelot-dangerous-certificate", {"Routes": [route(DownstreamScheme=scheme, DangerousAcceptAnyServerCertificateValidator=True)]})
    assert len(findings(res, "ocelot-dangerous-certificate")) == n


@pytest.mark.parametrize(
    "verbs, n",
    [(["GETT"], 1), (["Get Post"], 1), (["PROPFIND", "purge", "PROPPATCH", "REPORT"], 0), (["delete", "Patch", "head"], 0)],
)
def test_http_verbs(tmp_path, verbs, n):
    res = run(tmp_path, "ocelot-invalid-http-verb", {"Routes": [route(UpstreamHttpMethod=verbs)]})
    assert len(findings(res, "ocelot-invalid-http-verb")) == n


def test_verbs_in_aggregates_and_downstream_method(tmp_path):
    cfg = {"Routes": [route(DownstreamHttpMethod="PSOT")], "Aggregates": [{"RouteKeys": [], "UpstreamPathTemplate": "/x", "UpstreamHttpMethod": ["Gte"]}]}
    res = run(tmp_path, "ocelot-invalid-http-verb", cfg)
    assert len(findings(res, "ocelot-invalid-http-verb")) == 2


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


def test_case_duplicates_at_top_level_and_in_options(tmp_path):
    text = '{"Routes": [], "routes": [], "GlobalConfiguration": {"QoSOptions": {"TimeoutValue": 1000, "timeoutvalue": 2000}}}'
    res = run(tmp_path, "ocelot-case-duplicate-key", None, raw=text)
    assert locs(res, "ocelot-case-duplicate-key") == ["ocelot.json:1:16", "ocelot.json:1:91"]


def test_empty_strings_bind_as_unset(tmp_path):
    res = run(tmp_path, "ocelot-wrong-type", {"Routes": [route(Priority="", DownstreamHostAndPorts=[{"Host": "a", "Port": ""}])]})
    assert findings(res, "ocelot-wrong-type") == []


@pytest.mark.parametrize("scheme, n", [("grpc", 1), ("HTTPS", 0), ("wss", 0), ("https://", 1), ("", 0)])
def test_downstream_scheme_values_in_routes_dynamic_routes_and_global(tmp_path, scheme, n):
    cfg = {
        "Routes": [route(DownstreamScheme=scheme)],
        "DynamicRoutes": [{"ServiceName": "orders", "DownstreamScheme": scheme}],
        "GlobalConfiguration": {"DownstreamScheme": scheme},
    }
    res = run(tmp_path, "ocelot-invalid-downstream-scheme", cfg)
    assert len(findings(res, "ocelot-invalid-downstream-scheme")) == 3 * n


@pytest.mark.parametrize("lb, n", [("leastconnection", 1), ("CookieStickySession", 1), ("NoLoadBalancer", 0), ("MyBalancer", 0)])
def test_load_balancer_type_in_route_and_global(tmp_path, lb, n):
    cfg = {"Routes": [route(LoadBalancerOptions={"Type": lb})], "GlobalConfiguration": {"LoadBalancerOptions": {"Type": lb}}}
    res = run(tmp_path, "ocelot-load-balancer-type-typo", cfg)
    assert len(findings(res, "ocelot-load-balancer-type-typo")) == 2 * n


# -- merged from tests/test_review_ocelot_positions.py: Review: every Ocelot rule keeps exact positions in a JSONC file (comments, trailing commas, lower-case keys, CRLF line ends), and the json rules report alongside the Ocelot rules.

TEXT = """\
// gateway configuration
{
  /* static routes */
  "routes": [
    {
      "upstreamPathTemplate": "/orders/{id}/{id}", // duplicate placeholder
      "downstreamPathTemplate": "/api/{id}/{Ref}",
      "downstreamScheme": "htp",
      "downstreamHostAndPorts": [ { "host": "", "port": 80, }, ],
      "upstreamHttpMethod": [ "get", "PSOT", ],
      "downstreamHttpVersion": "2.0.1",
      "rateLimitOptions": { "enableRateLimiting": true, "period": "1 minute", "limit": 0 },
      "qosOptions": { "minimumThroughput": 1, "breakDuration": 100 },
      "dangerousAcceptAnyServerCertificateValidator": true,
    },
    {
      "UpstreamPathTemplate": "/orders/{id}/{id}",
      "UpstreamHttpMethod": [ "GET" ],
      "DownstreamPathTemplate": "/b",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "b", "Port": 80 } ],
    },
  ],
  "aggregates": [ { "routeKeys": [ "nope" ], "upstreamPathTemplate": "/agg" } ],
}
"""

EXPECTED = [
    ("json-comments", 1, 1),
    ("json-comments", 3, 3),
    ("ocelot-duplicate-placeholder", 6, 45),
    ("json-comments", 6, 52),
    ("ocelot-placeholder-mismatch", 7, 44),
    ("ocelot-invalid-downstream-scheme", 8, 27),
    ("ocelot-missing-downstream-host", 9, 45),
    ("json-trailing-comma", 9, 59),
    ("json-trailing-comma", 9, 62),
    ("ocelot-invalid-http-verb", 10, 38),
    ("json-trailing-comma", 10, 44),
    ("ocelot-invalid-http-version", 11, 32),
    ("ocelot-invalid-rate-limit", 12, 67),
    ("ocelot-invalid-rate-limit", 12, 88),
    ("ocelot-qos-value-replaced", 13, 44),
    ("ocelot-qos-value-replaced", 13, 64),
    ("ocelot-dangerous-certificate", 14, 55),
    ("json-trailing-comma", 14, 59),
    ("ocelot-duplicate-placeholder", 17, 45),
    ("ocelot-duplicate-route", 17, 31),
    ("json-trailing-comma", 21, 64),
    ("json-trailing-comma", 22, 6),
    ("ocelot-aggregate-unknown-route-key", 24, 36),
    ("json-trailing-comma", 24, 80),
]


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_every_rule_at_its_exact_position_in_jsonc(tmp_path, eol):
    write_files(tmp_path, {"gw/ocelot.json": TEXT.replace("\n", eol)})
    res = lint(tmp_path, select=["ocelot", "json"], ocelot_version="24.1.0")  # QoS: a version that substitutes
    assert not res.internal_errors
    got = sorted((f.rule, f.line, f.col) for f in res.findings)
    assert got == sorted(EXPECTED)


# -- merged from tests/test_review_ocelot_routes.py: Review: Ocelot route-matching variants (priority order, file order).

def route_ocelot_routes(up: str, down: str = "/x", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": down,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "svc", "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def run_ocelot_routes(tmp_path, routes):
    write_files(tmp_path, {"ocelot.json": json.dumps({"Routes": routes}, indent=2)})
    res = lint(tmp_path, select=["ocelot-catch-all-shadowing"])
    assert not res.internal_errors
    return [(f.line, f.col) for f in res.findings], res


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
