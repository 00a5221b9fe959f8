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
