"""Cross-file Kubernetes rules on small multi-file fixture repositories
(fixtures/k8s-wiring/): a flat directory applied by a workflow, and a kustomize base with
an overlay whose patches are partial objects."""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers import lint
from okla_lint.lib.k8s.kustomize import config_files, generated, is_patch, patch_files
from okla_lint.core.model import RepoModel
from okla_lint.core.engine import Engine
from okla_lint.core.discover import discover

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "k8s-wiring"
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
