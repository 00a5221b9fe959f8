"""Unit tests of the parsing helpers behind the per-container rules."""
from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import ROOT_DIR, lint, locs, triples, write_files
from okla_lint.lib.common.credentials import secret_like_name
from okla_lint.rules.k8s.deprecated_api_version import removed_api
from okla_lint.rules.k8s.env_plaintext_secret import _plaintext_secret
from okla_lint.rules.k8s.image_mutable_tag import image_reference
from okla_lint.lib.k8s.podutil import parse_quantity
import textwrap
from pathlib import Path


@pytest.mark.parametrize(
    "text, value",
    [
        ("100m", Decimal("0.1")),
        ("1", Decimal(1)),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("+1Ki", Decimal(1024)),
        ("128Mi", Decimal(128 * 2**20)),
        ("1e3", Decimal(1000)),
        ("1E3", Decimal(1000)),
        ("2E", Decimal(2 * 10**18)),  # exa, not an exponent
        ("1.5Gi", Decimal(int(1.5 * 2**30))),
        ("100M", Decimal(10**8)),
        ("500u", Decimal("0.0005")),
        (2, Decimal(2)),
        (0.25, Decimal("0.25")),
        ("-1", Decimal(-1)),
    ],
)
def test_quantities_parse(text, value):
    q = parse_quantity(text)
    assert q is not None and q[0] == value


@pytest.mark.parametrize("text", ["512MB", "1 Gi", "1gi", "0.5cpu", "", "Mi", "1.2.3", "1e", "1Ki1", True, None, "1KI", "1K"])
def test_invalid_quantities(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    "image, repo, tag, digest",
    [
        ("nginx", "nginx", None, None),
        ("nginx:1.27", "nginx", "1.27", None),
        ("localhost:5000/app", "localhost:5000/app", None, None),
        ("localhost:5000/app:v2", "localhost:5000/app", "v2", None),
        ("ghcr.io/a/b@sha256:abc", "ghcr.io/a/b", None, "sha256:abc"),
        ("ghcr.io/a/b:latest@sha256:abc", "ghcr.io/a/b", "latest", "sha256:abc"),
    ],
)
def test_image_reference(image, repo, tag, digest):
    assert image_reference(image) == (repo, tag, digest)


@pytest.mark.parametrize(
    "name, secret",
    [
        ("DB_PASSWORD", True),
        ("dbPassword", True),
        ("API_KEY", True),
        ("OPENAI_API_KEY", True),
        ("AWS_SECRET_ACCESS_KEY", True),
        ("GITHUB_TOKEN", True),
        ("CLIENT_SECRET", True),
        ("DB_PWD", True),
        ("PWD", False),
        ("DB_PASSWORD_FILE", False),
        ("TOKEN_URL", False),
        ("JWT_SECRET_NAME", False),
        ("TOKEN_TTL", False),
        ("KEYCLOAK_URL", False),
        ("MONKEY", False),
        ("PASSWORD_MIN_LENGTH", False),
        ("Token__Expiry", False),
        ("DB_PASSWORD_SECRET", False),
        ("SESSION_SECRET", True),
    ],
)
def test_secret_like_names(name, secret):
    assert secret_like_name(name) is secret


@pytest.mark.parametrize(
    "name, value, found",
    [
        ("DB_PASSWORD", "hunter2", True),
        ("DB_PASSWORD", "", False),
        ("DB_PASSWORD", "$(DB_PASSWORD_FROM_SECRET)", False),
        ("DB_PASSWORD", "${DB_PASSWORD}", False),
        ("DB_PASSWORD", "$(PART_A)$(PART_B)", False),
        ("DB_PASSWORD", "$(PART_A)-s3cret", True),
        ("DB_PASSWORD", "{{ .Values.password }}", False),
        ("DB_PASSWORD", "<your-password>", False),
        ("DB_PASSWORD", "changeme", False),
        ("GOOGLE_API_KEY", "GOOGLE_API_KEY_VAL", False),
        ("ETCD_TOKEN", "INSERT_ETCD_TOKEN", False),
        ("REQUIRE_TOKEN", "true", False),
        ("DB_URL", "postgres://app:s3cret@db:5432/app", True),
        ("DB_URL", "postgres://db:5432/app", False),
        ("ConnectionStrings__Db", "Server=sql;User Id=sa;Password=Pass@word1", True),
        ("ConnectionStrings__Db", "Server=sql;Password=;", False),
        ("ConnectionStrings__Db", "Server=sql;Password=$(SA_PASSWORD)", False),
        ("Redis__ConnectionString", "redis:6379,password=hunter2,ssl=False", True),
        ("Redis__ConnectionString", "redis:6379,password=$(REDIS_PASSWORD)", False),
    ],
)
def test_plaintext_secret_values(name, value, found):
    assert (_plaintext_secret(name, value) is not None) is found


def test_removed_api_table():
    assert removed_api("extensions/v1beta1", "Ingress") == ("1.22", "networking.k8s.io/v1")
    assert removed_api("extensions/v1beta1", "Deployment")[0] == "1.16"
    assert removed_api("apps/v1beta2", "StatefulSet")[0] == "1.16"
    assert removed_api("batch/v1beta1", "CronJob")[0] == "1.25"
    assert removed_api("autoscaling/v2beta2", "HorizontalPodAutoscaler")[0] == "1.26"
    assert removed_api("apps/v1", "Deployment") is None
    assert removed_api("batch/v1beta1", "Job") is None


def test_deprecated_api_version_follows_the_configured_kubernetes_version(tmp_path):
    write_files(
        tmp_path,
        {
            "hpa.yaml": "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec: {}\n",
            "cron.yaml": "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: a}\nspec: {}\n",
        },
    )
    old = lint(tmp_path, select=["deprecated-api-version"], params={"deprecated-api-version": {"kubernetes-version": "1.25"}})
    assert locs(old) == ["cron.yaml:1:13"]
    new = lint(tmp_path, select=["deprecated-api-version"])
    assert locs(new) == ["cron.yaml:1:13", "hpa.yaml:1:13"]


def test_resources_missing_limitrange_namespaces_and_require_param(tmp_path):
    lr = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: d, namespace: a}\nspec:\n  limits:\n    - type: Container\n      default: {cpu: 500m, memory: 256Mi}\n"
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: NS}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n  ephemeralContainers:\n    - name: e\n      image: nginx:1.27\n"
    write_files(tmp_path, {"lr.yaml": lr, "a.yaml": pod.replace("NS", "a"), "b.yaml": pod.replace("NS", "b")})
    res = lint(tmp_path, select=["resources-missing"])
    assert locs(res) == ["b.yaml:6:7"]
    res = lint(tmp_path, select=["resources-missing"], params={"resources-missing": {"require": ["cpu-limit"]}})
    assert locs(res) == ["b.yaml:6:7"]


def test_quantity_suspicious_param_and_kinds(tmp_path):
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n"
        "      resources:\n        requests: {cpu: 16, memory: 512, hugepages-2Mi: 100M, ephemeral-storage: 1G}\n"
    )
    write_files(tmp_path, {"p.yaml": pod})
    res = lint(tmp_path, select=["resources-quantity-suspicious"])
    # memory 512 bytes; 16 cores is under the default max-cpu; decimal sizes (hugepages 100M,
    # storage 1G) only with decimal-suffix: true
    assert locs(res) == ["p.yaml:9:37"]
    res = lint(tmp_path, select=["resources-quantity-suspicious"], params={"resources-quantity-suspicious": {"max-cpu": 8}})
    assert locs(res) == ["p.yaml:9:25", "p.yaml:9:37"]
    res = lint(tmp_path, select=["resources-quantity-suspicious"], params={"resources-quantity-suspicious": {"decimal-suffix": True}})
    assert locs(res) == ["p.yaml:9:37", "p.yaml:9:57", "p.yaml:9:82"]


def test_job_ttl_only_standalone_jobs(tmp_path):
    job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  ownerReferences: [{kind: CronJob, name: c}]\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: 'busybox:1.36'}]\n"
    cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: 'busybox:1.36'}]\n"
    write_files(tmp_path, {"job.yaml": job, "cron.yaml": cron})
    assert locs(lint(tmp_path, select=["job-ttl-missing"])) == []


# -- merged from tests/test_k8s_container_variants.py: Per-container and per-pod Kubernetes rules on every workload kind, in every place a defect can sit, and in every YAML shape (block, flow, anchors/merge keys, multi-document, CRLF, JSON).

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


# -- merged from tests/test_k8s_container_fixture.py: A small repository with the per-container and per-pod defects, linted with the default rule set: every finding of these rules sits at its exact place.

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
