"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_embedded.py): ``CM_EMBEDDED``, ``CM_OCELOT_EMBEDDED``."""
from __future__ import annotations


CM_EMBEDDED = """apiVersion: v1
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


CM_OCELOT_EMBEDDED = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: gw
data:
  ocelot.json: |
    {
      // routes
      "Routes": [
        { "UpstreamPathTemplate": "/o", "DownstreamPathTemplate": "/x", /* inline
             block */ "DownstreamScheme": "http",
          "DownstreamHostAndPorts": [{"Host": "a", "Port": 1},] }
      ]
    }
"""
