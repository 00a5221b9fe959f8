"""What `resources-requests-differ-from-limits` reports beyond its catalogue examples: exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared
from helpers import found


def test_resources_requests_differ_from_limits_in_resources_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `resources` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('resources', "{requests: {cpu: '1'}, limits: {cpu: '2'}}")
    assert found(tmp_path, {"d.yaml": text}, 'resources-requests-differ-from-limits') == ['d.yaml:12:47']
