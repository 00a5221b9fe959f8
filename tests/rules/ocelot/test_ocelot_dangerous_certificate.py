"""What `ocelot-dangerous-certificate` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import pytest

from ocelot_util import findings, route, run_config


def test_dangerous_certificate_as_string(tmp_path):
    res = run_config(tmp_path, "ocelot-dangerous-certificate", {"Routes": [route(DownstreamScheme="https", DangerousAcceptAnyServerCertificateValidator="true")]})
    assert len(findings(res, "ocelot-dangerous-certificate")) == 1


@pytest.mark.parametrize(
    "scheme, n",
    [("https", 1), ("wss", 1), ("HTTPS", 1), (None, 1), ("", 1), ("http", 0), ("HTTP", 0), ("ws", 0)],
)
def test_dangerous_certificate_only_where_there_is_tls(tmp_path, scheme, n):
    """Issue 10, family 3: with http or ws to the service there is no certificate; with no
    scheme Ocelot reuses the incoming request's, which may be https."""
    res = run_config(tmp_path, "ocelot-dangerous-certificate", {"Routes": [route(DownstreamScheme=scheme, DangerousAcceptAnyServerCertificateValidator=True)]})
    assert len(findings(res, "ocelot-dangerous-certificate")) == n
