"""What the API server accepts as names, label keys and values, annotation keys and port
names (k8s.io/apimachinery/pkg/util/validation and pkg/apis/core/validation).

Each ``*_errors`` function returns the reasons a value is rejected (empty when it is valid),
worded like the API server's messages so a user recognises them."""
from __future__ import annotations

import re

from ...core.model import K8sObject
from ..common.placeholders import is_placeholder

_DNS1123_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?\Z")
_DNS1123_SUBDOMAIN = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\Z")
_QUALIFIED_NAME = re.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\Z")
_LABEL_VALUE = re.compile(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\Z")
_IANA_SVC_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?\Z")

# an image reference as the kubelet and container runtimes parse it (distribution/reference:
# [host[:port]/]path[:tag][@digest]); the API server does not check it, a pull of anything
# else fails with InvalidImageName
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_IMAGE_REFERENCE = re.compile(
    rf"(?:(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?/)?"
    rf"{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*"
    r"(?::\w[\w.-]{0,127})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?\Z",
    re.ASCII,
)


def is_image_reference(value: str) -> bool:
    """``nginx``, ``ghcr.io/acme/app:1.2``, ``localhost:5000/tools@sha256:...``."""
    return bool(_IMAGE_REFERENCE.match(value))


_CONFIG_KEY = re.compile(r"[-._a-zA-Z0-9]+\Z")


def is_config_key(value: str) -> bool:
    """A ConfigMap or Secret data key (IsConfigMapKey)."""
    return len(value) <= 253 and bool(_CONFIG_KEY.match(value)) and value not in (".", "..") and not value.startswith("..")


def dns1123_label_errors(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(f"must be no more than 63 characters (it has {len(value)})")
    if not _DNS1123_LABEL.match(value):
        errs.append("must consist of lower case alphanumeric characters or '-', and start and end with an alphanumeric character")
    return errs


def dns1123_subdomain_errors(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(f"must be no more than 253 characters (it has {len(value)})")
    if not _DNS1123_SUBDOMAIN.match(value):
        errs.append(
            "must consist of lower case alphanumeric characters, '-' or '.', and start and end with an alphanumeric character"
        )
    return errs


def qualified_name_errors(value: str) -> list[str]:
    """Label and annotation keys: an optional DNS subdomain prefix and '/', then a name of
    at most 63 characters."""
    parts = value.split("/")
    if len(parts) > 2:
        return ["must consist of an optional DNS subdomain prefix and '/', then a name"]
    errs = []
    if len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part must be non-empty")
        else:
            errs += [f"prefix part {e}" for e in dns1123_subdomain_errors(prefix)]
    else:
        name = value
    if not name:
        errs.append("name part must be non-empty")
    elif len(name) > 63:
        errs.append(f"name part must be no more than 63 characters (it has {len(name)})")
    elif not _QUALIFIED_NAME.match(name):
        errs.append(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        )
    return errs


def label_value_errors(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(f"must be no more than 63 characters (it has {len(value)})")
    if not _LABEL_VALUE.match(value):
        errs.append(
            "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        )
    return errs


def port_name_errors(value: str) -> list[str]:
    """IANA_SVC_NAME: container port names and Service targetPort names."""
    errs = []
    if len(value) > 15:
        errs.append(f"must be no more than 15 characters (it has {len(value)})")
    if not _IANA_SVC_NAME.match(value):
        errs.append("must contain only lower case alphanumeric characters or '-', and start and end with an alphanumeric character")
    elif "--" in value:
        errs.append("must not contain consecutive hyphens")
    elif not re.search(r"[a-z]", value):
        errs.append("must contain at least one letter")
    return errs


# metadata.name validation of the built-in kinds (ValidateObjectMeta's name function).
# Kinds not listed (RBAC roles take any path segment; custom resources define their own)
# are not checked.
NAME_RULES = {
    "Namespace": dns1123_label_errors,
    "Service": dns1123_label_errors,
    **{
        kind: dns1123_subdomain_errors
        for kind in (
            "Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "ReplicationController", "ConfigMap", "Secret", "ServiceAccount", "Ingress",
            "IngressClass", "NetworkPolicy", "PersistentVolumeClaim", "PersistentVolume",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "StorageClass", "PriorityClass",
            "LimitRange", "ResourceQuota", "Endpoints",
        )
    },
}


# API groups whose kinds NAME_RULES describes; a custom resource of the same kind name
# (Knative's serving.knative.dev Service) validates its own names
BUILT_IN_GROUPS = {"", "apps", "batch", "extensions", "networking.k8s.io", "policy", "autoscaling", "storage.k8s.io", "scheduling.k8s.io"}


def built_in(obj: K8sObject) -> bool:
    api = obj.api_version
    return isinstance(api, str) and (api.rpartition("/")[0] if "/" in api else "") in BUILT_IN_GROUPS


def checkable(value) -> bool:
    """A value to judge: a string, not a template placeholder (the validators judge only what
    the API server would reject, and a rejected value with a token is a placeholder)."""
    return isinstance(value, str) and not is_placeholder(value)
