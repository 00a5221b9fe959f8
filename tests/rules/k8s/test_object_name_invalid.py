"""What `object-name-invalid` reports (a metadata.name the API server rejects: upper case,
underscores, too long, a dot where the kind needs a DNS label): exact rule, path, line and
column of the name, for built-in kinds only."""
from __future__ import annotations

import pytest

from helpers import found

RULE = "object-name-invalid"


@pytest.mark.parametrize("kind, api, name, bad", [
    ("ConfigMap", "v1", "App_Settings", True),
    ("ConfigMap", "v1", "gateway.config-v2", False),  # a DNS subdomain
    ("Service", "v1", "orders.internal", True),  # a Service name is a DNS label
    ("Service", "v1", "orders", False),
    ("Deployment", "apps/v1", "Web", True),
    ("Secret", "v1", "-tls", True),
    ("Namespace", "v1", "team.a", True),
])
def test_name_rules_of_each_kind(tmp_path, kind, api, name, bad):
    text = f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\n"
    assert found(tmp_path, {"o.yaml": text}, RULE) == (["o.yaml:4:9"] if bad else [])


def test_flow_quoted_crlf_second_document_and_list_items(tmp_path):
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\n"
        "apiVersion: v1\nkind: Service\nmetadata: {name: \"Orders\"}\nspec: {ports: [{port: 80}]}\n---\n"
        "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a_b\n"
    )
    assert found(tmp_path, {"o.yaml": text.replace("\n", "\r\n")}, RULE) == ["o.yaml:16:13", "o.yaml:7:18"]


def test_a_name_longer_than_the_kind_allows(tmp_path):
    # a CronJob name is at most 52 characters (the Jobs it creates get a suffix)
    long = "nightly-report-generation-for-every-dealer-in-the-region"
    text = (f"apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {long}}}\nspec:\n  schedule: '0 3 * * *'\n"
            "  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: x:1}]}}}}\n")
    assert found(tmp_path, {"c.yaml": text}, RULE) == ["c.yaml:3:18"]


def test_placeholders_generate_name_rbac_and_custom_resources_are_quiet(tmp_path):
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: \"${SERVICE_NAME}\"}\n"
        "spec: {selector: {matchLabels: {app: x}}, template: {metadata: {labels: {app: x}}, spec: {containers: [{name: a, image: x:1}]}}}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {generateName: Job_}\nspec: {containers: [{name: a, image: x:1}]}\n---\n"
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: \"system:Aggregate_To_View\"}\nrules: []\n---\n"
        "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: Hello_World}\nspec: {}\n"
    )
    assert found(tmp_path, {"o.yaml": text}, RULE) == []
