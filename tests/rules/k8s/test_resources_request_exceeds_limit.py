"""What `resources-request-exceeds-limit` reports (a container requests more of a resource
than its limit allows): exact rule, path, line and column of the request, comparing the
quantities' values (1Gi against 1000Mi, 0.5 against 400m), not their spelling."""
from __future__ import annotations

import pytest

from _workloads import workload
from _aliases import shared
from helpers import found

RULE = "resources-request-exceeds-limit"
SPEC = ('containers:\n  - name: a\n    image: x:1\n    resources:\n      requests: {cpu: 500m, memory: 2Gi}\n'
        '      limits: {cpu: "1", memory: 1Gi}\n')


@pytest.mark.parametrize("kind, line, col", [
    ("Pod", 9, 39), ("Deployment", 13, 43), ("StatefulSet", 13, 43), ("DaemonSet", 13, 43),
    ("ReplicaSet", 13, 43), ("ReplicationController", 12, 43), ("Job", 12, 43), ("CronJob", 15, 47),
])
def test_every_workload_kind(tmp_path, kind, line, col):
    assert found(tmp_path, {"w.yaml": workload(kind, SPEC)}, RULE) == [f"w.yaml:{line}:{col}"]


def test_block_style_crlf_second_document_and_init_container(tmp_path):
    text = (
        "apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec: {limits: [{type: Container}]}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
        "  initContainers:\n    - name: i\n      image: x:1\n      resources:\n"
        "        requests:\n          cpu: 0.5\n          ephemeral-storage: 2G\n"
        "        limits:\n          cpu: 400m\n          ephemeral-storage: 2Gi\n"
        "  containers: [{name: a, image: x:1}]\n"
    )
    # 0.5 cpu is above 400m; 2G (2*10^9 bytes) is below 2Gi (2*2^30)
    assert found(tmp_path, {"p.yaml": text.replace("\n", "\r\n")}, RULE) == ["p.yaml:15:16"]


def test_equal_values_missing_limits_and_unparsable_quantities_are_quiet(tmp_path):
    spec = ('containers:\n'
            '  - {name: a, image: x:1, resources: {requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: "0.5", memory: 1024Mi}}}\n'
            '  - {name: b, image: x:1, resources: {requests: {cpu: "4"}}}\n'
            '  - {name: c, image: x:1, resources: {requests: {memory: lots}, limits: {memory: 1Gi}}}\n'
            '  - {name: d, image: x:1, resources: {requests: {cpu: "2"}, limits: {memory: 1Gi}}}\n')
    assert found(tmp_path, {"p.yaml": workload("Pod", spec)}, RULE) == []


def test_resources_request_exceeds_limit_in_resources_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `resources` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('resources', "{requests: {cpu: '2'}, limits: {cpu: '1'}}")
    assert found(tmp_path, {"d.yaml": text}, 'resources-request-exceeds-limit') == ['d.yaml:12:47']
