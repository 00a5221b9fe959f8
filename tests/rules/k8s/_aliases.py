"""What several Kubernetes rule test files of this folder share: ``shared``, a Deployment
whose containers share one field through a YAML anchor and aliases (and a merge key), so a
test can check that the defect written once is reported once."""
from __future__ import annotations


def shared(field: str, value: str, merge: bool = True) -> str:
    """Containers 'a' (the anchor, line 12), 'b' and init container 'i' (aliases) and, with
    ``merge``, 'c' (a merge key) all use ``field: value`` (``value`` in flow style)."""
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n"
        "  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n"
        "      containers:\n"
        f"        - name: a\n          image: nginx:1.27\n          {field}: &shared {value}\n"
        f"        - name: b\n          image: nginx:1.27\n          {field}: *shared\n"
    )
    if merge:
        text += f"        - name: c\n          image: nginx:1.27\n          {field}: {{<<: *shared}}\n"
    return text + f"      initContainers:\n        - name: i\n          image: nginx:1.27\n          {field}: *shared\n"
