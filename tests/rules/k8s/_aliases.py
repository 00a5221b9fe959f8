"""What several Kubernetes rule test files of this folder share: ``shared``, a Deployment
whose containers share one field through a YAML anchor and aliases (and a merge key), and
``shared_pod``, two Deployments of a List sharing one pod spec, so a test can check that a
defect written once is reported once."""
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


def shared_pod(field: str, value: str) -> str:
    """A List of Deployments 'a' and 'b' whose pod spec is one node: 'a' writes it (``field:
    value`` on line 12, ``value`` in flow style) under an anchor, 'b' uses it by alias."""
    return (
        "apiVersion: v1\nkind: List\nitems:\n"
        "  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: a}\n    spec:\n"
        "      selector: {matchLabels: {app: a}}\n      template:\n        metadata: {labels: {app: a}}\n"
        "        spec: &pod\n"
        f"          {field}: {value}\n"
        "          containers: [{name: c, image: 'nginx:1.27'}]\n"
        "  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: b}\n    spec:\n"
        "      selector: {matchLabels: {app: b}}\n      template:\n        metadata: {labels: {app: b}}\n"
        "        spec: *pod\n"
    )
