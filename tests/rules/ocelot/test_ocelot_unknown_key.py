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


# Custom properties (Ocelot 25.0, "Extend with Custom Properties"; Ocelot.Samples.Configuration):
# keys of a route, dynamic route, aggregate or GlobalConfiguration that the gateway's own code
# reads through IConfiguration are not dead settings.

CUSTOM_CFG = """\
{
  // a comment: the file is read by .NET's JSON provider
  "Routes": [
    {
      "UpstreamPathTemplate": "/weather/{city}",
      "DownstreamPathTemplate": "/w/{city}",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "weather", "Port": 80 } ],
      "DefaultCity": "Paris", "QoSOptions": { "DefaultCity": 1 },
      "CacheTtl": 5
    }
  ],
  "DynamicRoutes": [ { "ServiceName": "orders", "DefaultCountry": "UK" } ],
  "Aggregates": [ { "UpstreamPathTemplate": "/agg", "RouteKeys": [], "Defaults": {}, "FileCacheOptions": {} } ],
  "GlobalConfiguration": { "BaseUrl": "http://gw", "DefaultCities": [ "Dublin" ] }
}
"""
# line:col of each key in CUSTOM_CFG
DEFAULT_CITY, NESTED_CITY, CACHE_TTL = "9:7", "9:47", "10:7"
DEFAULT_COUNTRY, DEFAULTS, FILE_CACHE, CITIES = "13:49", "14:70", "14:86", "15:52"
PROGRAM_CS = """\
var routeWeather = builder.Configuration.OcelotRoute("/weather/{city}");
var city = builder.Configuration.OcelotProperty<string>("DefaultCity", routeWeather);
string[] cities = builder.Configuration.OcelotGlobalProperty<string[]>("DefaultCities");
var country = builder.Configuration["DynamicRoutes:0:defaultcountry"];
DefaultInfo d = builder.Configuration.OcelotAggregate("/agg").GetSection(nameof(Defaults)).Get<DefaultInfo>();
"""


def _unknown(tmp_path, files):
    res = run_versions(tmp_path, files, ["ocelot-unknown-key"])
    return sorted(f"{f.path}:{f.line}:{f.col}" for f in findings(res, "ocelot-unknown-key"))


def _at(path, *locs_):
    return sorted(f"{path}:{loc}" for loc in locs_)


def test_custom_properties_the_gateway_code_reads_are_not_reported(tmp_path):
    """Named in Program.cs (string, nameof, a configuration path, any case): quiet on all four
    levels; a key no code names (`CacheTtl`), a custom-looking key inside an options object,
    and an Ocelot key in the wrong object (`FileCacheOptions` in an aggregate) stay reported."""
    files = {"gw/Gw.csproj": csproj("25.0.0"), "gw/Program.cs": PROGRAM_CS, "gw/ocelot.json": CUSTOM_CFG}
    assert _unknown(tmp_path, files) == _at("gw/ocelot.json", NESTED_CITY, CACHE_TTL, FILE_CACHE)


def test_custom_properties_without_code_stay_reported(tmp_path):
    """No C# names them (a configuration-only copy, or code that never reads them): dead keys."""
    every = _at("gw/ocelot.json", DEFAULT_CITY, NESTED_CITY, CACHE_TTL, DEFAULT_COUNTRY, DEFAULTS, FILE_CACHE, CITIES)
    assert _unknown(tmp_path / "a", {"gw/ocelot.json": CUSTOM_CFG}) == every
    other = {"gw/Gw.csproj": csproj("25.0.0"), "gw/Program.cs": "var x = 1; // City, Country\n", "gw/ocelot.json": CUSTOM_CFG}
    assert _unknown(tmp_path / "b", other) == every


@pytest.mark.parametrize("version", ["18.0.0", "25.0.0", None])
def test_custom_properties_any_version_and_code_below_the_project(tmp_path, version):
    """Every version hands unknown keys to IConfiguration; the code may sit in a subfolder of
    the project (bin/ and obj/ are not read); the project may reference Ocelot's source (its
    own samples) rather than the package."""
    proj = csproj(version) if version else '<Project Sdk="Microsoft.NET.Sdk.Web"><ItemGroup><ProjectReference Include="../src/Ocelot.csproj" /></ItemGroup></Project>'
    files = {"gw/Gw.csproj": proj, "gw/Config/Helpers.cs": PROGRAM_CS, "gw/obj/Stale.cs": "CacheTtl\n",
             "gw/ocelot-configuration/ocelot.json": CUSTOM_CFG}
    assert _unknown(tmp_path, files) == _at("gw/ocelot-configuration/ocelot.json", NESTED_CITY, CACHE_TTL, FILE_CACHE)


def test_custom_properties_of_an_embedded_configuration_and_other_projects(tmp_path):
    """A configuration outside any project (a ConfigMap in k8s/) is read by the repository's
    Ocelot projects: their code decides; another project's code does not count for a file
    inside a project."""
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "".join(
        "    " + line + "\n" for line in CUSTOM_CFG.splitlines())
    other_cfg = '{\n  "Routes": [],\n  "GlobalConfiguration": { "DefaultCities": [] }\n}\n'
    files = {"gw/Gw.csproj": csproj("25.0.0"), "gw/Program.cs": PROGRAM_CS, "k8s/cm.yaml": cm,
             "other/Other.csproj": csproj("25.0.0"), "other/ocelot.json": other_cfg}
    # the ConfigMap: lines shifted by 5, columns by 4
    shifted = [f"k8s/cm.yaml:{int(loc.split(':')[0]) + 5}:{int(loc.split(':')[1]) + 4}" for loc in (NESTED_CITY, CACHE_TTL, FILE_CACHE)]
    assert _unknown(tmp_path, files) == sorted(shifted + ["other/ocelot.json:3:28"])


def test_custom_properties_crlf(tmp_path):
    files = {"gw/Gw.csproj": csproj("25.0.0"), "gw/Program.cs": PROGRAM_CS.replace("\n", "\r\n"),
             "gw/ocelot.json": CUSTOM_CFG.replace("\n", "\r\n")}
    assert _unknown(tmp_path, files) == _at("gw/ocelot.json", NESTED_CITY, CACHE_TTL, FILE_CACHE)
