"""What `ocelot-unknown-key` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import json

import pytest

from helpers import lint, locs, write_files
from ocelot_util import CM_EMBEDDED, ROUTE, configmap_embedded_copy, csproj, findings, messages, route, run_config, run_versions


def test_unknown_key_suggestion_and_case_insensitive_match(tmp_path):
    cfg = {"routes": [route(upstreamhttpmethod=["Get"], DownstreamHostAndPort=[{"Host": "x", "Port": 1}])]}
    res = run_config(tmp_path, "ocelot-unknown-key", cfg)
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
    res = run_config(tmp_path, "ocelot-unknown-key", cfg)
    msgs = [f.message for f in findings(res, "ocelot-unknown-key")]
    assert any(f"did you mean {expected!r}" in m for m in msgs), msgs


def test_route_key_in_global_configuration_is_explained(tmp_path):
    res = run_config(tmp_path, "ocelot-unknown-key", {"Routes": [], "GlobalConfiguration": {"UpstreamHttpMethod": ["GET"]}})
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
    res = run_config(tmp_path, "ocelot-unknown-key", cfg)
    assert findings(res, "ocelot-unknown-key") == []


def test_bom_and_crlf_positions(tmp_path):
    text = '\ufeff{\r\n  "Routes": [\r\n    { "DownstreamPathTemplate": "/a", "DownstreamScheme": "http",\r\n      "DownstreamHostAndPorts": [{ "Host": "a", "Port": 80 }], "UpstreamPathTemplate": "/a", "Prority": 2 }\r\n  ]\r\n}\r\n'
    res = run_config(tmp_path, "ocelot-unknown-key", None, raw=text)
    assert locs(res, "ocelot-unknown-key") == ["ocelot.json:4:94"]


@pytest.mark.parametrize(
    "version, cfg, expected",
    [
        ("22.0.1", {"Routes": [route(QoSOptions={"MinimumThroughput": 3, "BreakDuration": 5000})]}, ["MinimumThroughput", "BreakDuration"]),
        ("22.0.1", {"Routes": [route(CacheOptions={"TtlSeconds": 5})]}, ["CacheOptions"]),
        ("22.0.1", {"Routes": [route(AuthenticationOptions={"AuthenticationProviderKeys": ["Bearer"]})]}, ["AuthenticationProviderKeys"]),
        ("23.2.0", {"Routes": [route(UpstreamHeaderTemplates={"X-Tenant": "{tenant}"})]}, ["UpstreamHeaderTemplates"]),
        ("23.4.0", {"Routes": [], "GlobalConfiguration": {"SecurityOptions": {"IPBlockedList": ["1.2.3.4"]}}}, ["SecurityOptions"]),
        # before 24.1 the route and global rate-limit options had disjoint keys
        ("22.0.1", {"Routes": [route(RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Limit": 5, "QuotaExceededMessage": "slow down"})]}, ["QuotaExceededMessage"]),
        ("22.0.1", {"Routes": [], "GlobalConfiguration": {"RateLimitOptions": {"Period": "1s", "HttpStatusCode": 429}}}, ["Period"]),
        ("22.0.1", {"Routes": [], "DynamicRoutes": [{"ServiceName": "orders", "DownstreamScheme": "http"}]}, ["DownstreamScheme"]),
        # read by these versions: quiet
        ("24.1.0", {"Routes": [route(QoSOptions={"MinimumThroughput": 3}, CacheOptions={"TtlSeconds": 5}, RateLimitOptions={"QuotaMessage": "x"})]}, []),
        ("23.0.0", {"Routes": [route(AuthenticationOptions={"AuthenticationProviderKeys": ["Bearer"]})]}, []),
        (None, {"Routes": [route(QoSOptions={"MinimumThroughput": 3})]}, []),
        ("2*", {"Routes": [route(QoSOptions={"MinimumThroughput": 3})]}, []),
    ],
)
def test_keys_not_read_by_the_gateway_version(tmp_path, version, cfg, expected):
    files = {"gw/ocelot.json": cfg}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run_versions(tmp_path, files, ["ocelot-unknown-key"])
    msgs = messages(res, "ocelot-unknown-key")
    assert len(msgs) == len(expected), msgs
    for m, key in zip(sorted(msgs, key=lambda m: [k in m for k in expected].index(True)), expected):
        assert f".{key} is not read by the gateway's Ocelot {version}" in m


def test_old_spelling_is_suggested(tmp_path):
    cfg = {"Routes": [route(QoSOptions={"MinimumThroughput": 3})]}
    res = run_versions(tmp_path, {"gw/Gw.csproj": csproj("22.0.1"), "gw/ocelot.json": cfg}, ["ocelot-unknown-key"])
    (m,) = messages(res, "ocelot-unknown-key")
    assert "write ExceptionsAllowedBeforeBreaking instead" in m and "(gw/Gw.csproj)" in m


@pytest.mark.parametrize(
    "name, cfg, expected",
    [
        ("ocelot.orders.json", {"Routes": [route()], "RateLimitOptions": {"EnableRateLimiting": True}}, ["gw/ocelot.orders.json:15:3"]),
        ("ocelot.json", {"QoSOptions": {"TimeoutValue": 5000}, "Routes": [route()]}, ["gw/ocelot.json:2:3"]),
        ("ocelot.global.json", {"GlobalConfiguration": {}, "BaseUrl": "https://gw"}, ["gw/ocelot.global.json:3:3"]),
        ("ocelot.json", {"Routes": [route()], "DownstreamScheme": "https", "AuthenticationOptions": {}}, ["gw/ocelot.json:15:3", "gw/ocelot.json:16:3"]),
        # another library's section in appsettings.json, unknown keys and comments: quiet
        ("appsettings.json", {"Routes": [route()], "RateLimitOptions": {"x": 1}}, []),
        ("ocelot.json", {"Routes": [route()], "Logging": {}, "_comment": "x", "$schema": "y"}, []),
    ],
)
def test_route_settings_at_the_top_level(tmp_path, name, cfg, expected):
    res = run_versions(tmp_path, {f"gw/{name}": cfg}, ["ocelot-unknown-key"])
    assert locs(res, "ocelot-unknown-key") == expected
    for m in messages(res, "ocelot-unknown-key"):
        assert "at the top level" in m and "move it" in m


def test_route_settings_at_the_top_level_of_a_configmap_copy(tmp_path):
    text = json.dumps({"Routes": [route()], "QoSOptions": {"TimeoutValue": 5000}}, indent=2)
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "\n".join("    " + x for x in text.splitlines()) + "\n"
    res = run_versions(tmp_path, {"k8s/gw.yaml": manifest}, ["ocelot-unknown-key"])
    assert locs(res, "ocelot-unknown-key") == ["k8s/gw.yaml:20:7"]


def test_rules_can_be_selected_one_by_one(tmp_path):
    write_files(tmp_path, {"k8s/gateway-config.yaml": CM_EMBEDDED})
    res = lint(tmp_path, select=["ocelot-unknown-key"])
    assert locs(res) == ["k8s/gateway-config.yaml:15:11"]


def test_json_and_sarif_carry_the_copy(tmp_path):
    from click.testing import CliRunner

    from helpers import chdir
    from okla_lint.cli import cli

    text = json.dumps({"Routes": [ROUTE]}, indent=2)
    write_files(tmp_path, {"gw/ocelot.json": text, "k8s/gw.yaml": configmap_embedded_copy("gateway", "ocelot.json", text)})
    with chdir(tmp_path):
        js = CliRunner().invoke(cli, ["check", "--select", "ocelot-unknown-key", "--format", "json", "."]).stdout
        sarif = CliRunner().invoke(cli, ["check", "--select", "ocelot-unknown-key", "--format", "sarif", "."]).stdout
    (f,) = json.loads(js)["findings"]
    assert f["related"][0]["path"] == "k8s/gw.yaml"
    (res,) = json.loads(sarif)["runs"][0]["results"]
    assert res["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("k8s/gw.yaml")
