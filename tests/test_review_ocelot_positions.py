"""Review: every Ocelot rule keeps exact positions in a JSONC file (comments, trailing commas,
lower-case keys, CRLF line ends), and the json rules report alongside the Ocelot rules."""
from __future__ import annotations

import pytest

from helpers import lint, write_files

TEXT = """\
// gateway configuration
{
  /* static routes */
  "routes": [
    {
      "upstreamPathTemplate": "/orders/{id}/{id}", // duplicate placeholder
      "downstreamPathTemplate": "/api/{id}/{Ref}",
      "downstreamScheme": "htp",
      "downstreamHostAndPorts": [ { "host": "", "port": 80, }, ],
      "upstreamHttpMethod": [ "get", "PSOT", ],
      "downstreamHttpVersion": "2.0.1",
      "rateLimitOptions": { "enableRateLimiting": true, "period": "1 minute", "limit": 0 },
      "qosOptions": { "minimumThroughput": 1, "breakDuration": 100 },
      "dangerousAcceptAnyServerCertificateValidator": true,
    },
    {
      "UpstreamPathTemplate": "/orders/{id}/{id}",
      "UpstreamHttpMethod": [ "GET" ],
      "DownstreamPathTemplate": "/b",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [ { "Host": "b", "Port": 80 } ],
    },
  ],
  "aggregates": [ { "routeKeys": [ "nope" ], "upstreamPathTemplate": "/agg" } ],
}
"""

EXPECTED = [
    ("json-comments", 1, 1),
    ("json-comments", 3, 3),
    ("ocelot-duplicate-placeholder", 6, 45),
    ("json-comments", 6, 52),
    ("ocelot-placeholder-mismatch", 7, 44),
    ("ocelot-invalid-downstream-scheme", 8, 27),
    ("ocelot-missing-downstream-host", 9, 45),
    ("json-trailing-comma", 9, 59),
    ("json-trailing-comma", 9, 62),
    ("ocelot-invalid-http-verb", 10, 38),
    ("json-trailing-comma", 10, 44),
    ("ocelot-invalid-http-version", 11, 32),
    ("ocelot-invalid-rate-limit", 12, 67),
    ("ocelot-invalid-rate-limit", 12, 88),
    ("ocelot-qos-value-replaced", 13, 44),
    ("ocelot-qos-value-replaced", 13, 64),
    ("ocelot-dangerous-certificate", 14, 55),
    ("json-trailing-comma", 14, 59),
    ("ocelot-duplicate-placeholder", 17, 45),
    ("ocelot-duplicate-route", 17, 31),
    ("json-trailing-comma", 21, 64),
    ("json-trailing-comma", 22, 6),
    ("ocelot-aggregate-unknown-route-key", 24, 36),
    ("json-trailing-comma", 24, 80),
]


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_every_rule_at_its_exact_position_in_jsonc(tmp_path, eol):
    write_files(tmp_path, {"gw/ocelot.json": TEXT.replace("\n", eol)})
    res = lint(tmp_path, select=["ocelot", "json"], ocelot_version="24.1.0")  # QoS: a version that substitutes
    assert not res.internal_errors
    got = sorted((f.rule, f.line, f.col) for f in res.findings)
    assert got == sorted(EXPECTED)
