"""Per-container and per-pod Kubernetes rules on every workload kind, in every place a
defect can sit, and in every YAML shape (block, flow, anchors/merge keys, multi-document,
CRLF, JSON)."""
from __future__ import annotations

import textwrap

import pytest

from helpers import lint, locs, triples, write_files


def indent(text: str, n: int) -> str:
    return textwrap.indent(textwrap.dedent(text).strip("\n"), " " * n)


# every workload kind, with the pod spec at its place; {spec} is indented by the caller
WORKLOADS = {
    "Pod": ("v1", "spec:\n{spec}", 2),
    "Deployment": (
        "apps/v1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "StatefulSet": (
        "apps/v1",
        "spec:\n  serviceName: x\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "DaemonSet": (
        "apps/v1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "ReplicaSet": (
        "apps/v1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
    "Job": ("batch/v1", "spec:\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n{spec}", 6),
    "CronJob": (
        "batch/v1",
        "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n{spec}",
        10,
    ),
    "Rollout": (
        "argoproj.io/v1alpha1",
        "spec:\n  selector: {{matchLabels: {{app: x}}}}\n  template:\n    metadata: {{labels: {{app: x}}}}\n    spec:\n{spec}",
        6,
    ),
}


def workload(kind: str, spec: str) -> str:
    api, body, n = WORKLOADS[kind]
    return f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: x\n" + body.format(spec=indent(spec, n)) + "\n"


def line_of(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based (line, col) of the nth occurrence of needle."""
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


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
    # the merged container reports where the entry was written (line 11), once per container
    assert triples(res) == sorted(
        [("env-duplicate-name", f"{f}:11:18") for f in ("crlf.yaml", "lf.yaml") for _ in range(2)]
        + [("image-mutable-tag", f"{f}:21:14") for f in ("crlf.yaml", "lf.yaml")]
    )


def test_probe_rules_resolve_named_ports(tmp_path):
    spec = """
    containers:
      - name: app
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]
        livenessProbe: {httpGet: {port: http}}
        readinessProbe: {httpGet: {port: 8080, path: /}}
      - name: b
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9000}]
        livenessProbe: {httpGet: {path: /h, port: admin}}
        readinessProbe: {httpGet: {path: /h, port: http}}
      - name: c
        image: nginx:1.27
        livenessProbe: {exec: {command: [cat, /ok]}}
        readinessProbe: {exec: {command: [cat, /ok]}, periodSeconds: 30}
      - name: d
        image: nginx:1.27
        livenessProbe: {grpc: {port: 9090}}
        readinessProbe: {grpc: {port: 9090, service: other}}
      - name: e
        image: nginx:1.27
        livenessProbe: {tcpSocket: {port: 80}}
        readinessProbe: {tcpSocket: {port: 80}}
    """
    text = workload("Deployment", spec)
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["probe-same-endpoint"])
    assert locs(res) == [
        "w.yaml:%d:%d" % line_of(text, "livenessProbe: {httpGet: {port: http"),
        "w.yaml:%d:%d" % line_of(text, "livenessProbe: {exec"),
    ]


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


def test_readiness_probe_missing_scoping(tmp_path):
    dep = workload("Deployment", """
    containers:
      - name: app
        image: nginx:1.27
        ports: [{containerPort: 8080}]
      - name: sidecar
        image: busybox:1.36
    """)
    svc = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: x}\n  ports: [{port: 80, targetPort: 8080}]\n"
    other = "apiVersion: v1\nkind: Service\nmetadata: {name: y}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n"
    job = workload("Job", """
    restartPolicy: Never
    containers: [{name: j, image: "busybox:1.36"}]
    """).replace("template:\n    spec:", "template:\n    metadata: {labels: {app: x}}\n    spec:")
    write_files(
        tmp_path,
        {
            "app/dep.yaml": dep,
            "app/svc.yaml": svc,
            "app/job.yaml": job,
            # another application of a monorepo reusing the label: not applied together
            "other/dep.yaml": dep.replace("name: app", "name: other-app"),
            # a Service that targets a port no container declares: every container counts
            "third/svc.yaml": other,
            "third/dep.yaml": dep.replace("name: app", "name: third-app"),
        },
    )
    res = lint(tmp_path, select=["readiness-probe-missing"])
    # only the targeted container of the app that has a Service next to it; Jobs skipped
    name_at = lambda text, n: "%d:%d" % (lambda lc: (lc[0], lc[1] + 2))(line_of(text, n))
    third = dep.replace("name: app", "name: third-app")
    assert locs(res) == sorted([
        "app/dep.yaml:" + name_at(dep, "- name: app"),
        "third/dep.yaml:" + name_at(third, "- name: sidecar"),
        "third/dep.yaml:" + name_at(third, "- name: third-app"),
    ])


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


def test_host_paths_normalised(tmp_path):
    spec = """
    containers: [{name: a, image: "nginx:1.27"}]
    volumes:
      - {name: a, hostPath: {path: /run/containerd/containerd.sock}}
      - {name: b, hostPath: {path: "/etc//"}}
      - {name: c, hostPath: {path: /var/log/pods}}
    """
    text = workload("Deployment", spec)  # not a DaemonSet: node agents are exempt
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["host-path-sensitive", "host-path-volume"])
    assert [r for r, _ in triples(res)] == ["host-path-sensitive", "host-path-sensitive", "host-path-volume"]


def test_allow_privilege_escalation_conflicts_follow_the_api_server(tmp_path):
    spec = """
    containers:
      - name: a
        image: nginx:1.27
        securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [CAP_SYS_ADMIN]}}
      - name: b
        image: nginx:1.27
        securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [SYS_ADMIN]}}
    """
    text = workload("Pod", spec)
    write_files(tmp_path, {"w.yaml": text})
    res = lint(tmp_path, select=["security-context-conflict"])
    # the API server compares the literal "CAP_SYS_ADMIN"; "SYS_ADMIN" passes validation
    line, col = line_of(text, "false")
    assert locs(res) == [f"w.yaml:{line}:{col}"]


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


def test_readiness_probe_missing_ignores_services_that_publish_unready_pods(tmp_path):
    sts = workload("StatefulSet", """
    containers: [{name: db, image: "postgres:16.4", ports: [{containerPort: 5432}]}]
    """)
    svc = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  clusterIP: None\n  publishNotReadyAddresses: true\n  selector: {app: x}\n  ports: [{port: 5432}]\n"
    write_files(tmp_path, {"sts.yaml": sts, "svc.yaml": svc})
    assert locs(lint(tmp_path, select=["readiness-probe-missing"])) == []


def test_resources_missing_checks_sidecars_not_init_containers(tmp_path):
    spec = """
    initContainers:
      - {name: migrate, image: "busybox:1.36"}
      - {name: proxy, image: "envoyproxy/envoy:v1.31.0", restartPolicy: Always}
    containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 32Mi}}
    """
    text = workload("Deployment", spec)
    write_files(tmp_path, {"w.yaml": text})
    line, col = line_of(text, "{name: proxy")
    assert locs(lint(tmp_path, select=["resources-missing"])) == [f"w.yaml:{line}:{col + 1}"]


def test_env_redefinition_that_extends_the_earlier_value_is_intended(tmp_path):
    spec = """
    containers:
      - name: a
        image: nginx:1.27
        env:
          - {name: PATH, value: /usr/bin}
          - {name: PATH, value: "$(PATH):/opt/bin"}
          - {name: MODE, value: a}
          - {name: MODE, value: "$(MODE)"}
    """
    text = workload("Pod", spec)
    write_files(tmp_path, {"w.yaml": text})
    line, col = line_of(text, "{name: MODE", 2)
    # the API server does not warn for PATH (extends itself); $(MODE) alone is a plain duplicate
    assert locs(lint(tmp_path, select=["env-duplicate-name"])) == [f"w.yaml:{line}:{col + 7}"]


def test_invalid_quantities_outside_containers(tmp_path):
    text = textwrap.dedent(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 10GB}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:16.4"}]
              volumes: [{name: tmp, emptyDir: {sizeLimit: 1 Gi}}]
          volumeClaimTemplates:
            - metadata: {name: data}
              spec:
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 5gb}}
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: q}
        spec:
          hard: {requests.cpu: "4", requests.memory: 8Gi, pods: "10", limits.memory: -1Gi}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: x.example.com}
        spec:
          versions: [{name: v1, served: true, storage: true}]
        """
    ).lstrip()
    write_files(tmp_path, {"q.yaml": text})
    res = lint(tmp_path, select=["resources-quantity-invalid"])
    want = [
        "q.yaml:%d:%d" % line_of(text, "10GB"),
        "q.yaml:%d:%d" % line_of(text, "1 Gi"),
        "q.yaml:%d:%d" % line_of(text, "5gb"),
        "q.yaml:%d:%d" % line_of(text, "-1Gi"),
    ]
    assert locs(res) == sorted(want)
