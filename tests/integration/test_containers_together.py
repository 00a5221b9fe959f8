"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

import textwrap

import pytest

from helpers import ROOT_DIR, lint, triples, write_files
from k8s_containers_util import WORKLOADS, line_of, workload


BAD_SPEC = """
securityContext: {runAsUser: 0}
hostNetwork: true
initContainers:
  - name: init
    image: busybox
    securityContext: {privileged: true}
containers:
  - name: app
    image: ghcr.io/acme/app:latest
    ports: [{name: web, containerPort: 8080}]
    env:
      - {name: A, value: "1"}
      - {name: A, value: "2"}
      - {name: DB_PASSWORD, value: hunter2}
    resources:
      requests: {cpu: "2", memory: 512m}
      limits: {cpu: "1", memory: 1Gi}
    livenessProbe:
      httpGet: {path: /h, port: http}
      successThreshold: 2
    readinessProbe:
      httpGet: {path: /h, port: web}
      exec: {command: [true]}
ephemeralContainers:
  - name: debug
    image: busybox:latest
    securityContext: {capabilities: {add: [SYS_ADMIN]}}
"""


EXPECTED_RULES = [
    ("run-as-root", "runAsUser: 0", 1, 11),
    ("host-namespace", "hostNetwork: true", 1, 13),
    ("image-mutable-tag", "image: busybox", 1, 7),
    ("privileged-container", "privileged: true", 1, 12),
    ("image-mutable-tag", "image: ghcr.io", 1, 7),
    ("env-duplicate-name", "{name: A", 2, 7),
    ("env-plaintext-secret", "hunter2", 1, 0),
    ("resources-request-exceeds-limit", 'cpu: "2"', 1, 5),
    ("resources-quantity-suspicious", "512m", 1, 0),
    ("probe-port-unknown", "port: http", 1, 6),
    ("probe-success-threshold", "successThreshold: 2", 1, 18),
    ("probe-handler-count", "exec:", 1, 0),
    ("image-mutable-tag", "image: busybox:latest", 1, 7),
    ("capability-dangerous-added", "SYS_ADMIN", 1, 0),
]


@pytest.mark.parametrize("kind", sorted(WORKLOADS))
def test_every_rule_on_every_workload_kind(tmp_path, kind):
    text = workload(kind, BAD_SPEC)
    write_files(tmp_path, {"w.yaml": text})
    rules = sorted({r for r, *_ in EXPECTED_RULES})
    res = lint(tmp_path, select=rules)
    assert not res.internal_errors
    want = []
    for rule, needle, nth, shift in EXPECTED_RULES:
        if rule == "host-namespace" and kind == "DaemonSet":
            continue  # a node agent: the exemption host-namespace names (tests/rules/k8s/test_host_namespace.py)
        line, col = line_of(text, needle, nth)
        want.append((rule, f"w.yaml:{line}:{col + shift}"))
    assert triples(res) == sorted(want)


def test_list_items_and_json(tmp_path):
    lst = textwrap.dedent(
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec:
              containers:
                - {name: a, image: nginx, securityContext: {privileged: true}}
        """
    ).lstrip()
    js = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"},\n "spec": {"containers": [{"name": "c", "image": "nginx:latest"}]}}\n'
    write_files(tmp_path, {"list.yaml": lst, "pod.json": js})
    res = lint(tmp_path, select=["image-mutable-tag", "privileged-container"])
    l1, c1 = line_of(lst, "nginx")
    l2, c2 = line_of(lst, "true")
    l3, c3 = line_of(js, '"nginx:latest"')
    assert triples(res) == [
        ("image-mutable-tag", f"list.yaml:{l1}:{c1}"),
        ("image-mutable-tag", f"pod.json:{l3}:{c3}"),
        ("privileged-container", f"list.yaml:{l2}:{c2}"),
    ]


def test_anchors_merge_keys_multidoc_and_crlf(tmp_path):
    text = textwrap.dedent(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - &c
              name: a
              image: nginx:1.27
              env:
                - {name: X, value: "1"}
                - {name: X, value: "2"}
            - <<: *c
              name: b
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b}
        spec:
          containers:
            - name: c
              image: nginx
        """
    ).lstrip()
    write_files(tmp_path, {"lf.yaml": text, "crlf.yaml": text.replace("\n", "\r\n")})
    res = lint(tmp_path, select=["env-duplicate-name", "image-mutable-tag"])
    # the merged container reports where the entry was written (line 11): one defect written
    # once is one finding, not one per container that uses it
    assert triples(res) == sorted(
        [("env-duplicate-name", f"{f}:11:18") for f in ("crlf.yaml", "lf.yaml")]
        + [("image-mutable-tag", f"{f}:21:14") for f in ("crlf.yaml", "lf.yaml")]
    )


def test_probe_timing_rules(tmp_path):
    spec = """
    containers:
      - name: a
        image: nginx:1.27
        livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 10, periodSeconds: 5, failureThreshold: 2}
        readinessProbe: {tcpSocket: {port: 81}, initialDelaySeconds: 20}
      - name: b
        image: nginx:1.27
        livenessProbe: {tcpSocket: {port: 80}, initialDelaySeconds: 10, periodSeconds: 5, failureThreshold: 3}
        readinessProbe: {tcpSocket: {port: 81}, initialDelaySeconds: 20}
      - name: c
        image: nginx:1.27
        startupProbe: {tcpSocket: {port: 80}, failureThreshold: 30}
        livenessProbe: {tcpSocket: {port: 80}}
        readinessProbe: {tcpSocket: {port: 81}, initialDelaySeconds: 120}
        """
    text = workload("StatefulSet", spec)
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["liveness-before-readiness", "probe-timeout-exceeds-period"])
    # a: 10 + 2 x 5 = 20 <= 20 (killed before readiness starts); b: 25 > 20; c: startup probe
    assert triples(res) == [("liveness-before-readiness", "w.yaml:%d:%d" % line_of(text, "livenessProbe"))]


def test_security_precedence(tmp_path):
    spec = """
    securityContext: {runAsNonRoot: true, runAsUser: 1000}
    containers:
      - name: a
        image: nginx:1.27
        securityContext: {runAsUser: 0}
      - name: b
        image: nginx:1.27
        securityContext: {runAsNonRoot: false, runAsUser: 0}
      - name: c
        image: nginx:1.27
    """
    text = workload("DaemonSet", spec)
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["run-as-root", "security-context-conflict", "run-as-non-root-unset"])
    la, ca = line_of(text, "runAsUser: 0}")
    lb, cb = line_of(text, "runAsUser: 0}", 2)
    assert triples(res) == [
        ("run-as-root", f"w.yaml:{lb}:{cb + 11}"),
        ("security-context-conflict", f"w.yaml:{la}:{ca + 11}"),
    ]


def test_windows_pods_skip_linux_user_rules(tmp_path):
    spec = """
    os: {name: windows}
    securityContext: {runAsUser: 0}
    containers:
      - {name: a, image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"}
    """
    write_files(tmp_path, {"w.yaml": workload("Pod", spec)})
    res = lint(tmp_path, select=["run-as-root", "run-as-non-root-unset", "read-only-root-fs-missing"])
    assert triples(res) == []


def test_kustomize_patches_are_partial_objects(tmp_path):
    base = workload("Deployment", """
    containers:
      - name: app
        image: ghcr.io/acme/app:1.0.0
        ports: [{containerPort: 8080}]
        readinessProbe: {tcpSocket: {port: 8080}}
        resources: {requests: {cpu: 10m, memory: 64Mi}, limits: {memory: 64Mi}}
    """)
    patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env: [{name: MODE, value: prod}]\n"
    write_files(
        tmp_path,
        {
            "base/app.yaml": base,
            "base/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: x}\n  ports: [{port: 80, targetPort: 8080}]\n",
            "base/kustomization.yaml": "resources: [app.yaml, svc.yaml]\n",
            "prod/patch.yaml": patch,
            "prod/kustomization.yaml": "resources: [../base]\npatches:\n  - path: patch.yaml\n",
        },
    )
    res = lint(tmp_path, select=["resources-missing", "image-mutable-tag", "readiness-probe-missing"])
    assert triples(res) == []


def test_hygiene_on_list_items_and_exported_pods(tmp_path):
    text = textwrap.dedent(
        """
        apiVersion: v1
        kind: List
        items:
          - apiVersion: extensions/v1beta1
            kind: Ingress
            metadata: {name: a}
          - apiVersion: v1
            kind: Pod
            metadata:
              name: owned
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: x-1, uid: u}]
            spec:
              containers: [{name: a, image: "nginx:1.27"}]
          - apiVersion: v1
            kind: Pod
            metadata: {name: debug}
            spec:
              containers: [{name: a, image: "nginx:1.27"}]
        """
    ).lstrip()
    write_files(tmp_path, {"list.yaml": text})
    res = lint(tmp_path, select=["deprecated-api-version", "bare-pod"])
    assert triples(res) == [
        ("bare-pod", "list.yaml:%d:%d" % (line_of(text, "kind: Pod", 2)[0], line_of(text, "kind: Pod", 2)[1] + 6)),
        ("deprecated-api-version", "list.yaml:4:17"),
    ]


FIXTURE = ROOT_DIR / "fixtures" / "k8s-container" / "webshop"


MINE = {
    "image-mutable-tag", "env-plaintext-secret", "env-duplicate-name", "resources-request-exceeds-limit",
    "resources-quantity-suspicious", "resources-quantity-invalid", "resources-missing", "probe-port-unknown",
    "probe-success-threshold", "probe-handler-count", "probe-same-endpoint", "probe-timeout-exceeds-period",
    "liveness-before-readiness", "readiness-probe-missing", "init-container-probe", "bare-pod",
    "job-ttl-missing", "deprecated-api-version", "host-namespace", "privileged-container",
    "privilege-escalation-allowed", "security-context-conflict", "run-as-root", "capability-dangerous-added",
    "host-path-sensitive",
}


def test_default_rules_on_the_webshop_fixture():
    result = lint(FIXTURE)
    assert not result.internal_errors
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}", f.severity) for f in result.findings if f.rule in MINE)
    assert got == sorted(
        [
            ("image-mutable-tag", "k8s/api.yaml:16:18", "warning"),
            ("env-plaintext-secret", "k8s/api.yaml:24:22", "warning"),
            ("env-duplicate-name", "k8s/api.yaml:25:21", "warning"),
            ("resources-request-exceeds-limit", "k8s/api.yaml:28:29", "error"),
            ("probe-port-unknown", "k8s/api.yaml:33:44", "error"),
            ("probe-success-threshold", "k8s/api.yaml:34:31", "error"),
            ("host-namespace", "k8s/debug-pod.yaml:7:16", "warning"),
            ("privileged-container", "k8s/debug-pod.yaml:13:21", "warning"),
            ("deprecated-api-version", "k8s/ingress.yaml:1:13", "error"),
        ]
    )
    secret = next(f for f in result.findings if f.rule == "env-plaintext-secret")
    assert "Sup3rS3cret" not in secret.message  # never echo the credential


def test_advice_on_the_webshop_fixture_is_opt_in():
    """bare-pod and job-ttl-missing are advice (issue 10, family 14): reported with
    `--extend-select advice`, not by default."""
    result = lint(FIXTURE, extend_select=["advice"])
    got = sorted((f.rule, f"{f.path}:{f.line}:{f.col}", f.severity) for f in result.findings if f.rule in ("bare-pod", "job-ttl-missing"))
    assert got == [("bare-pod", "k8s/debug-pod.yaml:2:7", "info"), ("job-ttl-missing", "k8s/migrate-job.yaml:6:1", "info")]
