"""duplicate-object-in-folder: alternatives side by side are not duplicates (issue 10,
family 11); accidental copies still are."""
from __future__ import annotations

import pytest

from helpers import lint, write_files


RULE = "duplicate-object-in-folder"


CM = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {A: '%s'}\n"


@pytest.mark.parametrize("a, b", [
    ("mandatory.yaml", "mandatory-istio.yaml"),
    ("gpu-monitor-gke.yaml", "gpu-monitor-generic.yaml"),
    ("install.yaml", "namespace-install.yaml"),
    ("install.yaml", "install-with-hydrator.yaml"),
    ("core-install.yaml", "install-with-hydrator.yaml"),
    ("service-nodeport.yaml", "local-svc.yaml"),
    ("app_dev.yml", "app_prod.yml"),
])
def test_variant_names(tmp_path, a, b):
    write_files(tmp_path, {f"k8s/{a}": CM % 1, f"k8s/{b}": CM % 2})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize("note", ["# Alternative to settings.yaml for clusters with Istio",
                                  "# Use this file instead of settings.yaml on bare metal",
                                  "# Apply only one: either this or settings.yaml"])
def test_a_comment_that_says_alternative(tmp_path, note):
    write_files(tmp_path, {"k8s/settings.yaml": CM % 1, "k8s/other.yaml": note + "\n" + CM % 2})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize("a, b", [("web.yaml", "web-v2.yaml"), ("settings.yaml", "backend.yaml"), ("a.yaml", "b.yaml")])
def test_accidental_copies_still_reported(tmp_path, a, b):
    write_files(tmp_path, {f"k8s/{a}": CM % 1, f"k8s/{b}": "# settings for the backend\n" + CM % 2})
    assert [f.rule for f in lint(tmp_path, select=[RULE]).findings] == [RULE]
