"""resources-quantity-suspicious: a decimal size (256M) is valid and not reported unless
asked for; milli-bytes and tiny byte counts still are (issue 10, family 11)."""
from __future__ import annotations

import pytest

from _workloads import KINDS, workload
from _aliases import shared
from helpers import found, lint, locs, write_files


RULE = "resources-quantity-suspicious"


def spec(mem: str, section: str = "requests") -> str:
    return f"containers:\n  - name: a\n    image: 'a:1'\n    resources:\n      {section}: {{memory: {mem}, ephemeral-storage: 1G}}\n"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("mem", ["256M", "1G", "500k", "2T"])
def test_decimal_sizes_are_quiet_by_default(tmp_path, kind, mem):
    write_files(tmp_path, {"w.yaml": workload(kind, spec(mem))})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_decimal_sizes_when_asked_for(tmp_path):
    write_files(tmp_path, {"w.yaml": workload("Deployment", spec("256M", "limits"))})
    res = lint(tmp_path, select=[RULE], params={RULE: {"decimal-suffix": True}})
    assert sorted(f.message.split(" uses")[0] for f in res.findings) == [
        "resources.limits.ephemeral-storage of container 'a' of Deployment/x",
        "resources.limits.memory of container 'a' of Deployment/x",
    ]


@pytest.mark.parametrize("mem", ["512m", "512", "'100'"])
def test_milli_bytes_and_tiny_byte_counts_still_reported(tmp_path, mem):
    write_files(tmp_path, {"w.yaml": workload("StatefulSet", spec(mem))})
    assert [f.rule for f in lint(tmp_path, select=[RULE]).findings] == [RULE]


def test_quantity_suspicious_param_and_kinds(tmp_path):
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n"
        "      resources:\n        requests: {cpu: 16, memory: 512, hugepages-2Mi: 100M, ephemeral-storage: 1G}\n"
    )
    write_files(tmp_path, {"p.yaml": pod})
    res = lint(tmp_path, select=["resources-quantity-suspicious"])
    # memory 512 bytes; 16 cores is under the default max-cpu; decimal sizes (hugepages 100M,
    # storage 1G) only with decimal-suffix: true
    assert locs(res) == ["p.yaml:9:37"]
    res = lint(tmp_path, select=["resources-quantity-suspicious"], params={"resources-quantity-suspicious": {"max-cpu": 8}})
    assert locs(res) == ["p.yaml:9:25", "p.yaml:9:37"]
    res = lint(tmp_path, select=["resources-quantity-suspicious"], params={"resources-quantity-suspicious": {"decimal-suffix": True}})
    assert locs(res) == ["p.yaml:9:37", "p.yaml:9:57", "p.yaml:9:82"]


def test_resources_quantity_suspicious_in_resources_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b', 'c' (merge key) and init container 'i' use the `resources` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('resources', '{limits: {memory: 512m}}')
    assert found(tmp_path, {"d.yaml": text}, 'resources-quantity-suspicious') == ['d.yaml:12:48']
