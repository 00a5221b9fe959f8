"""What lib/k8s/kustomize publishes for other rules: the patch, config and generated files
of the kustomizations in fixtures/k8s-wiring/."""
from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROOT_DIR
from okla_lint.core.discover import discover
from okla_lint.core.engine import Engine
from okla_lint.core.model import RepoModel
from okla_lint.lib.k8s.kustomize import config_files, generated, is_patch, patch_files


FIXTURES = ROOT_DIR / "fixtures" / "k8s-wiring"


def copy(name: str, tmp_path: Path) -> Path:
    dst = tmp_path / name
    shutil.copytree(FIXTURES / name, dst)
    return dst


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
