"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import ROOT_DIR, found_tokens, lint, triples, write_files
from k8s_wiring_util import DEP, WORKLOAD_TEMPLATES, obj


FIXTURES = ROOT_DIR / "fixtures" / "k8s-wiring"


WIRING = [
    "workload-selector-mismatch",
    "service-selector-no-match",
    "service-target-port-missing",
    "service-target-port-unlisted",
    "pdb-selector-no-match",
    "ingress-backend-missing-service",
    "ingress-backend-port-missing",
    "hpa-target-missing",
    "statefulset-service-not-headless",
    "service-account-missing",
    "config-key-missing",
    "image-pull-secret-undefined",
    "pull-secret-from-ephemeral-token",
    "duplicate-object",
    "networkpolicy-selector-no-match",
    "hpa-target-sets-replicas",
]


def copy(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / name
    shutil.copytree(FIXTURES / name, dst)
    return dst


def token_at(root: Path, path: str, line: int, col: int) -> str:
    text = (root / path).read_text(encoding="utf-8").splitlines()[line - 1]
    return text[col - 1 :]


def test_flat_app_findings_point_at_the_offending_values(tmp_path):
    root = copy("flat-app", tmp_path)
    res = lint(root, select=WIRING)
    assert not res.internal_errors
    got = {(f.rule, f.path, f.line): f for f in res.findings}
    expected = {
        ("ingress-backend-port-missing", "k8s/ingress.yaml", 16): "8080",
        ("ingress-backend-missing-service", "k8s/ingress.yaml", 21): "api",
        ("service-account-missing", "k8s/web.yaml", 12): "web-sa",
        ("pull-secret-from-ephemeral-token", ".github/workflows/deploy.yml", 15): "ghcr-pull",
        ("config-key-missing", "k8s/web.yaml", 23): "API_HOST",
        ("service-target-port-missing", "k8s/web.yaml", 34): "web",
        ("duplicate-object", "k8s/web.yaml", 39): "web-config",
    }
    assert set(got) == set(expected), sorted(got)
    for key, tok in expected.items():
        f = got[key]
        assert token_at(root, f.path, f.line, f.col).startswith(tok), (key, f.col)
    # cross-file links
    # the token chain is one finding at the workflow that creates the Secret (issue 10, family 2)
    eph = got[("pull-secret-from-ephemeral-token", ".github/workflows/deploy.yml", 15)]
    assert [(r.path, r.line) for r in eph.related] == [("k8s/web.yaml", 14)]
    assert token_at(root, "k8s/web.yaml", eph.related[0].line, eph.related[0].col).startswith("ghcr-pull")
    dup = got[("duplicate-object", "k8s/web.yaml", 39)]
    assert [r.path for r in dup.related] == ["k8s/rbac.yaml", ".github/workflows/deploy.yml"]
    key = got[("config-key-missing", "k8s/web.yaml", 23)]
    assert "API_ENDPOINT" in key.message and "API_URL" in key.message  # both definitions counted


def test_flat_app_docs_example_is_not_judged_with_the_applied_directory(tmp_path):
    root = copy("flat-app", tmp_path)
    res = lint(root, select=WIRING)
    assert not [f for f in res.findings if f.path.startswith("docs/")]


def test_kustomize_overlay_is_clean(tmp_path):
    root = copy("kustomize-app", tmp_path)
    res = lint(root, select=WIRING)
    assert not res.internal_errors
    assert res.findings == []


def test_kustomize_patch_without_its_port_would_break_the_named_target(tmp_path):
    root = copy("kustomize-app", tmp_path)
    (root / "overlays/prod/deployment-patch.yaml").unlink()
    k = root / "overlays/prod/kustomization.yaml"
    k.write_text(k.read_text().replace("  - path: deployment-patch.yaml\n", ""))
    res = lint(root, select=WIRING)
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("service-target-port-missing", "base/service.yaml", 14, 19)
    ]


def test_replicas_set_by_an_overlay_patch_fight_the_autoscaler(tmp_path):
    root = copy("kustomize-app", tmp_path)
    p = root / "overlays/prod/replicas.yaml"
    p.write_text(p.read_text().replace("revisionHistoryLimit: 5", "replicas: 3"))
    res = lint(root, select=WIRING)
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [
        ("hpa-target-sets-replicas", "overlays/prod/replicas.yaml", 5, 3)
    ]


@pytest.mark.parametrize("kind", sorted(WORKLOAD_TEMPLATES))
def test_every_workload_kind_is_a_pod_owner_and_has_its_selector_checked(tmp_path, kind):
    api, body = WORKLOAD_TEMPLATES[kind]
    svc = "---\napiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n"
    assert found_tokens(tmp_path, {"k8s/w.yaml": obj(kind, "x", body) + svc}, ["service-selector-no-match", "workload-selector-mismatch"]) == []
    broken = body.replace("labels: {app: x}", "labels: {app: y}")
    got = found_tokens(tmp_path, {"k8s/w.yaml": obj(kind, "x", broken)}, ["workload-selector-mismatch"])
    assert [(r, line) for r, _, line, _ in got] == [("workload-selector-mismatch", 6 if kind in ("StatefulSet", "Job") else 5)]
    assert got[0][3] == "x"  # the selector value


def test_namespaces_are_respected(tmp_path):
    files = {
        "k8s/a.yaml": """\
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg, namespace: team-a}
            data: {A: "1"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, namespace: team-b}
            spec:
              containers:
                - name: c
                  image: "busybox:1.36"
                  env:
                    - name: B
                      valueFrom: {configMapKeyRef: {name: cfg, key: B}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: p, namespace: team-c}
            spec: {selector: {app: p}, ports: [{port: 80}]}
            """
    }
    # the ConfigMap of another namespace is not the one the pod reads; the Service's
    # namespace has no workload in the repository
    assert found_tokens(tmp_path, files, ["config-key-missing", "service-selector-no-match"]) == []


def test_placeholders_and_nameless_templates_are_skipped(tmp_path):
    files = {
        "k8s/a.yaml": """\
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: known}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              serviceAccountName: "{{SA_NAME}}"
              imagePullSecrets: [{name: "${PULL_SECRET}"}]
              containers: [{name: c, image: "busybox:1.36"}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {namespace: ns}
            spec:
              serviceName: x
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: c}}
                spec:
                  serviceAccountName: proxies
                  containers: [{name: c, image: "busybox:1.36"}]
            """
    }
    assert found_tokens(tmp_path, files, ["service-account-missing", "image-pull-secret-undefined", "workload-selector-mismatch"]) == []


def test_kustomize_common_labels_reach_the_templates(tmp_path):
    files = {
        "base/kustomization.yaml": "commonLabels: {app: shop}\nresources: [d.yaml, s.yaml]\n",
        "base/d.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  selector: {matchLabels: {app: shop}}\n"
        "  template:\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n",
        "base/s.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: shop}\nspec: {selector: {app: shop}, ports: [{port: 80}]}\n",
    }
    assert found_tokens(tmp_path, files, ["workload-selector-mismatch", "service-selector-no-match"]) == []


def test_networkpolicy_and_hpa_replicas_variants(tmp_path):
    files = {
        "k8s/app.yaml": """\
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: data}
            spec:
              serviceName: db
              replicas: 3
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: "postgres:16"}]}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: db, namespace: data}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
              maxReplicas: 5
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: data}
            spec:
              podSelector:
                matchExpressions: [{key: app, operator: In, values: [db]}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-other-ns, namespace: web}
            spec:
              podSelector: {matchLabels: {app: db}}
            """
    }
    got = found_tokens(tmp_path, files, ["networkpolicy-selector-no-match", "hpa-target-sets-replicas"])
    assert got == [("hpa-target-sets-replicas", "k8s/app.yaml", 6, "replicas: 3")]


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
