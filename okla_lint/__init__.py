"""okla-lint: an offline linter for Kubernetes manifests, GitHub Actions workflows and
Ocelot API-gateway configuration."""

__version__ = "0.1.0"
