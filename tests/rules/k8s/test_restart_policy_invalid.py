"""What `restart-policy-invalid` reports (a restartPolicy the workload kind does not allow:
anything but Always in a Deployment, StatefulSet, DaemonSet, ReplicaSet or
ReplicationController, Always or none at all in a Job or CronJob, an unknown value in a
Pod): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from _aliases import shared_pod
from _workloads import workload
from helpers import found

RULE = "restart-policy-invalid"


@pytest.mark.parametrize("kind, policy, where", [
    ("Deployment", "Never", "9:22"), ("StatefulSet", "OnFailure", "9:22"), ("DaemonSet", "Never", "9:22"),
    ("ReplicaSet", "OnFailure", "9:22"), ("ReplicationController", "Never", "8:22"),
    ("Job", "Always", "8:22"), ("CronJob", "Always", "11:26"), ("Pod", "Sometimes", "5:18"),
])
def test_a_policy_the_kind_does_not_allow(tmp_path, kind, policy, where):
    spec = f"restartPolicy: {policy}\ncontainers: [{{name: a, image: x:1}}]\n"
    assert found(tmp_path, {"w.yaml": workload(kind, spec)}, RULE) == [f"w.yaml:{where}"]


@pytest.mark.parametrize("kind, policy", [
    ("Deployment", "Always"), ("DaemonSet", "Always"), ("Job", "OnFailure"), ("Job", "Never"),
    ("CronJob", "Never"), ("Pod", "Never"), ("Pod", "OnFailure"), ("Pod", "Always"),
])
def test_allowed_policies_are_quiet(tmp_path, kind, policy):
    spec = f"restartPolicy: {policy}\ncontainers: [{{name: a, image: x:1}}]\n"
    assert found(tmp_path, {"w.yaml": workload(kind, spec)}, RULE) == []


def test_a_job_template_without_a_policy_points_at_its_spec_key(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n"
        "    spec:\n      containers: [{name: m, image: x:1}]\n"
    )
    assert found(tmp_path, {"job.yaml": text.replace("\n", "\r\n")}, RULE) == ["job.yaml:10:5"]


def test_placeholders_and_custom_resources_are_quiet(tmp_path):
    files = {
        "a.yaml": workload("Deployment", "restartPolicy: \"${POLICY}\"\ncontainers: [{name: a, image: x:1}]\n"),
        # a custom Job kind is not batch/v1's
        "b.yaml": ("apiVersion: example.com/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n"
                   "    spec: {containers: [{name: a, image: x:1}]}\n"),
    }
    assert found(tmp_path, files, RULE) == []


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `restartPolicy` written once on line 12 is one finding
    text = shared_pod('restartPolicy', 'Never')
    assert found(tmp_path, {"l.yaml": text}, 'restart-policy-invalid') == ['l.yaml:12:26']
