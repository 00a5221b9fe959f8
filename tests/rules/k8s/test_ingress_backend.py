"""What `ingress-backend-missing-service` and `ingress-backend-port-missing` report (an Ingress
backend names a Service that the repository does not define; an Ingress backend uses a port
number or name that its Service does not expose): exact rule, path, line and column."""
from __future__ import annotations

import textwrap

from helpers import found_tokens, run, triples


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


def test_token_placeholder_ports_are_quiet(tmp_path):
    # an Ingress port, or the Service's ports, written at deploy time (replacetokens `#{X}#`,
    # `__X__`, `##X##` for sed); a real port the Service does not expose is still reported
    files = {
        "k8s/x.yaml": (
            "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{name: http, port: 80}]}\n---\n"
            "apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {ports: [{name: \"##PORT_NAME##\", port: \"#{PORT}#\"}]}\n---\n"
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n"
            "    - http:\n        paths:\n"
            "          - {path: /a, pathType: Prefix, backend: {service: {name: web, port: {number: \"#{PORT}#\"}}}}\n"
            "          - {path: /b, pathType: Prefix, backend: {service: {name: web, port: {name: __PORT_NAME__}}}}\n"
            "          - {path: /c, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}\n"
            "          - {path: /d, pathType: Prefix, backend: {service: {name: api, port: {name: grpc}}}}\n"
            "          - {path: /e, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}\n"
        )
    }
    res = run(tmp_path, files, ["ingress-backend-port-missing"])
    assert triples(res) == [("ingress-backend-port-missing", "k8s/x.yaml:22:88")]


def test_alb_use_annotation_backends_are_quiet(tmp_path):
    # AWS Load Balancer Controller: `port.name: use-annotation` (v1) or `servicePort:
    # use-annotation` (v1beta1) take the action from `alb.ingress.kubernetes.io/actions.<name>`
    # (written by hand or at run time by Argo Rollouts): no Service port is looked up and the
    # name is the action's, so neither a missing port nor a missing Service is reported; a real
    # port the Service lacks and a missing Service next to them still are
    files = {
        "k8s/x.yaml": """\
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{name: http, port: 80}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: web
              annotations:
                kubernetes.io/ingress.class: alb
                alb.ingress.kubernetes.io/actions.redirect: '{"type": "redirect"}'
            spec:
              rules:
                - http:
                    paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              name: use-annotation
                      - path: /r
                        pathType: Prefix
                        backend: {service: {name: redirect, port: {name: use-annotation}}}
                      - path: /x
                        pathType: Prefix
                        backend: {service: {name: web, port: {name: grpc}}}
                      - path: /y
                        pathType: Prefix
                        backend: {service: {name: webb, port: {number: 80}}}
            ---
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: old, annotations: {kubernetes.io/ingress.class: alb}}
            spec:
              backend: {serviceName: ssl-redirect, servicePort: use-annotation}
              rules:
                - http:
                    paths:
                      - path: /
                        backend:
                          serviceName: web
                          servicePort: use-annotation
            """
    }
    got = found_tokens(tmp_path, files, ["ingress-backend-port-missing", "ingress-backend-missing-service"])
    assert got == [
        ("ingress-backend-missing-service", "k8s/x.yaml", 32, "webb"),
        ("ingress-backend-port-missing", "k8s/x.yaml", 29, "grpc"),
    ]
    res = run(tmp_path / "again", {k: textwrap.dedent(v) for k, v in files.items()},
              ["ingress-backend-port-missing", "ingress-backend-missing-service"])
    assert triples(res) == [
        ("ingress-backend-missing-service", "k8s/x.yaml:32:39"),
        ("ingress-backend-port-missing", "k8s/x.yaml:29:57"),
    ]
