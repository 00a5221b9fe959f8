"""What `privileged-port` reports beyond its catalogue examples: exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared
from helpers import found


def test_privileged_port_in_ports_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b' and init container 'i' use the `ports` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('ports', '[{containerPort: 80}]', merge=False)
    assert found(tmp_path, {"d.yaml": text}, 'privileged-port') == ['d.yaml:12:43']
