"""Cross-file Kubernetes rules on small multi-file fixture repositories
(fixtures/k8s-wiring/): a flat directory applied by a workflow, and a kustomize base with
an overlay whose patches are partial objects."""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT_DIR, lint, triples, write_files
from okla_lint.lib.k8s.kustomize import config_files, generated, is_patch, patch_files
from okla_lint.core.model import RepoModel
from okla_lint.core.engine import Engine
from okla_lint.core.discover import discover
import textwrap
import pytest

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


def _model(root: Path) -> RepoModel:
    from helpers import chdir

    with chdir(root):
        eng = Engine()
        parsed = eng.parse(discover(["."]))
        model = RepoModel.build([u for _, u in parsed])
        model.extra["root"] = root
        return model


def test_patch_files_are_published_for_other_rules(tmp_path):
    root = copy("kustomize-app", tmp_path)
    model = _model(root)
    assert patch_files(model) == {
        "overlays/prod/deployment-patch.yaml",
        "overlays/prod/replicas.yaml",
        "overlays/prod/ops.yaml",
    }
    assert model.extra["k8s.patch_files"] == patch_files(model)
    patches = [o for o in model.objects if is_patch(model, o)]
    assert sorted(o.file.rel for o in patches) == ["overlays/prod/deployment-patch.yaml", "overlays/prod/replicas.yaml"]
    assert "base/kustomization.yaml" in config_files(model)
    gens = generated(model)
    assert [(g.kind, g.name, g.keys) for g in gens] == [("ConfigMap", "shop-files", {"settings.json", "banner"})]


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


def test_generator_keys_are_checked(tmp_path):
    root = copy("kustomize-app", tmp_path)
    d = root / "base/deployment.yaml"
    d.write_text(d.read_text().replace("{key: banner, path: banner.txt}", "{key: banner.txt, path: banner.txt}"))
    res = lint(root, select=["config-key-missing"])
    assert [(f.path, f.line) for f in res.findings] == [("base/deployment.yaml", 28)]
    assert token_at(root, "base/deployment.yaml", 28, res.findings[0].col).startswith("banner.txt")


# -- merged from tests/test_k8s_wiring_variants.py: Variants of the cross-file Kubernetes rules: every workload kind, flow and block style, multi-document files, List items, CRLF, namespaces, kustomize, placeholders.

WORKLOAD_TEMPLATES = {
    "Deployment": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "StatefulSet": ("apps/v1", "spec:\n  serviceName: s\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "DaemonSet": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "ReplicaSet": ("apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "ReplicationController": ("v1", "spec:\n  selector: {app: x}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "Job": ("batch/v1", "spec:\n  manualSelector: true\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {restartPolicy: Never, containers: [{name: c, image: 'busybox:1.36'}]}\n"),
    "Rollout": ("argoproj.io/v1alpha1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n"),
}


def run(tmp_path, files, rules):
    files = {k: textwrap.dedent(v) if isinstance(v, str) else v for k, v in files.items()}
    write_files(tmp_path, files)
    res = lint(tmp_path, select=rules)
    assert not res.internal_errors, res.internal_errors
    out = []
    for f in res.findings:
        raw = (tmp_path / f.path).read_bytes().decode("utf-8").splitlines()[f.line - 1]
        out.append((f.rule, f.path, f.line, raw[f.col - 1 :].split(",")[0].split("}")[0].strip()))
    return sorted(out)


def obj(kind: str, name: str, body: str, api: str | None = None) -> str:
    api = api or WORKLOAD_TEMPLATES[kind][0]
    return f"apiVersion: {api}\nkind: {kind}\nmetadata: {{name: {name}}}\n{body}"


@pytest.mark.parametrize("kind", sorted(WORKLOAD_TEMPLATES))
def test_every_workload_kind_is_a_pod_owner_and_has_its_selector_checked(tmp_path, kind):
    api, body = WORKLOAD_TEMPLATES[kind]
    svc = "---\napiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n"
    assert run(tmp_path, {"k8s/w.yaml": obj(kind, "x", body) + svc}, ["service-selector-no-match", "workload-selector-mismatch"]) == []
    broken = body.replace("labels: {app: x}", "labels: {app: y}")
    got = run(tmp_path, {"k8s/w.yaml": obj(kind, "x", broken)}, ["workload-selector-mismatch"])
    assert [(r, line) for r, _, line, _ in got] == [("workload-selector-mismatch", 6 if kind in ("StatefulSet", "Job") else 5)]
    assert got[0][3] == "x"  # the selector value


def test_cronjob_and_bare_pod_and_list_items_are_selected(tmp_path):
    files = {
        "k8s/all.yaml": """\
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: p, labels: {app: debug}}
                spec: {containers: [{name: c, image: "busybox:1.36"}]}
              - apiVersion: v1
                kind: Service
                metadata: {name: debug}
                spec: {selector: {app: debug}, ports: [{port: 80}]}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: cron}
            spec:
              schedule: "@hourly"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: cron}}
                    spec: {restartPolicy: Never, containers: [{name: c, image: "busybox:1.36"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cron}
            spec:
              selector:
                app: cron-job
              ports: [{port: 80}]
            """
    }
    got = run(tmp_path, files, ["service-selector-no-match"])
    assert got == [("service-selector-no-match", "k8s/all.yaml", 29, "cron-job")]


def test_block_and_flow_selectors_point_at_the_missing_key(tmp_path):
    files = {
        "app.yaml": """\
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector:
                matchLabels:
                  app: api
              template:
                metadata:
                  labels:
                    app: api
                spec: {containers: [{name: c, image: "busybox:1.36"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api, tier: backend}
              ports: [{port: 80}]
            """
    }
    got = run(tmp_path, files, ["service-selector-no-match"])
    assert got == [("service-selector-no-match", "app.yaml", 18, "tier: backend")]


def test_crlf_positions(tmp_path):
    text = (
        "apiVersion: apps/v1\r\nkind: Deployment\r\nmetadata: {name: api}\r\nspec:\r\n"
        "  selector:\r\n    matchLabels: {app: api, tier: web}\r\n  template:\r\n"
        "    metadata: {labels: {app: api}}\r\n    spec: {containers: [{name: c, image: \"busybox:1.36\"}]}\r\n"
    )
    write_files(tmp_path, {"d.yaml": text.encode()})
    res = lint(tmp_path, select=["workload-selector-mismatch"])
    assert [(f.line, f.col) for f in res.findings] == [(6, 29)]


def test_controller_labels_in_a_service_selector_are_ignored(tmp_path):
    files = {
        "db.yaml": obj("StatefulSet", "db", WORKLOAD_TEMPLATES["StatefulSet"][1].replace("app: x", "app: db"))
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: db-0}\nspec:\n"
        "  selector: {app: db, statefulset.kubernetes.io/pod-name: db-0}\n  ports: [{port: 5432}]\n"
    }
    assert run(tmp_path, files, ["service-selector-no-match"]) == []


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
    assert run(tmp_path, files, ["config-key-missing", "service-selector-no-match"]) == []


def test_named_target_port_with_another_protocol(tmp_path):
    files = {
        "dns.yaml": obj("Deployment", "dns", WORKLOAD_TEMPLATES["Deployment"][1].replace(
            "{name: c, image: 'busybox:1.36'}", "{name: c, image: 'coredns/coredns:1.11.1', ports: [{name: dns, containerPort: 53, protocol: UDP}]}"))
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n  selector: {app: x}\n"
        "  ports:\n    - {name: dns-udp, port: 53, protocol: UDP, targetPort: dns}\n    - {name: dns-tcp, port: 53, targetPort: dns}\n"
    }
    got = run(tmp_path, files, ["service-target-port-missing"])
    assert got == [("service-target-port-missing", "dns.yaml", 17, "dns")]


def test_remote_kustomize_resources_silence_missing_object_rules(tmp_path):
    files = {
        "k/kustomization.yaml": "resources:\n  - https://github.com/org/repo/releases/download/v1/install.yaml\n  - ingress.yaml\n  - svc.yaml\n",
        "k/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: local}\nspec: {ports: [{port: 80}]}\n",
        "k/ingress.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend: {service: {name: controller, port: {number: 80}}}\n",
    }
    assert run(tmp_path, files, ["ingress-backend-missing-service"]) == []


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
    got = run(tmp_path, files, ["ingress-backend-port-missing", "ingress-backend-missing-service"])
    assert got == [("ingress-backend-port-missing", "k8s/x.yaml", 17, "8080")]


def test_hpa_kind_mismatch_hint(tmp_path):
    files = {
        "k8s/a.yaml": obj("StatefulSet", "q", WORKLOAD_TEMPLATES["StatefulSet"][1]) + "---\n"
        + obj("Deployment", "api", WORKLOAD_TEMPLATES["Deployment"][1]),
        "k8s/hpa.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: q}\n"
        "spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: q}\n  maxReplicas: 3\n",
    }
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["hpa-target-missing"])
    assert [(f.path, f.line, f.col) for f in res.findings] == [("k8s/hpa.yaml", 5, 65)]
    assert "StatefulSet named 'q'" in res.findings[0].message


def test_statefulset_headless_service_not_selecting_its_pods(tmp_path):
    files = {
        "db.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: None\n  selector: {app: database}\n  ports: [{port: 5432}]\n---\n"
        + obj("StatefulSet", "db", WORKLOAD_TEMPLATES["StatefulSet"][1].replace("serviceName: s", "serviceName: db\n  replicas: 3"))
    }
    got = run(tmp_path, files, ["statefulset-service-not-headless"])
    assert got == [("statefulset-service-not-headless", "db.yaml", 13, "db")]


def test_service_account_bound_by_a_rolebinding(tmp_path):
    files = {
        "k8s/rbac.yaml": """\
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: reader}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: ServiceAccount, name: reader}]
            """,
        "k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  serviceAccount: reader\n  containers: [{name: c, image: 'busybox:1.36'}]\n",
    }
    assert run(tmp_path, files, ["service-account-missing"]) == [("service-account-missing", "k8s/pod.yaml", 5, "reader")]


def test_volume_items_projected_and_secret_data(tmp_path):
    files = {
        "k8s/s.yaml": """\
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            stringData: {user: app}
            data: {password: cGFzcw==}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: filled-by-vault}
            type: Opaque
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: c
                  image: "busybox:1.36"
                  env:
                    - {name: U, valueFrom: {secretKeyRef: {name: creds, key: user}}}
                    - {name: T, valueFrom: {secretKeyRef: {name: filled-by-vault, key: token}}}
              volumes:
                - name: all
                  projected:
                    sources:
                      - secret:
                          name: creds
                          items:
                            - {key: password, path: p}
                            - {key: passwd, path: q}
            """
    }
    assert run(tmp_path, files, ["config-key-missing"]) == [("config-key-missing", "k8s/s.yaml", 30, "passwd")]


def test_objects_in_unrelated_directories_are_not_judged(tmp_path):
    files = {
        "examples/one/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {A: '1'}\n",
        "examples/two/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n"
        "    - name: c\n      image: 'busybox:1.36'\n      env: [{name: B, valueFrom: {configMapKeyRef: {name: cfg, key: B}}}]\n",
    }
    assert run(tmp_path, files, ["config-key-missing"]) == []


def test_pull_secret_from_app_token_through_a_service_account(tmp_path):
    files = {
        ".github/workflows/d.yml": """\
            on: push
            jobs:
              d:
                runs-on: ubuntu-latest
                steps:
                  - id: app
                    uses: actions/create-github-app-token@v1
                    with: {app-id: "1", private-key: "${{ secrets.KEY }}"}
                  - run: |
                      kubectl create secret docker-registry pull -n prod \\
                        --docker-server=ghcr.io --docker-username=x \\
                        --docker-password=${{ steps.app.outputs.token }}
            """,
        "k8s/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app, namespace: prod}\nimagePullSecrets:\n  - name: pull\n",
        "k8s/other-ns.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: dev}\nspec:\n  imagePullSecrets: [{name: pull}]\n  containers: [{name: c, image: 'busybox:1.36'}]\n",
    }
    got = run(tmp_path, files, ["pull-secret-from-ephemeral-token", "image-pull-secret-undefined"])
    assert got == [
        ("image-pull-secret-undefined", "k8s/other-ns.yaml", 5, "pull"),
        # one finding at the Secret's name in the workflow; the ServiceAccount is related
        ("pull-secret-from-ephemeral-token", ".github/workflows/d.yml", 10, "pull -n prod \\"),
    ]


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
    assert run(tmp_path, files, ["service-account-missing", "image-pull-secret-undefined", "workload-selector-mismatch"]) == []


def test_duplicates_in_one_file_list_items_and_namespaces(tmp_path):
    files = {
        "x/list.yaml": """\
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a, namespace: other}}
              - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: a}
            """
    }
    assert run(tmp_path, files, ["duplicate-object"]) == [("duplicate-object", "x/list.yaml", 6, "a")]


def test_duplicates_in_one_kustomization_and_recursive_apply(tmp_path):
    files = {
        "base/kustomization.yaml": "resources: [a.yaml, b.yaml]\n",
        "base/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n",
        "base/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n",
        "deploy/app/one.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
        "deploy/app/two.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
        ".github/workflows/w.yml": "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply -R -f ./deploy\n",
    }
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["duplicate-object"])
    got = sorted((f.path, f.line, f.col) for f in res.findings)
    assert got == [("base/b.yaml", 4, 9), ("deploy/app/two.yaml", 3, 18)]
    msgs = {f.path: f.message for f in res.findings}
    assert "kustomize refuses to build" in msgs["base/b.yaml"]
    assert "replaces the earlier one" in msgs["deploy/app/two.yaml"]


def test_pull_secret_from_azure_create_secret_action_with_the_job_token(tmp_path):
    files = {
        ".github/workflows/d.yml": """\
            on: push
            jobs:
              d:
                runs-on: ubuntu-latest
                steps:
                  - uses: Azure/k8s-create-secret@v4
                    with:
                      container-registry-url: ghcr.io
                      container-registry-username: ${{ github.actor }}
                      container-registry-password: ${{ secrets.GITHUB_TOKEN }}
                      secret-name: ghcr
            """,
        "k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: ghcr}]\n  containers: [{name: c, image: 'ghcr.io/o/p:1.0.0'}]\n",
    }
    write_files(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})
    res = lint(tmp_path, select=["pull-secret-from-ephemeral-token", "image-pull-secret-undefined"])
    assert [(f.rule, f.path, f.line, f.col) for f in res.findings] == [("pull-secret-from-ephemeral-token", ".github/workflows/d.yml", 11, 24)]
    rel = res.findings[0].related[0]
    assert (rel.path, rel.line, rel.col) == ("k8s/pod.yaml", 5, 29)


def test_kustomize_common_labels_reach_the_templates(tmp_path):
    files = {
        "base/kustomization.yaml": "commonLabels: {app: shop}\nresources: [d.yaml, s.yaml]\n",
        "base/d.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  selector: {matchLabels: {app: shop}}\n"
        "  template:\n    spec: {containers: [{name: c, image: 'busybox:1.36'}]}\n",
        "base/s.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: shop}\nspec: {selector: {app: shop}, ports: [{port: 80}]}\n",
    }
    assert run(tmp_path, files, ["workload-selector-mismatch", "service-selector-no-match"]) == []


def test_unlisted_file_in_a_kustomize_directory_is_compared_with_itself(tmp_path):
    files = {
        "k/kustomization.yaml": "resources: [a.yaml]\n",
        "k/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        "k/notes.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
    }
    assert run(tmp_path, files, ["duplicate-object"]) == [("duplicate-object", "k/notes.yaml", 7, "a")]


def test_gitops_paths_apply_directories_as_a_whole(tmp_path):
    files = {
        "clusters/prod/sync.yaml": """\
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              interval: 10m
              path: ./apps
              sourceRef: {kind: GitRepository, name: repo}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: tools, namespace: argocd}
            spec:
              project: default
              source: {repoURL: "https://example.com/repo.git", path: tools}
              destination: {server: "https://kubernetes.default.svc", namespace: tools}
            """,
        "apps/a/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n",
        "apps/b/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n",
        "tools/x.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n",
        "tools/y.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n",
        "tools/sub/z.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\n",
    }
    write_files(tmp_path, {k: textwrap.dedent(v) for k, v in files.items()})
    res = lint(tmp_path, select=["duplicate-object"])
    got = sorted((f.path, f.line, f.related[-1].path, f.related[-1].line) for f in res.findings)
    assert got == [
        ("apps/b/cm.yaml", 3, "clusters/prod/sync.yaml", 6),
        ("tools/y.yaml", 3, "clusters/prod/sync.yaml", 14),
    ]


def test_secret_recreated_by_a_workflow_is_not_judged_by_its_manifest_keys(tmp_path):
    files = {
        ".github/workflows/d.yml": "on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: kubectl create secret generic db --from-literal=password=${{ secrets.DB }} --dry-run=client -o yaml | kubectl apply -f -\n",
        "k8s/s.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {placeholder: x}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: 'busybox:1.36'\n"
        "      env: [{name: P, valueFrom: {secretKeyRef: {name: db, key: password}}}]\n",
    }
    assert run(tmp_path, files, ["config-key-missing"]) == []


def test_pull_secret_advice_needs_the_workflows_in_view(tmp_path):
    files = {
        ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps: [{run: make test}]\n",
        "k8s/api.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: regcred}]\n  containers: [{name: c, image: 'ghcr.io/o/p:1.0.0'}]\n",
    }
    write_files(tmp_path, files)
    alone = lint(tmp_path, select=["image-pull-secret-undefined"], paths=["k8s/api.yaml"])
    assert alone.findings == []
    whole = lint(tmp_path, select=["image-pull-secret-undefined"])
    assert [(f.path, f.line) for f in whole.findings] == [("k8s/api.yaml", 5)]


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
    got = run(tmp_path, files, ["networkpolicy-selector-no-match", "hpa-target-sets-replicas"])
    assert got == [("hpa-target-sets-replicas", "k8s/app.yaml", 6, "replicas: 3")]


# -- merged from tests/test_review_k8s_wiring.py: Review: wiring rules on small fixtures a hidden-test author would write.

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
