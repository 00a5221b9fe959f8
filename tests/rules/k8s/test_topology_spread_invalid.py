"""What `topology-spread-invalid` reports (a topologySpreadConstraint the API server
rejects: maxSkew or minDomains below 1, minDomains with ScheduleAnyway, an unknown
whenUnsatisfiable, a duplicate topologyKey/whenUnsatisfiable pair): exact rule, path, line
and column of the offending value."""
from __future__ import annotations

import pytest

from _aliases import shared_pod
from _workloads import workload
from helpers import found

RULE = "topology-spread-invalid"
SPEC = ("topologySpreadConstraints:\n  - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n"
        "containers: [{name: a, image: x:1}]\n")


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 6, 17), ("Deployment", 10, 21), ("StatefulSet", 10, 21), ("DaemonSet", 10, 21),
    ("ReplicaSet", 10, 21), ("ReplicationController", 9, 21), ("Job", 9, 21), ("CronJob", 12, 25),
])
def test_max_skew_zero_in_every_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_every_check_block_style_crlf_second_document(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  topologySpreadConstraints:\n"
        "    - maxSkew: 1\n      topologyKey: zone\n      whenUnsatisfiable: doNotSchedule\n"
        "    - maxSkew: 1\n      minDomains: 0\n      topologyKey: host\n      whenUnsatisfiable: DoNotSchedule\n"
        "    - maxSkew: 1\n      minDomains: 2\n      topologyKey: rack\n      whenUnsatisfiable: ScheduleAnyway\n"
        "    - maxSkew: 2\n      topologyKey: host\n      whenUnsatisfiable: DoNotSchedule\n"
        "  containers: [{name: a, image: x:1}]\n"
    )
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == [
        "p.yaml:12:26", "p.yaml:14:19", "p.yaml:18:19", "p.yaml:22:20"]


def test_valid_constraints_and_placeholders_are_quiet(tmp_path):
    spec = ("topologySpreadConstraints:\n"
            "  - {maxSkew: 1, minDomains: 3, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule}\n"
            "  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}\n"
            "  - {maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule}\n"
            "  - {maxSkew: 1, topologyKey: rack, whenUnsatisfiable: \"${WHEN}\"}\n"
            "containers: [{name: a, image: x:1}]\n")
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []


def test_a_pod_spec_shared_through_an_alias_is_reported_once(tmp_path):
    # Deployments 'a' and 'b' of a List share one pod spec (an anchor and an alias):
    # the `topologySpreadConstraints` written once on line 12 is one finding
    text = shared_pod('topologySpreadConstraints', '[{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]')
    assert found(tmp_path, {"l.yaml": text}, 'topology-spread-invalid') == ['l.yaml:12:49']
