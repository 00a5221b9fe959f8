"""What several Ocelot rule test files of this folder share (they came from
test_ocelot_merge.py): ``cfg``, ``route_merge``."""
from __future__ import annotations

import json


def route_merge(up: str, host: str = "svc", **kw) -> dict:
    r = {
        "DownstreamPathTemplate": up,
        "DownstreamScheme": "http",
        "DownstreamHostAndPorts": [{"Host": host, "Port": 80}],
        "UpstreamPathTemplate": up,
    }
    r.update(kw)
    return r


def cfg(*routes, **top) -> str:
    d = {"Routes": list(routes)}
    d.update(top)
    return json.dumps(d, indent=2)
