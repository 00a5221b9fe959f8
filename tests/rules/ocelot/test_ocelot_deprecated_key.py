"""What `ocelot-deprecated-key` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import DEPRECATED_CFG, csproj, findings, messages, route, run_config, run_versions


def test_deprecated_keys_name_the_replacement(tmp_path):
    cfg = {
        "Routes": [route(RateLimitOptions={"EnableRateLimiting": True, "Period": "1s", "Limit": 1, "PeriodTimespan": 1})],
        "DynamicRoutes": [{"ServiceName": "orders", "RateLimitRule": {"Limit": 1}}],
        "GlobalConfiguration": {"RateLimitOptions": {"DisableRateLimitHeaders": True}},
    }
    res = run_config(tmp_path, "ocelot-deprecated-key", cfg)
    msgs = " | ".join(f.message for f in findings(res, "ocelot-deprecated-key"))
    assert "Wait" in msgs and "RateLimitOptions" in msgs and "EnableHeaders (with the opposite value)" in msgs
    assert all(f.severity == "info" for f in findings(res, "ocelot-deprecated-key"))


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
    res = run_versions(tmp_path, files, ["ocelot-deprecated-key"])
    found = sorted(m.split(" is deprecated", 1)[0].rsplit(".", 1)[1] for m in messages(res, "ocelot-deprecated-key"))
    assert found == keys
    for m in messages(res, "ocelot-deprecated-key"):
        assert "nothing breaks today" in m and "removed in 25.0" not in m


def test_deprecated_key_is_advice_off_by_default(tmp_path):
    res = run_versions(tmp_path, {"gw/Gw.csproj": csproj("24.1.0"), "gw/ocelot.json": DEPRECATED_CFG}, None)
    assert messages(res, "ocelot-deprecated-key") == []
