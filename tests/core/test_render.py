"""Rendering kustomize overlays (okla_lint.core.render, issue 16): what is rendered, how
findings on rendered objects are mapped back to the source file, line and column, and
what is never done (network, files left behind)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import chdir, lint, triples, write_files
from okla_lint.cli import cli
from okla_lint.core import render
from okla_lint.core.files import parse_file
from okla_lint.core.model import RepoModel

needs_kustomize = pytest.mark.skipif(
    render.find_tool() is None, reason="neither kubectl nor kustomize is on PATH: overlays cannot be rendered"
)
pytestmark = needs_kustomize

BASE = {
    "k8s/base/kustomization.yaml": """\
resources:
  - deploy.yaml
  - service.yaml
configMapGenerator:
  - name: api-config
    literals:
      - LOG_LEVEL=info
secretGenerator:
  - name: api-secret
    literals:
      - PASSWORD=s3cret
""",
    "k8s/base/deploy.yaml": """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ghcr.io/shop/api:1.4.2
          ports:
            - {name: http, containerPort: 8080}
          env:
            - name: DB_URL
              value: "postgres://app:$(DB_PASS)@db/shop"
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef: {name: api-config, key: LOG_LEVEL}
            - name: DEBUG
              valueFrom:
                configMapKeyRef: {name: api-config, key: DEBUG}
            - name: PASSWORD
              valueFrom:
                secretKeyRef: {name: api-secret, key: PASSWORD}
""",
    "k8s/base/service.yaml": """\
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
    - {port: 80, targetPort: http}
""",
}

PROD = {
    "k8s/overlays/prod/kustomization.yaml": """\
namePrefix: prod-
namespace: shop-prod
resources:
  - ../../base
  - ingress.yaml
  - hpa.yaml
images:
  - name: ghcr.io/shop/api
    newTag: latest
replicas:
  - name: api
    count: 3
patches:
  - path: env-patch.yaml
  - target: {kind: Deployment, name: api}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/livenessProbe
        value:
          periodSeconds: 10
""",
    "k8s/overlays/prod/env-patch.yaml": """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          env:
            - name: DB_PASS
              value: from-vault
""",
    "k8s/overlays/prod/ingress.yaml": """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service: {name: prod-api, port: {number: 80}}
""",
    "k8s/overlays/prod/hpa.yaml": """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 2
  maxReplicas: 5
""",
}

RULES = [
    "config-key-missing", "image-mutable-tag", "hpa-target-sets-replicas", "probe-handler-count",
    "env-undefined-ref", "env-ref-before-definition", "ingress-backend-missing-service",
    "service-selector-no-match", "kustomize-build-failed", "gateway-route-no-service",
]


def by_rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


# -- what the cluster receives, at the source lines ----------------------------------------------
def test_overlay_findings_sit_at_the_lines_that_wrote_them(tmp_path):
    write_files(tmp_path, {**BASE, **PROD})
    result = lint(tmp_path, select=RULES)
    assert not result.internal_errors
    assert triples(result) == [
        # a key the base asks of a generated ConfigMap (the reference renamed with its hash)
        ("config-key-missing", "k8s/base/deploy.yaml:25:58"),
        # `images: newTag: latest` made the tag
        ("hpa-target-sets-replicas", "k8s/overlays/prod/kustomization.yaml:12:12"),
        ("image-mutable-tag", "k8s/overlays/prod/kustomization.yaml:9:13"),
        # the livenessProbe an inline JSON 6902 patch adds: its name in the op's path
        ("probe-handler-count", "k8s/overlays/prod/kustomization.yaml:18:48"),
    ]
    # DB_PASS comes from the overlay's patch (rendered before DB_URL); the Ingress names the
    # prefixed Service; the secret and the existing key resolve through the hashed names
    for f in result.findings:
        assert f.message.endswith("(in overlay k8s/overlays/prod)"), f.message
    assert "Deployment/shop-prod/prod-api" in by_rule(result, "image-mutable-tag")[0].message
    # nothing of the temporary wrapper is left in the project
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(render.RENDER_DIR_PREFIX)]


def test_without_rendering_the_files_are_read_one_by_one(tmp_path):
    write_files(tmp_path, {**BASE, **PROD})
    assert triples(lint(tmp_path, select=RULES, render=False)) == [
        ("config-key-missing", "k8s/base/deploy.yaml:25:58"),
        ("env-undefined-ref", "k8s/base/deploy.yaml:19:38"),
        ("ingress-backend-missing-service", "k8s/overlays/prod/ingress.yaml:12:31"),
    ]


def test_a_gateway_route_that_names_the_prefixed_service(tmp_path):
    ocelot = ('{"Routes": [{"UpstreamPathTemplate": "/api/{x}", "DownstreamPathTemplate": "/{x}", '
              '"DownstreamScheme": "http", "DownstreamHostAndPorts": [{"Host": "prod-api", "Port": 80}, '
              '{"Host": "prod-apx", "Port": 80}]}]}\n')
    write_files(tmp_path, {**BASE, **PROD, "gateway/ocelot.json": ocelot})
    result = lint(tmp_path, select=["gateway-route-no-service", "gateway-route-port-mismatch"])
    # 'prod-api' is the rendered Service; 'prod-apx' is not, and the Service it probably
    # means is shown where it is written (the base's name, which the prefix renames)
    assert triples(result) == [("gateway-route-no-service", "gateway/ocelot.json:1:182")]
    f = result.findings[0]
    assert "did you mean 'prod-api'?" in f.message
    assert [(r.path, r.line, r.col, r.message) for r in f.related] == [("k8s/base/service.yaml", 4, 3, "Service 'prod-api'")]


# -- env order: the base is not the truth ------------------------------------------------------
def test_env_defined_by_the_overlay_comes_first(tmp_path):
    # base `DB_URL=$(DB_PASS)` + an overlay patch adding DB_PASS: rendered DB_PASS first
    write_files(tmp_path, {**BASE, **PROD})
    result = lint(tmp_path, select=["env-undefined-ref", "env-ref-before-definition"])
    assert triples(result) == []


def test_env_reference_added_by_the_overlay_comes_before_its_definition(tmp_path):
    base = BASE["k8s/base/deploy.yaml"].replace(
        '            - name: DB_URL\n              value: "postgres://app:$(DB_PASS)@db/shop"\n',
        "            - name: DB_PASS\n              value: from-vault\n",
    )
    patch = PROD["k8s/overlays/prod/env-patch.yaml"].replace(
        "            - name: DB_PASS\n              value: from-vault\n",
        '            - name: DB_URL\n              value: "postgres://app:$(DB_PASS)@db"\n',
    )
    write_files(tmp_path, {**BASE, **PROD, "k8s/base/deploy.yaml": base, "k8s/overlays/prod/env-patch.yaml": patch})
    result = lint(tmp_path, select=["env-undefined-ref", "env-ref-before-definition"])
    assert triples(result) == [("env-ref-before-definition", "k8s/overlays/prod/env-patch.yaml:12:38")]
    msg = result.findings[0].message
    # the line of the definition is the base's, not the rendered text's
    assert "(k8s/base/deploy.yaml line 18)" in msg and msg.endswith("(in overlay k8s/overlays/prod)")
    # file by file, the base alone is in order and the patch is a partial object
    assert triples(lint(tmp_path, select=["env-undefined-ref", "env-ref-before-definition"], render=False)) == []


# -- patches: strategic merge and JSON 6902, inline and in files; components --------------------
def test_inline_strategic_merge_patch_and_json6902_file(tmp_path):
    kust = """\
resources:
  - ../../base
patchesStrategicMerge:
  - |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: api
    spec:
      template:
        spec:
          containers:
            - name: api
              startupProbe:
                failureThreshold: 30
patchesJson6902:
  - target: {group: apps, version: v1, kind: Deployment, name: api}
    path: image.yaml
"""
    ops = """\
- op: replace
  path: /spec/template/spec/containers/0/image
  value: ghcr.io/shop/api
"""
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust, "k8s/overlays/dev/image.yaml": ops})
    result = lint(tmp_path, select=["probe-handler-count", "image-mutable-tag"])
    assert triples(result) == [
        ("image-mutable-tag", "k8s/overlays/dev/image.yaml:3:10"),
        ("probe-handler-count", "k8s/overlays/dev/kustomization.yaml:14:15"),
    ]


def test_patch_file_with_patches_path_and_a_component(tmp_path):
    comp = """\
apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: api
      spec:
        template:
          spec:
            containers:
              - name: sidecar
                image: busybox
"""
    kust = "resources:\n  - ../../base\ncomponents:\n  - ../../components/sidecar\n"
    write_files(tmp_path, {**BASE, "k8s/components/sidecar/kustomization.yaml": comp,
                           "k8s/overlays/dev/kustomization.yaml": kust})
    result = lint(tmp_path, select=["image-mutable-tag"])
    assert triples(result) == [("image-mutable-tag", "k8s/components/sidecar/kustomization.yaml:14:24")]
    assert result.findings[0].message.endswith("(in overlay k8s/overlays/dev)")


# -- one defect of the base, several overlays ---------------------------------------------------
def test_the_same_base_defect_in_two_overlays_is_one_finding(tmp_path):
    write_files(tmp_path, {
        **BASE,
        "k8s/overlays/dev/kustomization.yaml": "namespace: dev\nresources:\n  - ../../base\n",
        "k8s/overlays/prod/kustomization.yaml": "namespace: prod\nresources:\n  - ../../base\n",
    })
    result = lint(tmp_path, select=["config-key-missing"])
    assert triples(result) == [("config-key-missing", "k8s/base/deploy.yaml:25:58")]
    f = result.findings[0]
    assert f.message.endswith("(in overlays k8s/overlays/dev and k8s/overlays/prod)")
    # the rule's own related location (the generator), then the other overlay
    assert [(r.path, r.line, r.col) for r in f.related] == [
        ("k8s/base/kustomization.yaml", 5, 11), ("k8s/overlays/prod/kustomization.yaml", 1, 1)]
    assert f.to_dict()["related"][1]["message"] == "the same in overlay k8s/overlays/prod"


# -- entry points ---------------------------------------------------------------------------------
def test_workflow_argo_and_flux_entry_points(tmp_path):
    wf = """\
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: kubectl apply -k k8s/base
"""
    argo = """\
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop}
spec:
  source: {repoURL: https://example.com/shop.git, path: k8s/overlays/dev}
  destination: {server: https://kubernetes.default.svc, namespace: dev}
  project: default
"""
    flux = """\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: shop}
spec:
  path: ./k8s/overlays/dev
  interval: 10m
  sourceRef: {kind: GitRepository, name: shop}
"""
    files = {**BASE, "k8s/overlays/dev/kustomization.yaml": "namespace: dev\nresources:\n  - ../../base\n",
             "k8s/overlays/all/kustomization.yaml": "resources:\n  - ../dev\n"}
    write_files(tmp_path, {**files, ".github/workflows/deploy.yml": wf})
    # overlays/dev is included by overlays/all, base by overlays/dev: the workflow applies base
    result = lint(tmp_path, select=["config-key-missing"])
    assert result.findings[0].message.endswith("(in overlays k8s/base and k8s/overlays/all)")
    for name, doc in (("argo", argo), ("flux", flux)):
        d = tmp_path / name
        write_files(d, {**files, "deploy/app.yaml": doc})
        result = lint(d, select=["config-key-missing"])
        assert result.findings[0].message.endswith("(in overlays k8s/overlays/all and k8s/overlays/dev)"), name


# -- failures and what is never rendered ----------------------------------------------------------
def test_a_broken_overlay_is_a_finding_and_its_files_are_read_one_by_one(tmp_path):
    kust = "resources:\n  - ../../base\n  - missing.yaml\n"
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust})
    result = lint(tmp_path, select=["kustomize-build-failed", "env-undefined-ref"])
    assert triples(result) == [
        ("env-undefined-ref", "k8s/base/deploy.yaml:19:38"),
        ("kustomize-build-failed", "k8s/overlays/dev/kustomization.yaml:3:5"),
    ]
    msg = by_rule(result, "kustomize-build-failed")[0].message
    assert "missing.yaml" in msg and str(tmp_path) not in msg and "okla-lint-render" not in msg
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(render.RENDER_DIR_PREFIX)]


def test_an_invalid_kustomization_points_at_the_unknown_field(tmp_path):
    kust = "resources:\n  - ../../base\nnamePrefx: dev-\n"
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust})
    result = lint(tmp_path, select=["kustomize-build-failed"])
    assert triples(result) == [("kustomize-build-failed", "k8s/overlays/dev/kustomization.yaml:3:1")]
    assert 'unknown field "namePrefx"' in result.findings[0].message


@pytest.mark.parametrize("op, path, at", [
    ("replace", "/spec/replicasx/0", "k8s/overlays/dev/kustomization.yaml:7:15"),  # "doc is missing path"
    ("add", "/metadata/labels/x", "k8s/overlays/dev/kustomization.yaml:7:15"),  # the path quoted
    ("remove", "/spec/template/spec/volumes", "k8s/overlays/dev/kustomization.yaml:7:15"),  # "error in remove"
    ("test", "/spec/paused", "k8s/overlays/dev/kustomization.yaml:7:15"),  # "testing value ... failed"
])
def test_a_json_patch_operation_that_does_not_apply_points_at_its_path(tmp_path, op, path, at):
    # it was reported at 1:1 (the kustomization's first key), the document start
    kust = ("resources:\n  - ../../base\npatches:\n  - target: {kind: Deployment}\n    patch: |-\n"
            f"      - op: {op}\n        path: {path}\n        value: y\n")
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust})
    result = lint(tmp_path, select=["kustomize-build-failed"])
    assert triples(result) == [("kustomize-build-failed", at)]
    assert path in result.findings[0].message


def test_a_json_patch_file_that_does_not_apply_points_at_its_entry(tmp_path):
    kust = "resources:\n  - ../../base\npatches:\n  - path: ops.yaml\n    target: {kind: Deployment, name: api}\n"
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust,
                           "k8s/overlays/dev/ops.yaml": "- op: replace\n  path: /spec/nope/0\n  value: 3\n"})
    result = lint(tmp_path, select=["kustomize-build-failed"])
    assert triples(result) == [("kustomize-build-failed", "k8s/overlays/dev/kustomization.yaml:4:11")]


def test_a_value_of_the_wrong_type_points_at_the_value(tmp_path):
    # `newTag: 1.2` is a number: "cannot unmarshal number into Go struct field
    # Image.images.newTag of type string"; it was reported at 1:1
    kust = "resources:\n  - ../../base\nimages:\n  - name: ghcr.io/shop/api\n    newName: x\n  - name: nginx\n    newTag: 1.2\n"
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust})
    result = lint(tmp_path, select=["kustomize-build-failed"])
    assert triples(result) == [("kustomize-build-failed", "k8s/overlays/dev/kustomization.yaml:7:13")]
    assert "newTag" in result.findings[0].message


IGNORE_IMAGE = '    okla-lint.io/ignore: "image-mutable-tag, probe-handler-count"\n'


def test_the_ignore_annotation_of_a_rendered_object_covers_its_findings_at_overlay_lines(tmp_path):
    # the base's annotation is on the object the cluster receives: the `newTag: latest`
    # finding (mapped to the overlay's images: line) and the patched probe are suppressed,
    # and the annotation is not reported unused (its --fix would remove it)
    deploy = BASE["k8s/base/deploy.yaml"].replace("  name: api\n", "  name: api\n  annotations:\n" + IGNORE_IMAGE, 1)
    write_files(tmp_path, {**BASE, **PROD, "k8s/base/deploy.yaml": deploy})
    result = lint(tmp_path, select=["image-mutable-tag", "probe-handler-count", "unused-suppression"])
    assert triples(result) == []
    result = lint(tmp_path, select=["image-mutable-tag", "probe-handler-count", "unused-suppression"], no_ignores=True)
    assert [r for r, _ in triples(result)] == ["image-mutable-tag", "probe-handler-count"]


def test_an_ignore_annotation_the_overlay_adds_covers_the_rendered_object(tmp_path):
    prod = dict(PROD)
    prod["k8s/overlays/prod/kustomization.yaml"] = (
        'commonAnnotations:\n  okla-lint.io/ignore: "image-mutable-tag"\n' + PROD["k8s/overlays/prod/kustomization.yaml"])
    write_files(tmp_path, {**BASE, **prod})
    result = lint(tmp_path, select=["image-mutable-tag", "probe-handler-count", "unused-suppression"])
    assert triples(result) == [("probe-handler-count", "k8s/overlays/prod/kustomization.yaml:20:48")]


def test_a_pod_template_ignore_annotation_covers_the_template_only(tmp_path):
    deploy = BASE["k8s/base/deploy.yaml"].replace(
        "      labels: {app: api}\n", "      labels: {app: api}\n      annotations:\n    " + IGNORE_IMAGE, 1)
    write_files(tmp_path, {**BASE, **PROD, "k8s/base/deploy.yaml": deploy})
    result = lint(tmp_path, select=["image-mutable-tag", "probe-handler-count", "unused-suppression"])
    assert triples(result) == []


def test_remote_bases_are_never_given_to_kustomize(tmp_path, monkeypatch):
    kust = "resources:\n  - ../../base\n  - https://github.com/example/shop//k8s?ref=v1\n"
    # a resource missing locally that kustomize would take for a repository
    other = "resources:\n  - ../../base\n  - example.org/shop/k8s\n"
    write_files(tmp_path, {**BASE, "k8s/overlays/dev/kustomization.yaml": kust, "k8s/overlays/qa/kustomization.yaml": other})
    calls = []
    real = subprocess.run
    monkeypatch.setattr(render.subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    from okla_lint.core.engine import Engine
    from okla_lint.core.settings import Settings

    with chdir(tmp_path):
        engine = Engine(Settings(select=["env-undefined-ref"]))
        result = engine.run_paths(["."])
    assert calls == []
    assert triples(result) == [("env-undefined-ref", "k8s/base/deploy.yaml:19:38")]
    assert any("k8s/overlays/dev not rendered: remote resource" in n for n in engine.notes)
    assert any("k8s/overlays/qa not rendered: remote resource 'example.org/shop/k8s'" in n for n in engine.notes)


def test_kustomize_runs_offline_and_leaves_nothing_behind_on_timeout(tmp_path, monkeypatch):
    write_files(tmp_path, BASE)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    seen = {}
    real = subprocess.run

    def spy(*a, **k):
        seen.update(k["env"])
        return real(*a, **k)

    monkeypatch.setattr(render.subprocess, "run", spy)
    out, err, _ = render.run_kustomize(render.find_tool(), tmp_path, tmp_path / "k8s/base")
    assert err is None and "config.kubernetes.io/origin" in out
    assert not any(k.lower().endswith("_proxy") for k in seen) and seen["GIT_TERMINAL_PROMPT"] == "0"

    def slow(*a, **k):
        raise subprocess.TimeoutExpired(a[0], k.get("timeout"))

    monkeypatch.setattr(render.subprocess, "run", slow)
    out, err, _ = render.run_kustomize(render.find_tool(), tmp_path, tmp_path / "k8s/base", timeout=0.01)
    assert out is None and "did not finish" in err
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(render.RENDER_DIR_PREFIX)]
    assert sorted(p.name for p in (tmp_path / "k8s/base").iterdir()) == ["deploy.yaml", "kustomization.yaml", "service.yaml"]


def test_renders_are_cached_by_content(tmp_path, monkeypatch):
    write_files(tmp_path, {**BASE, **PROD})
    monkeypatch.setattr(render, "_CACHE", {})
    calls = []
    real = render.run_kustomize
    monkeypatch.setattr(render, "run_kustomize", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    first = triples(lint(tmp_path, select=RULES))
    assert triples(lint(tmp_path, select=RULES)) == first and len(calls) == 1
    (tmp_path / "k8s/overlays/prod/env-patch.yaml").write_text(PROD["k8s/overlays/prod/env-patch.yaml"] + "\n")
    lint(tmp_path, select=RULES)
    assert len(calls) == 2


def test_no_tool_falls_back_and_says_so_once(tmp_path, monkeypatch):
    write_files(tmp_path, {**BASE, **PROD})
    monkeypatch.setattr(render, "find_tool", lambda: None)
    with chdir(tmp_path):
        r = CliRunner().invoke(cli, ["check", "--select", "env-undefined-ref", "."])
    assert "k8s/base/deploy.yaml:19:38" in r.stdout
    notes = [ln for ln in r.stderr.splitlines() if "not on PATH" in ln] if hasattr(r, "stderr") else []
    assert len(notes) == 1


def test_no_render_flag_and_setting(tmp_path):
    write_files(tmp_path, {**BASE, **PROD})
    with chdir(tmp_path):
        on = CliRunner().invoke(cli, ["check", "--select", "env-undefined-ref", "."])
        off = CliRunner().invoke(cli, ["check", "--select", "env-undefined-ref", "--no-render", "."])
        (tmp_path / ".okla-lint.yaml").write_text("render: false\n")
        cfg = CliRunner().invoke(cli, ["check", "--select", "env-undefined-ref", "."])
    assert "deploy.yaml" not in on.stdout
    assert "k8s/base/deploy.yaml:19:38" in off.stdout and "k8s/base/deploy.yaml:19:38" in cfg.stdout


# -- the mapping itself: transformers and generators ----------------------------------------------
def _rendered(root: Path):
    units = []
    for p in sorted(root.rglob("*.yaml")):
        u = parse_file(p, p.relative_to(root).as_posix())
        if u is not None:
            units.append(u)
    rels = [u.rel for u in units if u.path.name in render.KUSTOMIZATION_NAMES]
    r = render.Renders(root, render.find_tool())
    for e in render.initial_entries(root.resolve(), rels):
        r.submit(e, "")
    return render.complete(r, units, RepoModel.build(units))


def _where(res, kind, *path, key=False):
    u = res.units[0]
    for d in u.render.docs:
        if d.root.get("kind") == kind:
            node = d.root
            for p in path[:-1]:
                node = node[p]
            span = node.key_span(path[-1]) if key else (node.value_span(path[-1]) if isinstance(node, dict) else node.item_span(path[-1]))
            src, s = u.render.map(u, span)
            return f"{src.rel}:{s.line}:{s.col}"
    raise AssertionError(kind)


def test_transformer_values_point_at_the_kustomization_line(tmp_path):
    kust = PROD["k8s/overlays/prod/kustomization.yaml"].replace("namePrefix: prod-\n", "namePrefix: prod-\nnameSuffix: -v2\n")
    write_files(tmp_path, {**BASE, **PROD, "k8s/overlays/prod/kustomization.yaml": kust})
    res = _rendered(tmp_path)
    assert len(res.units) == 1 and res.failures == []
    # origin annotations are stripped from what rules see
    for d in res.units[0].render.docs:
        assert "config.kubernetes.io/origin" not in str(d.root.get("metadata"))
    assert _where(res, "Deployment", "metadata", "name") == "k8s/overlays/prod/kustomization.yaml:1:13"
    assert _where(res, "Deployment", "metadata", "namespace") == "k8s/overlays/prod/kustomization.yaml:3:12"
    assert _where(res, "Deployment", "spec", "replicas") == "k8s/overlays/prod/kustomization.yaml:13:12"
    assert _where(res, "Deployment", "spec", "selector", "matchLabels", "app") == "k8s/base/deploy.yaml:7:24"
    assert _where(res, "Service", "spec", "ports", 0, "targetPort") == "k8s/base/service.yaml:8:30"
    # generated objects: their names carry the overlay's prefix (where a wrong name comes
    # from), their keys the generator's literal
    assert _where(res, "ConfigMap", "metadata", "name") == "k8s/overlays/prod/kustomization.yaml:1:13"
    assert _where(res, "ConfigMap", "data", "LOG_LEVEL", key=True) == "k8s/base/kustomization.yaml:7:9"
    assert _where(res, "Secret", "data", "PASSWORD") == "k8s/base/kustomization.yaml:11:9"
    # without a prefix, a generated name is the generator's entry
    (tmp_path / "k8s/overlays/prod/kustomization.yaml").write_text(kust.replace("namePrefix: prod-\nnameSuffix: -v2\n", ""))
    res = _rendered(tmp_path)
    assert _where(res, "ConfigMap", "metadata", "name") == "k8s/base/kustomization.yaml:5:11"
    assert _where(res, "Secret", "metadata", "name") == "k8s/base/kustomization.yaml:9:11"
    # the files the overlay read are not linted raw; the overlay's kustomization too
    assert res.reached >= {"k8s/base/deploy.yaml", "k8s/overlays/prod/env-patch.yaml", "k8s/overlays/prod/kustomization.yaml"}


def test_a_buffer_that_differs_from_the_disk_is_not_mapped_onto_a_render(tmp_path):
    # editors lint unsaved buffers: kustomize reads the disk, so an overlay that reads a
    # changed buffer is linted file by file; an unchanged buffer gets the rendered view
    from okla_lint.core.engine import Engine
    from okla_lint.core.settings import Settings

    write_files(tmp_path, {**BASE, **PROD, ".git/HEAD": "ref: refs/heads/main\n"})
    text = BASE["k8s/base/deploy.yaml"]
    with chdir(tmp_path):
        same = Engine(Settings(select=["env-undefined-ref", "config-key-missing"])).run_text(text, "k8s/base/deploy.yaml", True)
        engine = Engine(Settings(select=["env-undefined-ref", "config-key-missing"]))
        edited = engine.run_text(text.replace("LOG_LEVEL}", "LOG_LEVEL }"), "k8s/base/deploy.yaml", True)
    assert triples(same) == [("config-key-missing", "k8s/base/deploy.yaml:25:58")]
    assert same.findings[0].message.endswith("(in overlay k8s/overlays/prod)")
    assert triples(edited) == [("config-key-missing", "k8s/base/deploy.yaml:25:58"), ("env-undefined-ref", "k8s/base/deploy.yaml:19:38")]
    assert any("differs from the file on disk" in n for n in engine.notes)


def test_suppressions_in_the_source_apply_to_overlay_findings(tmp_path):
    deploy = BASE["k8s/base/deploy.yaml"].replace(
        "                configMapKeyRef: {name: api-config, key: DEBUG}\n",
        "                configMapKeyRef: {name: api-config, key: DEBUG}  # okla-lint: ignore[config-key-missing] set by the chart\n",
    )
    write_files(tmp_path, {**BASE, **PROD, "k8s/base/deploy.yaml": deploy})
    result = lint(tmp_path, select=["config-key-missing", "unused-suppression"])
    assert triples(result) == []


def test_sarif_and_json_carry_the_other_overlays(tmp_path):
    import json

    write_files(tmp_path, {
        **BASE,
        "k8s/overlays/dev/kustomization.yaml": "namespace: dev\nresources:\n  - ../../base\n",
        "k8s/overlays/prod/kustomization.yaml": "namespace: prod\nresources:\n  - ../../base\n",
    })
    with chdir(tmp_path):
        out = CliRunner().invoke(cli, ["check", "--select", "config-key-missing", "--format", "sarif", "."]).stdout
    res = json.loads(out)["runs"][0]["results"]
    assert len(res) == 1
    rel = [r["physicalLocation"]["artifactLocation"]["uri"] for r in res[0]["relatedLocations"]]
    assert rel[-1] == "k8s/overlays/prod/kustomization.yaml"


def test_findings_in_excluded_bases_are_dropped(tmp_path):
    write_files(tmp_path, {**BASE, **PROD, ".okla-lint.yaml": "exclude: [k8s/base]\n"})
    with chdir(tmp_path):
        from okla_lint.config import load_settings
        from okla_lint.core.catalogue import load_catalogue
        from okla_lint.core.engine import Engine

        settings = load_settings(load_catalogue(), None, ["."])
        settings.select = RULES
        result = Engine(settings).run_paths(["."])
    # the base is excluded: what the overlay itself sets is still judged at its lines
    assert triples(result) == [
        ("hpa-target-sets-replicas", "k8s/overlays/prod/kustomization.yaml:12:12"),
        ("image-mutable-tag", "k8s/overlays/prod/kustomization.yaml:9:13"),
        ("probe-handler-count", "k8s/overlays/prod/kustomization.yaml:18:48"),
    ]


def test_a_kustomization_at_the_project_root(tmp_path):
    # the temporary wrapper cannot sit inside the folder it includes (kustomize refuses the
    # cycle): the root's own kustomization renders all the same
    write_files(tmp_path, {**BASE, "kustomization.yaml": "namespace: shop\nresources:\n  - k8s/base\n"})
    result = lint(tmp_path, select=["config-key-missing", "kustomize-build-failed"])
    assert triples(result) == [("config-key-missing", "k8s/base/deploy.yaml:25:58")]
    assert result.findings[0].message.endswith("(in overlay .)")
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(render.RENDER_DIR_PREFIX)]


def test_a_name_the_prefix_makes_invalid_points_at_the_prefix(tmp_path):
    write_files(tmp_path, {
        "k8s/base/kustomization.yaml": "resources: [cm.yaml]\n",
        "k8s/base/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: api}\ndata: {A: '1'}\n",
        "k8s/overlays/dev/kustomization.yaml": (
            "namePrefix: Dev_\nresources: [../../base]\nconfigMapGenerator:\n  - name: extra\n    literals: [B=2]\n"
        ),
    })
    result = lint(tmp_path, select=["object-name-invalid"])
    # both names come from the prefix: the ConfigMap of the base and the generated one
    assert triples(result) == [("object-name-invalid", "k8s/overlays/dev/kustomization.yaml:1:13")]
    assert result.findings[0].message.endswith("(in overlay k8s/overlays/dev)")
    # read file by file, the base's name is valid
    assert triples(lint(tmp_path, select=["object-name-invalid"], render=False)) == []


def test_a_project_where_the_wrapper_cannot_be_written_is_read_file_by_file(tmp_path, monkeypatch):
    write_files(tmp_path, {**BASE, **PROD})
    monkeypatch.setattr(render, "_CACHE", {})

    def refuse(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(render.tempfile, "mkdtemp", refuse)
    from okla_lint.core.engine import Engine
    from okla_lint.core.settings import Settings

    with chdir(tmp_path):
        engine = Engine(Settings(select=["env-undefined-ref", "kustomize-build-failed"]))
        result = engine.run_paths(["."])
    # not a build failure: kustomize was never asked
    assert triples(result) == [("env-undefined-ref", "k8s/base/deploy.yaml:19:38")]
    assert any("wrapper kustomization cannot be created" in n for n in result.notes)


def test_renders_are_kept_in_the_run_cache(tmp_path, monkeypatch):
    # the run cache (.okla-lint-cache) keeps renders by the content they read: a change
    # elsewhere in the project re-lints without running kustomize again
    write_files(tmp_path, {**BASE, **PROD})
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    monkeypatch.setenv("OKLA_LINT_CACHE_DIR", str(cache))
    monkeypatch.setattr(render, "_CACHE", {})
    calls = []
    real = render.run_kustomize
    monkeypatch.setattr(render, "run_kustomize", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    with chdir(tmp_path):
        first = CliRunner().invoke(cli, ["check", "--select", "config-key-missing", "."]).stdout
        monkeypatch.setattr(render, "_CACHE", {})  # a new process
        (tmp_path / "unrelated.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n-x\n")
        again = CliRunner().invoke(cli, ["check", "--select", "config-key-missing,parse-error", "."]).stdout
    # the second run ran (it reports the new file) without kustomize
    assert "unrelated.yaml" in again and "k8s/base/deploy.yaml:25:58" in first and "k8s/base/deploy.yaml:25:58" in again
    assert len(calls) == 1


def test_wrappers_left_by_a_killed_run_are_removed_and_nothing_else(tmp_path):
    old = tmp_path / (render.RENDER_DIR_PREFIX + "left")
    mine = tmp_path / (render.RENDER_DIR_PREFIX + "user")
    fresh = tmp_path / (render.RENDER_DIR_PREFIX + "running")
    for d in (old, mine, fresh):
        d.mkdir()
    (old / "kustomization.yaml").write_text(render._MARKER + "resources: [../k8s]\n")
    (fresh / "kustomization.yaml").write_text(render._MARKER + "resources: [../k8s]\n")
    (mine / "kustomization.yaml").write_text("resources: [../k8s]\n")  # not ours: kept
    past = 1_000_000_000
    os.utime(old, (past, past))
    os.utime(mine, (past, past))
    render.remove_stale_wrappers(tmp_path, 300)
    assert not old.exists() and mine.exists() and fresh.exists()
