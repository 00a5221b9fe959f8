"""What `resources-quantity-invalid` reports (a resource request or limit is not a valid
Kubernetes quantity): exact rule, path, line and column."""
from __future__ import annotations

import textwrap

from k8s_containers_util import line_of
from helpers import lint, locs, write_files


def test_invalid_quantities_outside_containers(tmp_path):
    text = textwrap.dedent(
        """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 10GB}}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          serviceName: db
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: db, image: "postgres:16.4"}]
              volumes: [{name: tmp, emptyDir: {sizeLimit: 1 Gi}}]
          volumeClaimTemplates:
            - metadata: {name: data}
              spec:
                accessModes: [ReadWriteOnce]
                resources: {requests: {storage: 5gb}}
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata: {name: q}
        spec:
          hard: {requests.cpu: "4", requests.memory: 8Gi, pods: "10", limits.memory: -1Gi}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: x.example.com}
        spec:
          versions: [{name: v1, served: true, storage: true}]
        """
    ).lstrip()
    write_files(tmp_path, {"q.yaml": text})
    res = lint(tmp_path, select=["resources-quantity-invalid"])
    want = [
        "q.yaml:%d:%d" % line_of(text, "10GB"),
        "q.yaml:%d:%d" % line_of(text, "1 Gi"),
        "q.yaml:%d:%d" % line_of(text, "5gb"),
        "q.yaml:%d:%d" % line_of(text, "-1Gi"),
    ]
    assert locs(res) == sorted(want)


def test_token_placeholders_are_quiet_real_invalid_reported(tmp_path):
    # replacetokens `#{X}#`/`__X__`, envsubst, Helm, `##X##` for sed: a deploy step writes the value
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n"
        "      resources:\n        requests: {cpu: \"#{CPU_REQUEST}#\", memory: __MEMORY__}\n"
        "        limits:\n          cpu: '${CPU_LIMIT}'\n          memory: \"{{ .Values.memory }}\"\n"
        "    - {name: b, image: 'nginx:1.27', resources: {limits: {cpu: \"##CPU##\", memory: 1 GB}}}\n"
    )
    write_files(tmp_path, {"k8s/p.yaml": pod, "k8s/crlf.yaml": pod.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=["resources-quantity-invalid"])) == ["k8s/crlf.yaml:13:83", "k8s/p.yaml:13:83"]


def test_token_placeholders_outside_containers_are_quiet(tmp_path):
    text = (
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n"
        "  resources: {requests: {storage: \"#{DISK_SIZE}#\"}}\n---\n"
        "apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q}\nspec:\n  hard: {requests.cpu: __QUOTA_CPU__, requests.memory: 10 Gi}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes: [{name: tmp, emptyDir: {sizeLimit: \"##TMP_SIZE##\"}}]\n"
        "  containers: [{name: a, image: 'nginx:1.27'}]\n"
    )
    write_files(tmp_path, {"k8s/x.yaml": text})
    assert locs(lint(tmp_path, select=["resources-quantity-invalid"])) == ["k8s/x.yaml:12:56"]
