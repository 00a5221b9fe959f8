"""What `service-target-port-missing` reports (a Service's named targetPort is not a container
port name of the pods it selects): exact rule, path, line and column."""
from __future__ import annotations

from k8s_wiring_util import WORKLOAD_TEMPLATES, obj
from helpers import found_tokens


def test_named_target_port_with_another_protocol(tmp_path):
    files = {
        "dns.yaml": obj("Deployment", "dns", WORKLOAD_TEMPLATES["Deployment"][1].replace(
            "{name: c, image: 'busybox:1.36'}", "{name: c, image: 'coredns/coredns:1.11.1', ports: [{name: dns, containerPort: 53, protocol: UDP}]}"))
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n  selector: {app: x}\n"
        "  ports:\n    - {name: dns-udp, port: 53, protocol: UDP, targetPort: dns}\n    - {name: dns-tcp, port: 53, targetPort: dns}\n"
    }
    got = found_tokens(tmp_path, files, ["service-target-port-missing"])
    assert got == [("service-target-port-missing", "dns.yaml", 17, "dns")]
