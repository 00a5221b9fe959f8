"""What the rules of okla_lint/rules/ocelot/invalid_rate_limit.py reports: exact rule, path, line and column (the catalogue examples run
from tests/core/test_catalogue_examples.py)."""
from __future__ import annotations

import json

import pytest

from helpers import lint, write_files
from ocelot_util import findings, route


@pytest.mark.parametrize(
    "opts, invalid, not_applied",
    [
        # no version known: only what every version rejects, fails on, or never limits
        ({"EnableRateLimiting": True, "Period": "1S", "Limit": 1}, 1, 0),
        ({"EnableRateLimiting": True, "Period": " 10m ", "Limit": 1}, 0, 0),  # 24.1 trims it
        ({"EnableRateLimiting": True, "Period": "1.5h", "Limit": 1}, 0, 0),  # 24.1 takes decimals
        ({"EnableRateLimiting": True, "Limit": 1}, 1, 0),
        ({"EnableRateLimiting": "true", "Period": "1s", "Limit": -1}, 0, 1),  # off before 24.1, rejected after
        ({"EnableRateLimiting": True, "Period": "2hours", "Limit": 1}, 1, 0),  # fails every request everywhere
        ({"EnableRateLimiting": True, "Period": "0m", "Limit": 1}, 0, 1),  # 500s before 24.1, never limits after
        ({"EnableRateLimiting": False, "Period": "soon"}, 0, 0),
        ({"Period": "soon", "Limit": 0}, 0, 0),  # on only from 24.1 (EnableRateLimiting missing)
    ],
)
def test_rate_limit_variants(tmp_path, opts, invalid, not_applied):
    write_files(tmp_path, {"ocelot.json": json.dumps({"Routes": [route(RateLimitOptions=opts)]}, indent=2)})
    res = lint(tmp_path, select=["ocelot-invalid-rate-limit", "ocelot-rate-limit-not-applied"])
    assert len(findings(res, "ocelot-invalid-rate-limit")) == invalid
    assert len(findings(res, "ocelot-rate-limit-not-applied")) == not_applied
