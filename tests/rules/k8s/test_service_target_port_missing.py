"""What `service-target-port-missing` reports (a Service's named targetPort is not a container
port name of the pods it selects): exact rule, path, line and column."""
from __future__ import annotations

from k8s_wiring_util import WORKLOAD_TEMPLATES, obj
from helpers import found_tokens, run, triples


def test_named_target_port_with_another_protocol(tmp_path):
    files = {
        "dns.yaml": obj("Deployment", "dns", WORKLOAD_TEMPLATES["Deployment"][1].replace(
            "{name: c, image: 'busybox:1.36'}", "{name: c, image: 'coredns/coredns:1.11.1', ports: [{name: dns, containerPort: 53, protocol: UDP}]}"))
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n  selector: {app: x}\n"
        "  ports:\n    - {name: dns-udp, port: 53, protocol: UDP, targetPort: dns}\n    - {name: dns-tcp, port: 53, targetPort: dns}\n"
    }
    got = found_tokens(tmp_path, files, ["service-target-port-missing"])
    assert got == [("service-target-port-missing", "dns.yaml", 17, "dns")]


def test_token_placeholder_target_ports_are_quiet(tmp_path):
    # `#{TARGET_PORT}#` (replacetokens) in the Service, or `__PORT_NAME__` in the container:
    # the name is written at deploy time; a misspelt real name is still reported
    dep = obj("Deployment", "web", WORKLOAD_TEMPLATES["Deployment"][1].replace(
        "{name: c, image: 'busybox:1.36'}", "{name: c, image: 'nginx:1.27', ports: [{name: http, containerPort: 8080}]}"))
    other = obj("Deployment", "api", WORKLOAD_TEMPLATES["Deployment"][1].replace("app: x", "app: api").replace(
        "{name: c, image: 'busybox:1.36'}", "{name: c, image: 'nginx:1.27', ports: [{name: \"__PORT_NAME__\", containerPort: 8080}]}"))
    svc = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: x}\n  ports:\n"
        "    - {name: a, port: 80, targetPort: \"#{TARGET_PORT}#\"}\n"
        "    - name: b\n      port: 81\n      targetPort: __TARGET_PORT__\n"
        "    - {name: c, port: 82, targetPort: htp}\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  selector: {app: api}\n"
        "  ports: [{port: 80, targetPort: web}]\n"
    )
    res = run(tmp_path, {"k8s/dep.yaml": dep + "---\n" + other, "k8s/svc.yaml": svc}, ["service-target-port-missing"])
    assert triples(res) == [("service-target-port-missing", "k8s/svc.yaml:11:39")]
