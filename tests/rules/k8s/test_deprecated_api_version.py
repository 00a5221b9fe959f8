"""What `deprecated-api-version` reports (an object uses an apiVersion that Kubernetes no
longer serves (extensions/v1beta1, apps/v1beta2, batch/v1beta1 CronJob, ...)): exact rule,
path, line and column."""
from __future__ import annotations

from helpers import lint, locs, write_files
from okla_lint.rules.k8s.deprecated_api_version import removed_api


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
