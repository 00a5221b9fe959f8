"""The NetworkPolicies of the repository (networking.k8s.io)."""
from __future__ import annotations

from ...core.model import K8sObject, RepoModel


def network_policies(model: RepoModel) -> list[K8sObject]:
    return [np for np in model.by_kind.get("NetworkPolicy", ()) if np.api_version.startswith("networking.k8s.io/")]
