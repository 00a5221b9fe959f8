"""What `pdb-selector-no-match` reports (a PodDisruptionBudget's selector matches no pod
template in the repository): exact rule, path, line and column."""
from __future__ import annotations

from k8s_wiring_util import DEP
from helpers import lint, triples, write_files


def test_pdb_selector_same_key_other_value(tmp_path):
    pdb = (
        "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: x}\nspec:\n"
        "  minAvailable: 1\n  selector: {matchLabels: {app: api}}\n"
    )
    write_files(tmp_path, {"k8s/dep.yaml": DEP, "k8s/pdb.yaml": pdb})
    assert triples(lint(tmp_path, select=["pdb-selector-no-match"])) == [
        ("pdb-selector-no-match", "k8s/pdb.yaml:6:33")
    ]
