"""pdb-blocks-eviction: static values, replica comparison across workload kinds, and the
places where the repository does not decide the replica count."""
from __future__ import annotations

from helpers import lint, locs, write_files

PDB = "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p, namespace: NS}\nspec:\n  minAvailable: MIN\n  selector: {matchLabels: {app: a}}\n"


def _workload(kind: str, replicas: int | None, ns: str = "prod") -> str:
    rep = f"  replicas: {replicas}\n" if replicas is not None else ""
    extra = "  serviceName: a\n" if kind == "StatefulSet" else ""
    return (
        f"apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: a, namespace: {ns}}}\nspec:\n{rep}{extra}"
        "  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n"
        "    spec:\n      containers: [{name: a, image: 'nginx:1.27'}]\n"
    )


def test_percentages_zero_and_hundred_with_crlf(tmp_path):
    text = (
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: a}\nspec:\n  maxUnavailable: '0%'\n"
        "  selector: {matchLabels: {app: a}}\n---\n"
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b}\nspec:\n  minAvailable: 99%\n"
        "  selector: {matchLabels: {app: b}}\n"
    ).replace("\n", "\r\n")
    write_files(tmp_path, {"pdb.yaml": text})
    assert locs(lint(tmp_path, select=["pdb-blocks-eviction"])) == ["pdb.yaml:5:19"]


def test_statefulset_default_replicas_and_two_workloads_add_up(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/db.yaml": _workload("StatefulSet", None),
            "k8s/pdb.yaml": PDB.replace("NS", "prod").replace("MIN", "1"),
        },
    )
    assert locs(lint(tmp_path, select=["pdb-blocks-eviction"])) == ["k8s/pdb.yaml:5:17"]
    write_files(tmp_path, {"k8s/db2.yaml": _workload("Deployment", 1).replace("name: a,", "name: a2,")})
    assert locs(lint(tmp_path, select=["pdb-blocks-eviction"])) == []


def test_other_namespace_and_kustomize_replicas_are_not_judged(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/a.yaml": _workload("Deployment", 1, ns="staging"),
            "k8s/pdb.yaml": PDB.replace("NS", "prod").replace("MIN", "1"),
        },
    )
    assert locs(lint(tmp_path, select=["pdb-blocks-eviction"])) == []
    write_files(
        tmp_path,
        {
            "base/a.yaml": _workload("Deployment", 1),
            "base/pdb.yaml": PDB.replace("NS", "prod").replace("MIN", "1"),
            "base/kustomization.yaml": "resources: [a.yaml, pdb.yaml]\nreplicas:\n  - {name: a, count: 3}\n",
        },
    )
    assert "base/pdb.yaml" not in " ".join(locs(lint(tmp_path, select=["pdb-blocks-eviction"], render=False)))
