"""The version-aware Ocelot rules together (issue 10, family 1): the gateway's Ocelot version
read from its project files or the `ocelot-version` setting decides which start-up
validation rules apply; with no version known only what holds for every version is reported."""
from __future__ import annotations

import pytest

from helpers import locs, write_files
from ocelot_util import JSONC, PER_VERSION, VALIDATION_RULES, csproj, messages, route, run_versions, validation_files


def test_invalid_version_setting_is_a_configuration_error(tmp_path):
    write_files(tmp_path, {".okla-lint.yaml": "ocelot-version: twenty\n", "ocelot.json": "{}"})
    from click.testing import CliRunner

    from helpers import chdir
    from okla_lint.cli import cli

    with chdir(tmp_path):
        r = CliRunner().invoke(cli, ["check", "."])
    assert r.exit_code == 2
    assert "ocelot-version" in (r.stderr if hasattr(r, "stderr") else r.output)


@pytest.mark.parametrize("source", ["csproj", "central", "setting", "configmap"])
@pytest.mark.parametrize("version", sorted(PER_VERSION))
def test_validation_follows_the_version(tmp_path, source, version):
    files, settings = validation_files(source, version)
    res = run_versions(tmp_path, files, VALIDATION_RULES, **settings)
    assert sorted(f.rule for f in res.findings) == PER_VERSION[version], [f.message for f in res.findings]
    for f in res.findings:
        assert f"Ocelot {version}" in f.message, f.message
    if "ocelot-invalid-rate-limit" in PER_VERSION[version]:
        (m,) = messages(res, "ocelot-invalid-rate-limit")
        assert ("fails every request" in m) if version < "24" else ("'RateLimitOptions.Limit is negative or zero'" in m)


def test_validation_without_a_version(tmp_path):
    files, _ = validation_files("unknown", None)
    res = run_versions(tmp_path, files, VALIDATION_RULES)
    # the downstream duplicate and "100ms" are fine on some version: quiet; Limit 0 is a defect
    # on every version (never limited before 24.1, rejected from 24.1), so the warning says both
    assert locs(res) == ["gw/ocelot.json:16:18"]
    (m,) = messages(res, "ocelot-rate-limit-not-applied")
    assert "Ocelot before 24.1 never limits the route" in m and "Ocelot 24.1 and later rejects the configuration at start-up" in m


def test_validation_positions_in_configmap_copy(tmp_path):
    files, _ = validation_files("configmap", "24.1.0")
    res = run_versions(tmp_path, files, VALIDATION_RULES)
    assert sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings) == [
        ("ocelot-duplicate-placeholder", "k8s/gw.yaml:9:53"),
        ("ocelot-invalid-rate-limit", "k8s/gw.yaml:21:22"),
    ]


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
    res = run_versions(tmp_path, files, VALIDATION_RULES)
    assert sorted((f.rule, f.line, f.col) for f in res.findings) == expected


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
    res = run_versions(tmp_path, {"gw/Gw.csproj": csproj(version), "gw/ocelot.json": cfg}, VALIDATION_RULES)
    assert [f.rule for f in res.findings] == ([rule] if rule else []), [f.message for f in res.findings]


def test_rate_limiting_without_enable_is_on_from_24_1(tmp_path):
    cfg = {"Routes": [route(RateLimitOptions={"Period": "1 minute", "Limit": 5})]}
    for version, n in (("22.0.1", 0), ("24.1.0", 1), (None, 0)):
        files = {"gw/ocelot.json": cfg}
        if version:
            files["gw/Gw.csproj"] = csproj(version)
        res = run_versions(tmp_path / (version or "none"), files, VALIDATION_RULES)
        assert len(messages(res, "ocelot-invalid-rate-limit")) == n, version
