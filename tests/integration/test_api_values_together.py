"""Tests that exercise several rules together (each asserts what every rule involved
reports, or that one leaves a case to the other)."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files


RULES = ["object-name-invalid", "label-invalid", "port-invalid", "restart-policy-invalid", "topology-spread-invalid"]


POD_TEMPLATE = """\
    metadata:
      labels: {app: x}
    spec:
      restartPolicy: POLICY
      containers:
        - name: c
          image: busybox:1.36
"""


@pytest.mark.parametrize(
    "kind,api,prefix,policy,bad",
    [
        ("Deployment", "apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n", "Never", True),
        ("ReplicaSet", "apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n", "OnFailure", True),
        ("StatefulSet", "apps/v1", "spec:\n  serviceName: x\n  selector: {matchLabels: {app: x}}\n  template:\n", "Never", True),
        ("DaemonSet", "apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n", "OnFailure", True),
        ("ReplicationController", "v1", "spec:\n  selector: {app: x}\n  template:\n", "Never", True),
        ("Job", "batch/v1", "spec:\n  template:\n", "Always", True),
        ("Job", "batch/v1", "spec:\n  template:\n", "Never", False),
        ("Deployment", "apps/v1", "spec:\n  selector: {matchLabels: {app: x}}\n  template:\n", "Always", False),
    ],
)
def test_restart_policy_in_every_workload_kind(tmp_path, kind, api, prefix, policy, bad):
    body = f"apiVersion: {api}\nkind: {kind}\nmetadata: {{name: x}}\n{prefix}" + POD_TEMPLATE.replace("POLICY", policy)
    write_files(tmp_path, {"w.yaml": body})
    line = body.splitlines().index(f"      restartPolicy: {policy}") + 1
    expected = [f"w.yaml:{line}:22"] if bad else []
    assert locs(lint(tmp_path, select=RULES)) == expected


def test_items_of_a_list_and_crlf(tmp_path):
    text = (
        "apiVersion: v1\nkind: List\nitems:\n"
        "  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: App_Settings\n"
        "      labels:\n        env: prod env\n"
    ).replace("\n", "\r\n")
    write_files(tmp_path, {"list.yaml": text})
    assert locs(lint(tmp_path, select=RULES)) == ["list.yaml:7:13", "list.yaml:9:14"]


def test_custom_resources_keep_their_own_name_rules_but_labels_are_validated(tmp_path):
    write_files(
        tmp_path,
        {
            "cr.yaml": (
                "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n"
                "  name: Rules_For_API\n  labels:\n    role: alert rules\nspec: {groups: []}\n"
            )
        },
    )
    assert locs(lint(tmp_path, select=RULES)) == ["cr.yaml:6:11"]


def test_job_without_restart_policy_block_flow_crlf_and_cronjob(tmp_path):
    job = (
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n"
        "    spec:\n      containers: [{name: m, image: 'busybox:1.36'}]\n"
    )
    cron = (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '0 * * * *'\n"
        "  jobTemplate:\n    spec:\n      template: {spec: {containers: [{name: c, image: 'busybox:1.36'}]}}\n"
    )
    write_files(tmp_path, {"job.yaml": job, "crlf.yaml": job.replace("\n", "\r\n"), "cron.yaml": cron})
    assert locs(lint(tmp_path, select=RULES)) == ["crlf.yaml:6:5", "cron.yaml:8:18", "job.yaml:6:5"]


def test_job_restart_policy_from_an_anchor_or_a_kustomize_patch_is_not_missing(tmp_path):
    write_files(
        tmp_path,
        {
            "k/kustomization.yaml": "resources: [job.yaml]\npatches:\n  - path: patch.yaml\n",
            "k/job.yaml": (
                "apiVersion: batch/v1\nkind: Job\nmetadata: {name: m}\nspec:\n  template:\n"
                "    spec: &spec\n      restartPolicy: Never\n      containers: [{name: m, image: 'busybox:1.36'}]\n"
            ),
            "k/patch.yaml": (
                "apiVersion: batch/v1\nkind: Job\nmetadata: {name: m}\nspec:\n  template:\n"
                "    spec:\n      containers: [{name: m, image: 'busybox:1.37'}]\n"
            ),
        },
    )
    assert locs(lint(tmp_path, select=RULES)) == []
