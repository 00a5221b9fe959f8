"""What `ingress-backend-missing-service` and `ingress-backend-port-missing` report (an Ingress
backend names a Service that the repository does not define; an Ingress backend uses a port
number or name that its Service does not expose): exact rule, path, line and column."""
from __future__ import annotations

from helpers import found_tokens


def test_ingress_v1beta1_numeric_port_and_rules(tmp_path):
    files = {
        "k8s/x.yaml": """\
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{name: http, port: 80}]}
            ---
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: web}
            spec:
              rules:
                - host: a.example.com
                  http:
                    paths:
                      - path: /
                        backend: {serviceName: web, servicePort: 80}
                      - path: /x
                        backend: {serviceName: web, servicePort: 8080}
                      - path: /y
                        backend: {serviceName: web, servicePort: http}
            """
    }
    got = found_tokens(tmp_path, files, ["ingress-backend-port-missing", "ingress-backend-missing-service"])
    assert got == [("ingress-backend-port-missing", "k8s/x.yaml", 17, "8080")]
