"""What `ocelot-wrong-type` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import findings, route, run_config


@pytest.mark.parametrize(
    "value, bad",
    [
        ({"Priority": "high"}, True),
        ({"Priority": 1.5}, True),
        ({"Priority": "3"}, False),
        ({"RouteIsCaseSensitive": "yes"}, True),
        ({"RouteIsCaseSensitive": "True"}, False),
        ({"DownstreamHostAndPorts": {"Host": "a", "Port": 1}}, True),
        ({"QoSOptions": []}, True),
        ({"AddHeadersToRequest": ["X-A"]}, True),
        ({"DelegatingHandlers": ["A", {"Name": "B"}]}, True),
        ({"DownstreamScheme": 5}, False),
        ({"Key": None}, False),
    ],
)
def test_wrong_types(tmp_path, value, bad):
    res = run_config(tmp_path, "ocelot-wrong-type", {"Routes": [route(**value)]})
    assert bool(findings(res, "ocelot-wrong-type")) is bad


def test_empty_strings_bind_as_unset(tmp_path):
    res = run_config(tmp_path, "ocelot-wrong-type", {"Routes": [route(Priority="", DownstreamHostAndPorts=[{"Host": "a", "Port": ""}])]})
    assert findings(res, "ocelot-wrong-type") == []
