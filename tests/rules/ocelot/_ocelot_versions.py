"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_versions.py): ``CENTRAL``, ``DEPRECATED_CFG``, ``JSONC``, ``PER_VERSION``, ``QOS_10MS``, ``VALIDATED``, ``VALIDATION_RULES``, ``configmap_versions``, ``csproj``, ``messages``, ``run_versions``, ``validation_files``."""
from __future__ import annotations

import json

from _ocelot_rules import route
from helpers import lint, write_files


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


def run_versions(tmp_path, files: dict, select, **settings):
    write_files(tmp_path, {k: (json.dumps(v, indent=2) if isinstance(v, dict) else v) for k, v in files.items()})
    res = lint(tmp_path, select=select, **settings)
    assert not res.internal_errors
    return res


def messages(res, rule):
    return [f.message for f in res.findings if f.rule == rule]


DEPRECATED_CFG = {
    "Routes": [
        route(
            FileCacheOptions={"TtlSeconds": 15},
            AuthenticationOptions={"AuthenticationProviderKey": "Bearer"},
            QoSOptions={"ExceptionsAllowedBeforeBreaking": 3, "DurationOfBreak": 5000},
        )
    ]
}


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


def configmap_versions(cfg: dict) -> str:
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
        return {"gw/Gw.csproj": csproj(version), "k8s/gw.yaml": configmap_versions(VALIDATED)}, {}
    if source == "unknown":
        return {"gw/ocelot.json": VALIDATED}, {}
    raise AssertionError(source)


PER_VERSION = {
    # 22: downstream duplicates are fine; "100ms" passes the validator and fails every request
    # (the headers convert the period even with Limit 0); Limit 0 turns limiting off
    "22.0.1": ["ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"],
    # 23.2: downstream duplicates rejected; the rest as 22
    "23.2.0": ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"],
    # 24.1: "100ms" is valid; Limit 0 is rejected at start-up
    "24.1.0": ["ocelot-duplicate-placeholder", "ocelot-invalid-rate-limit"],
}


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
