"""What `ocelot-case-duplicate-key` reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

from helpers import locs
from ocelot_util import run_config


def test_case_duplicates_at_top_level_and_in_options(tmp_path):
    text = '{"Routes": [], "routes": [], "GlobalConfiguration": {"QoSOptions": {"TimeoutValue": 1000, "timeoutvalue": 2000}}}'
    res = run_config(tmp_path, "ocelot-case-duplicate-key", None, raw=text)
    assert locs(res, "ocelot-case-duplicate-key") == ["ocelot.json:1:16", "ocelot.json:1:91"]
