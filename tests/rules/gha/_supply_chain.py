"""What several workflow rule test files of this folder share (they came from
test_supply_chain.py): ``run``."""
from __future__ import annotations

from helpers import lint, write_files


def run(tmp_path, files, rules):
    write_files(tmp_path, files)
    result = lint(tmp_path, select=list(rules))
    assert not result.internal_errors, result.internal_errors
    return result
