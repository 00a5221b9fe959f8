"""What `schedule-cron-invalid` and `schedule-too-frequent` report (an `on.schedule` cron
expression GitHub cannot use (wrong field count, values out of range) or a `timezone` that
is no IANA time zone name; an `on.schedule` cron that fires less than 5 minutes apart:
GitHub skips the extra runs): exact rule, path, line and column."""
from __future__ import annotations

from helpers import WF, found


def test_timezone_is_judged_only_with_a_database(tmp_path, monkeypatch):
    from okla_lint.rules.gha import schedule_cron

    text = "on:\n  schedule:\n    - cron: '0 2 * * *'\n      timezone: Nowhere/City\njobs:\n  j: {runs-on: x, steps: [{run: echo}]}\n"
    assert found(tmp_path, {WF: text}, "schedule-cron-invalid") == [f"{WF}:4:17"]
    monkeypatch.setattr(schedule_cron, "_timezones", lambda: set())
    assert found(tmp_path, {WF: text}, "schedule-cron-invalid") == []
