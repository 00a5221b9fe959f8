"""What `ocelot-missing-downstream-scheme` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

from ocelot_util import findings, route, run_config


def test_scheme_empty_string_is_reported(tmp_path):
    res = run_config(tmp_path, "ocelot-missing-downstream-scheme", {"Routes": [route(DownstreamScheme="")]})
    assert len(findings(res, "ocelot-missing-downstream-scheme")) == 1
