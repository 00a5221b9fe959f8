"""What `schedule-too-frequent` reports (an `on.schedule` cron that fires less than 5 minutes
apart: GitHub skips the extra runs): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from helpers import WF, found


@pytest.mark.parametrize("cron, bad", [
    ("'*/4 * * * *'", True),
    ("'*/5 * * * *'", False),
    ("'0-59/10 * * * *'", False),
    ("'0,58 * * * *'", True),  # 58 then 0 of the next hour: 2 minutes apart
    ("'0,58 3 * * *'", False),  # one hour only: 58 minutes apart
    ("'5 * * * *'", False),
    ("'1-3 * * * *'", True),
])
def test_frequency(tmp_path, cron, bad):
    text = f"on:\n  schedule:\n    - cron: {cron}\njobs:\n  j: {{runs-on: x, steps: [{{run: echo}}]}}\n"
    assert found(tmp_path, {WF: text}, "schedule-too-frequent") == ([f"{WF}:3:14"] if bad else [])
