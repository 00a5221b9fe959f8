"""What `ocelot-qos-value-replaced` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import json

import pytest

from helpers import locs, write_files
from ocelot_util import QOS_10MS, csproj, findings, messages, route, run_config, run_versions


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
    res = run_config(tmp_path, "ocelot-qos-value-replaced", {"Routes": [route(QoSOptions=qos)]}, ocelot_version="24.1.0")
    assert len(findings(res, "ocelot-qos-value-replaced")) == n


def test_qos_in_global_configuration(tmp_path):
    res = run_config(tmp_path, "ocelot-qos-value-replaced", {"Routes": [], "GlobalConfiguration": {"QoSOptions": {"TimeoutValue": 3}}}, ocelot_version="24.1")
    assert len(findings(res, "ocelot-qos-value-replaced")) == 1


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
    res = run_versions(tmp_path, files, ["ocelot-qos-value-replaced"])
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
    res = run_versions(tmp_path, files, ["ocelot-qos-value-replaced"])
    assert messages(res, "ocelot-qos-value-replaced") == []


def test_setting_overrides_the_project(tmp_path):
    files = {"gw/Gw.csproj": csproj("22.0.1"), "gw/ocelot.json": QOS_10MS}
    res = run_versions(tmp_path, files, ["ocelot-qos-value-replaced"], ocelot_version="24.1.0")
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
    res = run_versions(tmp_path, {"gw/Gw.csproj": csproj(version), "gw/ocelot.json": {"Routes": [route(QoSOptions=qos)]}}, ["ocelot-qos-value-replaced"])
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
    res = run_versions(tmp_path, {"gw/Gw.csproj": csproj("24.1.0"), "gw/ocelot.json": cfg}, ["ocelot-qos-value-replaced"])
    assert locs(res, "ocelot-qos-value-replaced") == ["gw/ocelot.json:13:23", "gw/ocelot.json:7:30"]
