"""annotation-removed: annotations Kubernetes stopped reading (issue 10, missed on the sock shop:
`pod.beta.kubernetes.io/init-containers` in a Job's pod template, whose init container has not
run since 1.8). Every pod annotation on every workload kind and on a bare Pod, block and flow
style, anchors and merge keys, multi-document files, CRLF; the Namespace and Service
annotations; and every case where the replacement is set, so nothing is reported."""
from __future__ import annotations

import shutil

import pytest

from helpers import found, run

RULE = "annotation-removed"


def _workload(kind: str, annotations: str, spec_extra: str = "", container_extra: str = "") -> str:
    """A workload of ``kind`` whose pod template carries ``annotations`` (one line of YAML,
    written at the annotation key's column) and ``spec_extra`` in its pod spec."""
    pod = (
        "    metadata:\n      labels: {app: web}\n      annotations:\n        " + annotations + "\n"
        "    spec:\n" + spec_extra +
        "      containers:\n      - name: web\n        image: nginx:1.27\n" + container_extra
    )
    if kind == "Pod":
        body = pod.replace("\n    ", "\n").replace("    metadata:", "metadata:", 1)
        return "apiVersion: v1\nkind: Pod\n" + body.replace("metadata:\n", "metadata:\n  name: web\n", 1)
    if kind == "CronJob":
        indented = "\n".join(("        " + ln[4:]) if ln else ln for ln in pod.split("\n"))
        return ("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: web}\nspec:\n  schedule: '@daily'\n"
                "  jobTemplate:\n    spec:\n      template:\n" + indented)
    api = "batch/v1" if kind == "Job" else "apps/v1"
    sel = "" if kind == "Job" else "  selector: {matchLabels: {app: web}}\n"
    return f"apiVersion: {api}\nkind: {kind}\nmetadata: {{name: web}}\nspec:\n{sel}  template:\n" + pod


# the line of the annotation key in _workload's output, by kind
ANN_LINE = {"Pod": 7, "Deployment": 10, "StatefulSet": 10, "DaemonSet": 10, "ReplicaSet": 10, "Job": 9, "CronJob": 12}
ANN_COL = {"Pod": 5, "CronJob": 13}
KINDS = list(ANN_LINE)


def _at(kind: str) -> str:
    return f"k8s/w.yaml:{ANN_LINE[kind]}:{ANN_COL.get(kind, 9)}"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("annotation", [
    "scheduler.alpha.kubernetes.io/critical-pod: ''",
    "security.alpha.kubernetes.io/sysctls: kernel.shm_rmid_forced=1",
    "security.alpha.kubernetes.io/unsafe-sysctls: net.core.somaxconn=1024",
    "seccomp.security.alpha.kubernetes.io/pod: runtime/default",
    "container.seccomp.security.alpha.kubernetes.io/web: runtime/default",
    "pod.beta.kubernetes.io/init-containers: '[{\"name\": \"wait\", \"image\": \"busybox:1.36\"}]'",
    "pod.alpha.kubernetes.io/init-containers: '[]'",
])
def test_each_pod_annotation_on_each_kind(tmp_path, kind, annotation):
    assert found(tmp_path, {"k8s/w.yaml": _workload(kind, annotation)}, RULE) == [_at(kind)]


@pytest.mark.parametrize("annotation, spec_extra, container_extra", [
    ("scheduler.alpha.kubernetes.io/critical-pod: ''", "      priorityClassName: system-node-critical\n", ""),
    ("security.alpha.kubernetes.io/sysctls: kernel.shm_rmid_forced=1",
     "      securityContext:\n        sysctls: [{name: kernel.shm_rmid_forced, value: '1'}]\n", ""),
    ("seccomp.security.alpha.kubernetes.io/pod: runtime/default",
     "      securityContext: {seccompProfile: {type: RuntimeDefault}}\n", ""),
    ("container.seccomp.security.alpha.kubernetes.io/web: runtime/default", "",
     "        securityContext:\n          seccompProfile: {type: RuntimeDefault}\n"),
    ("container.seccomp.security.alpha.kubernetes.io/web: runtime/default",
     "      securityContext: {seccompProfile: {type: RuntimeDefault}}\n", ""),
    ("pod.beta.kubernetes.io/init-containers: '[{\"name\": \"wait\"}]'",
     "      initContainers: [{name: wait, image: 'busybox:1.36'}]\n", ""),
])
@pytest.mark.parametrize("kind", ["Pod", "Deployment", "CronJob"])
def test_quiet_when_the_replacement_is_set(tmp_path, kind, annotation, spec_extra, container_extra):
    assert found(tmp_path, {"k8s/w.yaml": _workload(kind, annotation, spec_extra, container_extra)}, RULE) == []


@pytest.mark.parametrize("annotation", [
    "container.seccomp.security.alpha.kubernetes.io/sidecar: runtime/default",  # no such container
    "seccomp.security.alpha.kubernetes.io/allowedProfileNames: '*'",  # a PodSecurityPolicy key, not a pod's
    "container.apparmor.security.beta.kubernetes.io/web: runtime/default",  # deprecated, still read
    "kubernetes.io/ingress.class: nginx",
])
def test_quiet_for_other_annotations(tmp_path, annotation):
    assert found(tmp_path, {"k8s/w.yaml": _workload("Deployment", annotation)}, RULE) == []


@pytest.mark.parametrize("version, annotation, expect", [
    ("1.26", "seccomp.security.alpha.kubernetes.io/pod: runtime/default", []),
    ("1.27", "seccomp.security.alpha.kubernetes.io/pod: runtime/default", ["k8s/w.yaml:10:9"]),
    ("1.15", "scheduler.alpha.kubernetes.io/critical-pod: ''", []),
    ("1.16", "scheduler.alpha.kubernetes.io/critical-pod: ''", ["k8s/w.yaml:10:9"]),
])
def test_the_kubernetes_version_parameter(tmp_path, version, annotation, expect):
    files = {"k8s/w.yaml": _workload("Deployment", annotation)}
    assert found(tmp_path, files, RULE, params={RULE: {"kubernetes-version": version}}) == expect


def test_flow_style_merge_key_multi_document_and_crlf(tmp_path):
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n"
        "spec: {selector: {matchLabels: {app: a}}, template: {metadata: {labels: {app: a}, annotations: {'pod.beta.kubernetes.io/init-containers': '[]'}}, spec: {containers: [{name: a, image: 'nginx:1.27'}]}}}\n"
        "---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\n"
        "spec:\n  selector: {matchLabels: {app: b}}\n  template:\n    metadata:\n      labels: {app: b}\n"
        "      annotations:\n        <<: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}\n"
        "    spec:\n      containers: [{name: b, image: 'nginx:1.27'}]\n"
    )
    expect = ["k8s/w.yaml:15:14", "k8s/w.yaml:4:97"]
    assert found(tmp_path, {"k8s/w.yaml": text}, RULE) == expect
    assert found(tmp_path, {"k8s/w.yaml": text.replace("\n", "\r\n")}, RULE) == expect


def test_an_alias_used_twice_is_reported_where_it_is_written(tmp_path):
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\n"
        "spec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata:\n      labels: {app: a}\n"
        "      annotations: &ann\n        scheduler.alpha.kubernetes.io/critical-pod: ''\n"
        "    spec:\n      containers: [{name: a, image: 'nginx:1.27'}]\n"
        "---\n"
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: b}\n"
        "spec:\n  selector: {matchLabels: {app: b}}\n  template:\n    metadata:\n      labels: {app: b}\n"
        "      annotations: *ann\n"
        "    spec:\n      containers: [{name: b, image: 'nginx:1.27'}]\n"
    )
    assert found(tmp_path, {"k8s/w.yaml": text}, RULE) == ["k8s/w.yaml:10:9"]


NS = ("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n"
      "    net.beta.kubernetes.io/network-policy: '{\"ingress\": {\"isolation\": \"DefaultDeny\"}}'\n")


def _policy(selector: str, types: str = "", ns: str = "shop") -> str:
    return (f"---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: p, namespace: {ns}}}\n"
            f"spec:\n  podSelector: {selector}\n{types}")


def test_namespace_isolation_annotation(tmp_path):
    assert found(tmp_path, {"k8s/ns.yaml": NS}, RULE) == ["k8s/ns.yaml:6:5"]
    flow = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, annotations: {net.beta.kubernetes.io/network-policy: '{\"ingress\": {\"isolation\": \"DefaultDeny\"}}'}}\n"
    assert found(tmp_path, {"k8s/ns.yaml": flow}, RULE) == ["k8s/ns.yaml:3:38"]


@pytest.mark.parametrize("policy", [
    _policy("{}"),
    _policy("", "  policyTypes: [Ingress, Egress]\n"),
    _policy("\n    matchLabels:\n", "  ingress:\n  - from: [{podSelector: {matchLabels: {name: cortex}}}]\n"),
])
def test_namespace_quiet_with_a_policy_that_selects_every_pod(tmp_path, policy):
    assert found(tmp_path, {"k8s/ns.yaml": NS + policy}, RULE) == []


@pytest.mark.parametrize("policy", [
    _policy("{matchLabels: {app: web}}"),  # selects some pods only
    _policy("{}", "  policyTypes: [Egress]\n"),  # isolates egress only
    _policy("{}", ns="other"),  # another namespace
])
def test_namespace_reported_when_no_policy_isolates_every_pod(tmp_path, policy):
    assert found(tmp_path, {"k8s/ns.yaml": NS + policy}, RULE) == ["k8s/ns.yaml:6:5"]


def test_namespace_annotation_without_default_deny_did_nothing(tmp_path):
    text = NS.replace("DefaultDeny", "Allow")
    assert found(tmp_path, {"k8s/ns.yaml": text}, RULE) == []


SVC = ("apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  annotations:\n"
       "    service.alpha.kubernetes.io/tolerate-unready-endpoints: {value}\n"
       "spec:\n  clusterIP: None\n  selector: {{app: db}}\n  ports: [{{port: 5432}}]\n{extra}")


@pytest.mark.parametrize("value", ['"true"', "'True'", "true"])
def test_service_tolerate_unready_endpoints(tmp_path, value):
    assert found(tmp_path, {"k8s/svc.yaml": SVC.format(value=value, extra="")}, RULE) == ["k8s/svc.yaml:6:5"]


@pytest.mark.parametrize("value, extra", [
    ('"false"', ""),
    ('"true"', "  publishNotReadyAddresses: true\n"),
    ('"true"', "  publishNotReadyAddresses: false\n"),
])
def test_service_quiet(tmp_path, value, extra):
    assert found(tmp_path, {"k8s/svc.yaml": SVC.format(value=value, extra=extra)}, RULE) == []


def test_annotations_on_other_kinds_are_not_judged(tmp_path):
    text = NS.replace("kind: Namespace", "kind: ConfigMap") + "---\n" + SVC.format(value='"true"', extra="").replace("kind: Service", "kind: Endpoints")
    assert found(tmp_path, {"k8s/x.yaml": text}, RULE) == []


def test_message_names_the_object_and_the_field(tmp_path):
    res = run(tmp_path, {"k8s/w.yaml": _workload("Job", "pod.beta.kubernetes.io/init-containers: '[]'")}, [RULE])
    (f,) = res.findings
    assert f.message.startswith("annotation `pod.beta.kubernetes.io/init-containers` of the pod template of Job/web "
                                "has been non-functional since Kubernetes 1.8 (the API server drops it)")
    assert f.message.endswith("move them to `spec.initContainers`")


KBASE = {
    "base/kustomization.yaml": "resources: [deploy.yaml]\n",
    "base/deploy.yaml": _workload("Deployment", "app.kubernetes.io/part-of: shop", "      priorityClassName: system-cluster-critical\n"),
    "overlay/kustomization.yaml": "resources: [../base]\npatches:\n- path: patch.yaml\n",
    "overlay/patch.yaml": ("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
                           "    metadata:\n      annotations:\n        scheduler.alpha.kubernetes.io/critical-pod: ''\n"
                           "    spec:\n      containers:\n      - {name: web, resources: {limits: {memory: 256Mi}}}\n"),
}


@pytest.mark.parametrize("kustomization", [
    KBASE["overlay/kustomization.yaml"],
    # a remote resource: okla-lint never renders it and lints the files one by one
    "resources: [../base, 'https://example.com/extra.yaml']\npatches:\n- path: patch.yaml\n",
])
def test_a_patch_is_not_judged_alone(tmp_path, kustomization):
    # the base sets priorityClassName: the patch's annotation is a leftover once merged
    assert found(tmp_path, dict(KBASE, **{"overlay/kustomization.yaml": kustomization}), RULE) == []


@pytest.mark.skipif(not (shutil.which("kubectl") or shutil.which("kustomize")), reason="renders the overlay")
def test_a_patch_is_judged_in_its_overlay(tmp_path):
    files = dict(KBASE, **{"base/deploy.yaml": _workload("Deployment", "app.kubernetes.io/part-of: shop")})
    assert found(tmp_path, files, RULE) == ["overlay/patch.yaml:8:9"]
