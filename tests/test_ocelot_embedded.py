"""Ocelot configurations embedded in ConfigMaps get the per-file Ocelot checks, with positions
inside the manifest's block scalar."""
from __future__ import annotations

from helpers import lint, locs, write_files

CM = """apiVersion: v1
kind: ConfigMap
metadata:
  name: gateway-config
data:
  other.json: |
    {"Routes": [{"UpstreamPathTemplate": "nope"}]}
  ocelot.json: |
    {
      "Routes": [
        {
          "DownstreamPathTemplate": "/api/orders/{orderId}",
          "DownstreamHostAndPorts": [{ "Host": "orders", "Port": 80 }],
          "UpstreamPathTemplate": "/orders/{id}",
          "UpstreamHttpMethods": ["Get"]
        },
        {
          "DownstreamPathTemplate": "/api/orders/{id}",
          "DownstreamScheme": "http",
          "DownstreamHostAndPorts": [{ "Host": "orders", "Port": 80 }],
          "UpstreamPathTemplate": "/orders/{id}"
        }
      ]
    }
  ocelot.broken.json: |
    { not json
"""


def test_embedded_configuration_is_checked_with_mapped_positions(tmp_path):
    write_files(tmp_path, {"k8s/gateway-config.yaml": CM})
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


def test_rules_can_be_selected_one_by_one(tmp_path):
    write_files(tmp_path, {"k8s/gateway-config.yaml": CM})
    res = lint(tmp_path, select=["ocelot-unknown-key"])
    assert locs(res) == ["k8s/gateway-config.yaml:15:11"]
