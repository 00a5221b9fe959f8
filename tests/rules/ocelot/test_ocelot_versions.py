"""Issue 10, family 1: version-aware Ocelot rules. The gateway's Ocelot version is read from
its project files (PackageReference, Directory.Packages.props, $(Property)), or the
`ocelot-version` setting; QoS substitution, deprecated keys, keys a version does not read yet
and version-dependent start-up validation follow that version, and with no version known only
what holds for every version is reported."""
from __future__ import annotations

import json

import pytest

from helpers import lint, locs, write_files
from okla_lint.lib.ocelot.versions import parse_version
from test_ocelot_rules import route


def csproj(version: str | None = None, *, element: bool = False, extra: str = "") -> str:
    if version is None:
        ref = '<PackageReference Include="Ocelot" />'
    elif element:
        ref = f'<PackageReference Include="Ocelot">\n      <Version>{version}</Version>\n    </PackageReference>'
    else:
        ref = f'<PackageReference Include="Ocelot" Version="{version}" />'
    return (
        '<Project Sdk="Microsoft.NET.Sdk.Web">\n'
        f"  {extra}\n"
        "  <ItemGroup>\n"
        '    <PackageReference Include="Ocelot.Provider.Polly" Version="99.0.0" />\n'
        f"    {ref}\n"
        "  </ItemGroup>\n"
        "</Project>\n"
    )


QOS_10MS = {"Routes": [route(QoSOptions={"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 10, "TimeoutValue": 5000})]}


def run(tmp_path, files: dict, select, **settings):
    write_files(tmp_path, {k: (json.dumps(v, indent=2) if isinstance(v, dict) else v) for k, v in files.items()})
    res = lint(tmp_path, select=select, **settings)
    assert not res.internal_errors
    return res


def messages(res, rule):
    return [f.message for f in res.findings if f.rule == rule]


# -- reading the version -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lo, hi",
    [
        ("22.0.1", (22, 0, 1), (22, 0, 1)),
        ("24.1", (24, 1, 0), (24, 1, 0)),
        ("23.*", (23, 0, 0), (23, 999, 999)),
        ("23.3.*", (23, 3, 0), (23, 3, 999)),
        ("[23.2.0, 24.0)", (23, 2, 0), (23, 2, 0)),
        ("25.0.0-beta.4", (25, 0, 0), (25, 0, 0)),
    ],
)
def test_nuget_versions(text, lo, hi):
    v = parse_version(text, "x")
    assert (v.lo, v.hi) == (lo, hi)


@pytest.mark.parametrize("text", ["", "*", "(,24.0]", "$(Unresolved)", "latest"])
def test_versions_that_say_nothing(text):
    assert parse_version(text, "x") is None


@pytest.mark.parametrize(
    "files",
    [
        # attribute, beside the configuration
        {"gw/Gw.csproj": csproj("24.1.0"), "gw/ocelot.json": QOS_10MS},
        # <Version> element, project one folder up (configuration in a subfolder)
        {"gw/Gw.csproj": csproj("24.1.0", element=True), "gw/config/ocelot.json": QOS_10MS},
        # central package management
        {
            "Directory.Packages.props": '<Project><ItemGroup><PackageVersion Include="Ocelot" Version="24.1.0" /></ItemGroup></Project>',
            "src/gw/Gw.csproj": csproj(None),
            "src/gw/ocelot.json": QOS_10MS,
        },
        # an MSBuild property from Directory.Build.props
        {
            "Directory.Build.props": "<Project><PropertyGroup><OcelotVersion>24.1.0</OcelotVersion></PropertyGroup></Project>",
            "gw/Gw.csproj": csproj("$(OcelotVersion)"),
            "gw/ocelot.json": QOS_10MS,
        },
        # VersionOverride wins over the central version
        {
            "Directory.Packages.props": '<Project><ItemGroup><PackageVersion Include="Ocelot" Version="22.0.1" /></ItemGroup></Project>',
            "gw/Gw.csproj": '<Project><ItemGroup><PackageReference Include="Ocelot" VersionOverride="24.1.0" /></ItemGroup></Project>',
            "gw/ocelot.json": QOS_10MS,
        },
        # a ConfigMap copy outside any project: the version every Ocelot project agrees on
        {
            "gw/Gw.csproj": csproj("24.1.0"),
            "k8s/gateway.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n"
            + "\n".join("    " + line for line in json.dumps(QOS_10MS, indent=2).splitlines())
            + "\n",
        },
    ],
    ids=["attribute", "element-up-the-tree", "central", "property", "version-override", "configmap"],
)
def test_version_sources(tmp_path, files):
    res = run(tmp_path, files, ["ocelot-qos-value-replaced"])
    msgs = messages(res, "ocelot-qos-value-replaced")
    assert len(msgs) == 1 and "Ocelot 24.1" in msgs[0], msgs


@pytest.mark.parametrize(
    "files",
    [
        {"gw/Gw.csproj": csproj("22.0.1"), "gw/ocelot.json": QOS_10MS},
        # the commented-out reference is not read; the real one says 22
        {"gw/Gw.csproj": csproj("22.0.1", extra='<!-- <PackageReference Include="Ocelot" Version="24.1.0" /> -->'), "gw/ocelot.json": QOS_10MS},
        # no project at all: the version is unknown, Polly v7 would take 10 ms as written
        {"ocelot.json": QOS_10MS},
        # two gateways that disagree: a ConfigMap outside both gets no version
        {
            "a/A.csproj": csproj("24.1.0"),
            "b/B.csproj": csproj("22.0.1"),
            "k8s/gateway.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n"
            + "\n".join("    " + line for line in json.dumps(QOS_10MS, indent=2).splitlines())
            + "\n",
        },
        # a floating version that straddles the change
        {"gw/Gw.csproj": csproj("2*"), "gw/ocelot.json": QOS_10MS},
    ],
    ids=["polly-v7", "commented-reference", "no-project", "disagreeing-projects", "unparsable"],
)
def test_no_qos_finding_without_a_version_that_substitutes(tmp_path, files):
    res = run(tmp_path, files, ["ocelot-qos-value-replaced"])
    assert messages(res, "ocelot-qos-value-replaced") == []


def test_setting_overrides_the_project(tmp_path):
    files = {"gw/Gw.csproj": csproj("22.0.1"), "gw/ocelot.json": QOS_10MS}
    res = run(tmp_path, files, ["ocelot-qos-value-replaced"], ocelot_version="24.1.0")
    msgs = messages(res, "ocelot-qos-value-replaced")
    assert len(msgs) == 1 and "the `ocelot-version` setting" in msgs[0]


def test_setting_in_the_configuration_file(tmp_path):
    files = {".okla-lint.yaml": 'ocelot-version: "24.1"\nselect: [ocelot-qos-value-replaced]\n', "ocelot.json": QOS_10MS}
    write_files(tmp_path, {k: (json.dumps(v) if isinstance(v, dict) else v) for k, v in files.items()})
    from click.testing import CliRunner

    from helpers import chdir
    from okla_lint.cli import cli

    with chdir(tmp_path):
        r = CliRunner().invoke(cli, ["check", "--format", "json", "."])
    found = json.loads(r.stdout)["findings"]
    assert [f["rule"] for f in found] == ["ocelot-qos-value-replaced"]


def test_invalid_version_setting_is_a_configuration_error(tmp_path):
    write_files(tmp_path, {".okla-lint.yaml": "ocelot-version: twenty\n", "ocelot.json": "{}"})
    from click.testing import CliRunner

    from helpers import chdir
    from okla_lint.cli import cli

    with chdir(tmp_path):
        r = CliRunner().invoke(cli, ["check", "."])
    assert r.exit_code == 2
    assert "ocelot-version" in (r.stderr if hasattr(r, "stderr") else r.output)


# -- QoS per version -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version, qos, expected",
    [
        # 24.1 and later: substituted, logged
        ("24.1.0", {"ExceptionsAllowedBeforeBreaking": 1}, ["uses 100 failures"]),
        ("25.0.0", {"MinimumThroughput": 5, "BreakDuration": 100}, ["breaks for 5000 ms"]),
        ("24.1.0", {"MinimumThroughput": 5, "FailureRatio": 1}, ["uses 0.1"]),  # (0, 1): 1 is out
        ("24.1.0", {"Timeout": 5}, ["times out after 30000 ms"]),
        # 23.3 to 24.0: breaker only from 2, short break replaced silently, timeout rejected by Polly
        ("23.3.6", {"ExceptionsAllowedBeforeBreaking": 1, "DurationOfBreak": 10000}, ["no circuit breaker at all"]),
        ("24.0.1", {"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 10}, ["without any log"]),
        ("24.0.0", {"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 500}, ["without any log"]),
        ("23.4.3", {"TimeoutValue": 5}, ["every request on this route fails"]),
        ("23.4.3", {"TimeoutValue": 10}, []),
        # 23.2: Polly v8 without guards
        ("23.2.2", {"ExceptionsAllowedBeforeBreaking": 1, "DurationOfBreak": 10000}, ["every request on this route fails"]),
        ("23.2.0", {"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 10}, ["every request on this route fails"]),
        # Polly v7: as written
        ("23.1.0", {"ExceptionsAllowedBeforeBreaking": 1, "DurationOfBreak": 10, "TimeoutValue": 1}, []),
        ("18.0.0", {"ExceptionsAllowedBeforeBreaking": 1, "DurationOfBreak": 10}, []),
        # keys a version does not read are not evaluated (ocelot-unknown-key reports them)
        ("22.0.1", {"MinimumThroughput": 1, "BreakDuration": 10}, []),
        ("23.3.0", {"MinimumThroughput": 1, "BreakDuration": 10}, []),
    ],
)
def test_qos_per_version(tmp_path, version, qos, expected):
    res = run(tmp_path, {"gw/Gw.csproj": csproj(version), "gw/ocelot.json": {"Routes": [route(QoSOptions=qos)]}}, ["ocelot-qos-value-replaced"])
    msgs = messages(res, "ocelot-qos-value-replaced")
    assert len(msgs) == len(expected), msgs
    for m, e in zip(msgs, expected):
        assert e in m and f"Ocelot {version}" in m


def test_qos_in_global_configuration_and_dynamic_routes(tmp_path):
    cfg = {
        "Routes": [],
        "DynamicRoutes": [{"ServiceName": "orders", "QoSOptions": {"MinimumThroughput": 1}}],
        "GlobalConfiguration": {"QoSOptions": {"TimeoutValue": 3}},
    }
    res = run(tmp_path, {"gw/Gw.csproj": csproj("24.1.0"), "gw/ocelot.json": cfg}, ["ocelot-qos-value-replaced"])
    assert locs(res, "ocelot-qos-value-replaced") == ["gw/ocelot.json:13:23", "gw/ocelot.json:7:30"]


# -- deprecated keys per version -----------------------------------------------------------------

DEPRECATED_CFG = {
    "Routes": [
        route(
            FileCacheOptions={"TtlSeconds": 15},
            AuthenticationOptions={"AuthenticationProviderKey": "Bearer"},
            QoSOptions={"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 5000},
        )
    ]
}


@pytest.mark.parametrize(
    "version, keys",
    [
        ("22.0.1", []),  # no replacement exists: nothing to change
        ("23.3.6", ["AuthenticationProviderKey"]),  # AuthenticationProviderKeys exists since 23.0
        ("24.1.0", ["AuthenticationProviderKey", "DurationOfBreak", "ExceptionsAllowedBeforeBreaking", "FileCacheOptions"]),
        (None, ["AuthenticationProviderKey", "DurationOfBreak", "ExceptionsAllowedBeforeBreaking", "FileCacheOptions"]),
    ],
)
def test_deprecated_keys_per_version(tmp_path, version, keys):
    files = {"gw/ocelot.json": DEPRECATED_CFG}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run(tmp_path, files, ["ocelot-deprecated-key"])
    found = sorted(m.split(" is deprecated", 1)[0].rsplit(".", 1)[1] for m in messages(res, "ocelot-deprecated-key"))
    assert found == keys
    for m in messages(res, "ocelot-deprecated-key"):
        assert "nothing breaks today" in m and "removed in 25.0" not in m


def test_deprecated_key_is_advice_off_by_default(tmp_path):
    res = run(tmp_path, {"gw/Gw.csproj": csproj("24.1.0"), "gw/ocelot.json": DEPRECATED_CFG}, None)
    assert messages(res, "ocelot-deprecated-key") == []


# -- keys the gateway's version does not read yet ---------------------------------------------


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
    res = run(tmp_path, files, ["ocelot-unknown-key"])
    msgs = messages(res, "ocelot-unknown-key")
    assert len(msgs) == len(expected), msgs
    for m, key in zip(sorted(msgs, key=lambda m: [k in m for k in expected].index(True)), expected):
        assert f".{key} is not read by the gateway's Ocelot {version}" in m


def test_old_spelling_is_suggested(tmp_path):
    cfg = {"Routes": [route(QoSOptions={"MinimumThroughput": 3})]}
    res = run(tmp_path, {"gw/Gw.csproj": csproj("22.0.1"), "gw/ocelot.json": cfg}, ["ocelot-unknown-key"])
    (m,) = messages(res, "ocelot-unknown-key")
    assert "write ExceptionsAllowedBeforeBreaking instead" in m and "(gw/Gw.csproj)" in m


# -- route settings at the top level of an ocelot*.json file (family 13) ------------------------


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
    res = run(tmp_path, {f"gw/{name}": cfg}, ["ocelot-unknown-key"])
    assert locs(res, "ocelot-unknown-key") == expected
    for m in messages(res, "ocelot-unknown-key"):
        assert "at the top level" in m and "move it" in m


def test_route_settings_at_the_top_level_of_a_configmap_copy(tmp_path):
    text = json.dumps({"Routes": [route()], "QoSOptions": {"TimeoutValue": 5000}}, indent=2)
    manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "\n".join("    " + x for x in text.splitlines()) + "\n"
    res = run(tmp_path, {"k8s/gw.yaml": manifest}, ["ocelot-unknown-key"])
    assert locs(res, "ocelot-unknown-key") == ["k8s/gw.yaml:20:7"]


# -- start-up validation per version: duplicate placeholders, rate limits (issue 10, family 1) --

VALIDATED = {
    "Routes": [
        route(
            UpstreamPathTemplate="/orders/{id}",
            DownstreamPathTemplate="/api/{id}/copy/{id}",
            RateLimitOptions={"EnableRateLimiting": True, "Period": "100ms", "Limit": 0},
        )
    ]
}
VALIDATION_RULES = ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"]
CENTRAL = '<Project><ItemGroup><PackageVersion Include="Ocelot" Version="{v}" /></ItemGroup></Project>'


def configmap(cfg: dict) -> str:
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gw}\ndata:\n  ocelot.json: |\n" + "\n".join(
        "    " + line for line in json.dumps(cfg, indent=2).splitlines()
    ) + "\n"


def validation_files(source: str, version: str | None) -> tuple[dict, dict]:
    """(files, settings) that give the gateway ``version`` through ``source``."""
    if source == "csproj":
        return {"gw/Gw.csproj": csproj(version), "gw/ocelot.json": VALIDATED}, {}
    if source == "central":
        return {"Directory.Packages.props": CENTRAL.format(v=version), "src/gw/Gw.csproj": csproj(None), "src/gw/ocelot.json": VALIDATED}, {}
    if source == "setting":
        return {"gw/Gw.csproj": csproj("18.0.0"), "gw/ocelot.json": VALIDATED}, {"ocelot_version": version}
    if source == "configmap":
        return {"gw/Gw.csproj": csproj(version), "k8s/gw.yaml": configmap(VALIDATED)}, {}
    if source == "unknown":
        return {"gw/ocelot.json": VALIDATED}, {}
    raise AssertionError(source)


# what each version does with VALIDATED: downstream {id} twice, "100ms", Limit 0
PER_VERSION = {
    # 22: downstream duplicates are fine; "100ms" passes the validator and fails every request
    # (the headers convert the period even with Limit 0); Limit 0 turns limiting off
    "22.0.1": ["ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"],
    # 23.2: downstream duplicates rejected; the rest as 22
    "23.2.0": ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"],
    # 24.1: "100ms" is valid; Limit 0 is rejected at start-up
    "24.1.0": ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit"],
}


@pytest.mark.parametrize("source", ["csproj", "central", "setting", "configmap"])
@pytest.mark.parametrize("version", sorted(PER_VERSION))
def test_validation_follows_the_version(tmp_path, source, version):
    files, settings = validation_files(source, version)
    res = run(tmp_path, files, VALIDATION_RULES, **settings)
    assert sorted(f.rule for f in res.findings) == PER_VERSION[version], [f.message for f in res.findings]
    for f in res.findings:
        assert f"Ocelot {version}" in f.message, f.message
    if "ocelot-invalid-rate-limit" in PER_VERSION[version]:
        (m,) = messages(res, "ocelot-invalid-rate-limit")
        assert ("fails every request" in m) if version < "24" else ("'RateLimitOptions.Limit is negative or zero'" in m)


def test_validation_without_a_version(tmp_path):
    files, _ = validation_files("unknown", None)
    res = run(tmp_path, files, VALIDATION_RULES)
    # the downstream duplicate and "100ms" are fine on some version: quiet; Limit 0 is a defect
    # on every version (never limited before 24.1, rejected from 24.1), so the warning says both
    assert locs(res) == ["gw/ocelot.json:16:18"]
    (m,) = messages(res, "ocelot-rate-limit-not-applied")
    assert "Ocelot before 24.1 never limits the route" in m and "Ocelot 24.1 and later rejects the configuration at start-up" in m


def test_validation_positions_in_configmap_copy(tmp_path):
    files, _ = validation_files("configmap", "24.1.0")
    res = run(tmp_path, files, VALIDATION_RULES)
    assert sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings) == [
        ("ocelot-duplicate-placeholder", "k8s/gw.yaml:9:53"),
        ("ocelot-invalid-rate-limit", "k8s/gw.yaml:21:22"),
    ]


JSONC = """\
// the gateway's routes
{
  "Routes": [
    {
      "UpstreamPathTemplate": "/orders/{id}/{id}", // rejected by every version
      "DownstreamPathTemplate": "/api/{id}/{id}", /* from 23.2 */
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "orders", "Port": 80 } ],
      "RateLimitOptions": { "EnableRateLimiting": true, "Period": "1.5s", "Limit": 5 }, // 24.1+
    },
  ],
}
"""


@pytest.mark.parametrize(
    "version, expected",
    [
        (None, [("ocelot-duplicate-placeholder", 5, 45)]),
        ("23.1.0", [("ocelot-duplicate-placeholder", 5, 45), ("ocelot-invalid-rate-limit", 9, 67)]),
        ("23.2.2", [("ocelot-duplicate-placeholder", 5, 45), ("ocelot-duplicate-placeholder", 6, 44), ("ocelot-invalid-rate-limit", 9, 67)]),
        ("24.1.0", [("ocelot-duplicate-placeholder", 5, 45), ("ocelot-duplicate-placeholder", 6, 44)]),
    ],
)
@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_validation_positions_in_json_with_comments(tmp_path, version, expected, eol):
    files = {"gw/ocelot.json": JSONC.replace("\n", eol)}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run(tmp_path, files, VALIDATION_RULES)
    assert sorted((f.rule, f.line, f.col) for f in res.findings) == expected


@pytest.mark.parametrize(
    "version, template, n",
    [
        # before 23.2 a placeholder is {[^}]+}: {x-y} counts; from 23.2 \{\w+\}: it does not
        ("22.0.1", "/o/{x-y}/{x-y}", 1),
        ("24.1.0", "/o/{x-y}/{x-y}", 0),
        (None, "/o/{x-y}/{x-y}", 0),
        # names are compared as written: {Id} and {id} are two placeholders in every version
        (None, "/o/{Id}/{id}", 0),
        (None, "/o/{everything}/x/{everything}", 1),
    ],
)
def test_upstream_placeholder_pattern_per_version(tmp_path, version, template, n):
    files = {"gw/ocelot.json": {"Routes": [route(UpstreamPathTemplate=template, DownstreamPathTemplate="/x")]}}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run(tmp_path, files, ["ocelot-duplicate-placeholder"])
    assert len(messages(res, "ocelot-duplicate-placeholder")) == n


@pytest.mark.parametrize(
    "version, period, rule",
    [
        ("22.0.1", "1.5s", "ocelot-invalid-rate-limit"),  # start-up: ^[0-9]+s
        ("24.1.0", "1.5s", None),
        ("22.0.1", "0s", "ocelot-invalid-rate-limit"),  # zero cache expiration: 500 on every request
        ("24.1.0", "0s", "ocelot-rate-limit-not-applied"),  # empty window: never limited
        ("22.0.1", " 1s", "ocelot-invalid-rate-limit"),  # not trimmed before 23.0: start-up
        ("23.0.0", " 1s", None),  # trimmed by the validator, parsed by double.Parse
        ("23.0.0", "1s ", "ocelot-invalid-rate-limit"),  # ' ' is no unit at request time
        ("24.1.0", "1s ", None),
        ("24.1.0", "1min", "ocelot-invalid-rate-limit"),  # unknown unit 'min' at request time
        ("2*", "100ms", None),  # a range across 24.1: only what holds for all of it
    ],
)
def test_rate_limit_period_per_version(tmp_path, version, period, rule):
    cfg = {"Routes": [route(RateLimitOptions={"EnableRateLimiting": True, "Period": period, "Limit": 5})]}
    res = run(tmp_path, {"gw/Gw.csproj": csproj(version), "gw/ocelot.json": cfg}, VALIDATION_RULES)
    assert [f.rule for f in res.findings] == ([rule] if rule else []), [f.message for f in res.findings]


def test_rate_limiting_without_enable_is_on_from_24_1(tmp_path):
    cfg = {"Routes": [route(RateLimitOptions={"Period": "1 minute", "Limit": 5})]}
    for version, n in (("22.0.1", 0), ("24.1.0", 1), (None, 0)):
        files = {"gw/ocelot.json": cfg}
        if version:
            files["gw/Gw.csproj"] = csproj(version)
        res = run(tmp_path / (version or "none"), files, VALIDATION_RULES)
        assert len(messages(res, "ocelot-invalid-rate-limit")) == n, version


# -- the other version-dependent validation (audit of every Ocelot rule) -------------------------


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
    res = run(tmp_path, files, ["ocelot-duplicate-route"])
    assert locs(res, "ocelot-duplicate-route") == expected
    for m in messages(res, "ocelot-duplicate-route"):
        assert "reads them from 23.3 on" in m and f"Ocelot {version}" in m


@pytest.mark.parametrize(
    "version, n, text",
    [
        ("23.2.0", 0, None),  # the key is not read (ocelot-unknown-key reports that)
        ("24.1.0", 1, "the gateway's Ocelot 24.1.0"),
        (None, 1, "23.3 and later, the versions that read the key"),
    ],
)
def test_http_version_policy_per_version(tmp_path, version, n, text):
    files = {"gw/ocelot.json": {"Routes": [route(DownstreamHttpVersionPolicy="RequestVersionorHigher")]}}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run(tmp_path, files, ["ocelot-invalid-http-version"])
    msgs = messages(res, "ocelot-invalid-http-version")
    assert len(msgs) == n and all(text in m for m in msgs)


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
    res = run(tmp_path, files, ["ocelot-legacy-reroutes"])
    msgs = messages(res, "ocelot-legacy-reroutes")
    assert len(msgs) == len(expected), msgs
    for m, e in zip(sorted(msgs), sorted(expected)):
        assert e in m, m


@pytest.mark.parametrize(
    "version, up, down, expected",
    [
        # 23.2.0 and 23.2.1 reject templates whose placeholders differ, in either direction
        ("23.2.1", "/api/{version}/orders/{id}", "/orders/{id}", ["gw/ocelot.json:12:37"]),
        ("23.2.0", "/orders/{id}", "/orders/{id}/{tenant}", ["gw/ocelot.json:4:47"]),
        # 23.2.2 removed the check; other versions: only a downstream placeholder nobody fills
        ("23.2.2", "/api/{version}/orders/{id}", "/orders/{id}", []),
        (None, "/api/{version}/orders/{id}", "/orders/{id}", []),
        (None, "/orders/{id}", "/orders/{id}/{tenant}", ["gw/ocelot.json:4:47"]),
    ],
)
def test_placeholder_mismatch_per_version(tmp_path, version, up, down, expected):
    files = {"gw/ocelot.json": {"Routes": [route(UpstreamPathTemplate=up, DownstreamPathTemplate=down)]}}
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run(tmp_path, files, ["ocelot-placeholder-mismatch"])
    assert locs(res, "ocelot-placeholder-mismatch") == expected
    if version in ("23.2.0", "23.2.1"):
        for m in messages(res, "ocelot-placeholder-mismatch"):
            assert "only 23.2.0 and 23.2.1 check this" in m


def test_legacy_names_with_the_version_of_the_only_gateway_project(tmp_path):
    # eShopOnContainers' layout: the configurations live beside the BFFs, the one Ocelot project
    # (Ocelot 12.0.1) elsewhere; every project agrees, so that is the version they run on
    files = {
        "src/ApiGateways/ApiGw-Base/OcelotApiGw.csproj": csproj("12.0.1"),
        "src/ApiGateways/Web.Bff.Shopping/apigw/configuration.json": {"ReRoutes": [route()], "GlobalConfiguration": {}},
    }
    res = run(tmp_path, files, ["ocelot-legacy-reroutes"])
    assert messages(res, "ocelot-legacy-reroutes") == []
    files["src/ApiGateways/ApiGw-Base/OcelotApiGw.csproj"] = csproj("16.0.1")
    res = run(tmp_path, files, ["ocelot-legacy-reroutes"])
    assert locs(res, "ocelot-legacy-reroutes") == ["src/ApiGateways/Web.Bff.Shopping/apigw/configuration.json:2:3"]


@pytest.mark.parametrize("version, n", [("23.2.2", 1), ("23.3.0", 0), (None, 0)])
def test_merged_duplicate_route_header_templates_per_version(tmp_path, version, n):
    # two fragments AddOcelot merges: the same route told apart only by its header templates
    files = {
        "gw/ocelot.a.json": {"Routes": [route(UpstreamHeaderTemplates={"X-Tenant": "a"})]},
        "gw/ocelot.b.json": {"Routes": [route(UpstreamHeaderTemplates={"X-Tenant": "b"})]},
    }
    if version:
        files["gw/Gw.csproj"] = csproj(version)
    res = run(tmp_path, files, ["ocelot-duplicate-route"])
    msgs = messages(res, "ocelot-duplicate-route")
    assert len(msgs) == n and all("reads them from 23.3 on" in m for m in msgs)


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
    res = run(tmp_path, files, ["ocelot-catch-all-shadowing"])
    assert len(messages(res, "ocelot-catch-all-shadowing")) == n
