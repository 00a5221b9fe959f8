"""What `sysctl-unsafe` reports (a pod sets a sysctl outside the kubelet's safe set, so the
kubelet refuses it unless the node allows it): exact rule, path, line and column."""
from __future__ import annotations

from _aliases import shared_pod
from helpers import found, lint, locs, write_files


def test_sysctl_placeholders_and_safe_names_in_every_spelling(tmp_path):
    write_files(
        tmp_path,
        {
            "p.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext:\n    sysctls:\n"
            "      - {name: '${SYSCTL}', value: '1'}\n      - {name: net.ipv4.tcp_syncookies, value: '1'}\n"
            "      - {name: net/ipv4/ip_local_port_range, value: '1024 65000'}\n"
            "  containers: [{name: a, image: 'nginx:1.27'}]\n"
        },
    )
    assert locs(lint(tmp_path, select=["sysctl-unsafe"])) == []


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `securityContext` written once on line 12 is one finding
    text = shared_pod('securityContext', "{sysctls: [{name: kernel.msgmax, value: '1'}]}")
    assert found(tmp_path, {"l.yaml": text}, 'sysctl-unsafe') == ['l.yaml:12:46']
