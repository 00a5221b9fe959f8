"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_rules.py): ``EXPECTED``, ``TEXT``, ``findings``, ``route``, ``route_ocelot_routes``, ``run``, ``run_ocelot_routes``."""
from __future__ import annotations

import json

from helpers import lint, write_files


def route(**kw) -> dict:
    r = {
        "DownstreamPathTemplate": "/api/orders",
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "orders", "Port": 80}],
        "UpstreamPathTemplate": "/orders",
    }
    for k, v in kw.items():
        if v is None:
            r.pop(k, None)
        else:
            r[k] = v
    return r


def run(tmp_path, rule, config, name="ocelot.json", raw: str | None = None, **settings):
    text = raw if raw is not None else json.dumps(config, indent=2)
    write_files(tmp_path, {name: text})
    result = lint(tmp_path, select=[rule], **settings)
    assert not result.internal_errors
    return result


def findings(result, rule):
    return [f for f in result.findings if f.rule == rule]


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


def route_ocelot_routes(up: str, down: str = "/x", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": down,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": "svc", "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def run_ocelot_routes(tmp_path, routes):
    write_files(tmp_path, {"ocelot.json": json.dumps({"Routes": routes}, indent=2)})
    res = lint(tmp_path, select=["ocelot-catch-all-shadowing"])
    assert not res.internal_errors
    return [(f.line, f.col) for f in res.findings], res
