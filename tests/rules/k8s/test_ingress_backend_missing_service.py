"""What `ingress-backend-missing-service` reports (an Ingress backend names a Service that the
repository does not define): exact rule, path, line and column."""
from __future__ import annotations

from helpers import found_tokens


def test_remote_kustomize_resources_silence_missing_object_rules(tmp_path):
    files = {
        "k/kustomization.yaml": "resources:\n  - https://github.com/org/repo/releases/download/v1/install.yaml\n  - ingress.yaml\n  - svc.yaml\n",
        "k/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: local}\nspec: {ports: [{port: 80}]}\n",
        "k/ingress.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend: {service: {name: controller, port: {number: 80}}}\n",
    }
    assert found_tokens(tmp_path, files, ["ingress-backend-missing-service"]) == []
