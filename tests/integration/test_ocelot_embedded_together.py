"""Ocelot configurations embedded in ConfigMaps get every per-file Ocelot check, with
positions inside the manifest's block scalar."""
from __future__ import annotations

from helpers import lint, write_files
from ocelot_util import CM_EMBEDDED, CM_OCELOT_EMBEDDED


def test_embedded_configuration_is_checked_with_mapped_positions(tmp_path):
    write_files(tmp_path, {"k8s/gateway-config.yaml": CM_EMBEDDED})
    res = lint(tmp_path, select=["ocelot"])
    assert not res.internal_errors
    mine = sorted((f.rule, f"{f.path}:{f.line}:{f.col}") for f in res.findings if f.rule.startswith("ocelot-"))
    assert mine == [
        ("ocelot-duplicate-route", "k8s/gateway-config.yaml:21:35"),
        ("ocelot-missing-downstream-scheme", "k8s/gateway-config.yaml:11:9"),
        ("ocelot-placeholder-mismatch", "k8s/gateway-config.yaml:12:50"),
        ("ocelot-unknown-key", "k8s/gateway-config.yaml:15:11"),
    ]
    dup = [f for f in res.findings if f.rule == "ocelot-duplicate-route"][0]
    assert "ConfigMap 'gateway-config'" in dup.message
    assert [(r.path, r.line, r.col) for r in dup.related] == [("k8s/gateway-config.yaml", 14, 35)]


def test_comments_and_trailing_commas_inside_a_configmap(tmp_path):
    write_files(tmp_path, {"k8s/cm.yaml": CM_OCELOT_EMBEDDED})
    res = lint(tmp_path, select=["json-comments", "json-trailing-comma"])
    assert not res.internal_errors
    got = sorted((f.rule, f.line, f.col, f.end_line, f.end_col) for f in res.findings)
    lines = CM_OCELOT_EMBEDDED.splitlines()
    trailing_col = lines[11].index("},]") + 2  # 0-based index of the comma, + 1 -> 1-based
    assert got == [
        ("json-comments", 8, 7, 8, 16),
        ("json-comments", 10, 73, 11, 22),
        ("json-trailing-comma", 12, trailing_col, 12, trailing_col + 1),
    ]
    assert all("ConfigMap 'gw'" in f.message for f in res.findings)


def test_a_clean_embedded_file_and_other_keys_are_not_reported(tmp_path):
    clean = CM_OCELOT_EMBEDDED.replace("      // routes\n", "").replace("/* inline\n             block */ ", "").replace("},]", "}]")
    write_files(tmp_path, {"k8s/cm.yaml": clean + '  settings.json: |\n    {"a": 1, // x\n    }\n'})
    res = lint(tmp_path, select=["json-comments", "json-trailing-comma"])
    assert res.findings == []  # settings.json is not an Ocelot file: no embedded checks
