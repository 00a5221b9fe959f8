"""What `read-only-root-fs-missing` reports beyond its catalogue examples: exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared
from helpers import found


def test_read_only_root_fs_missing_in_security_context_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `securityContext` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('securityContext', '{readOnlyRootFilesystem: false}')
    assert found(tmp_path, {"d.yaml": text}, 'read-only-root-fs-missing') == ['d.yaml:12:61']
