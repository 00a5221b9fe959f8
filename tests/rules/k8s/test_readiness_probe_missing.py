"""What `readiness-probe-missing` reports (a container that a Service sends traffic to has no
readinessProbe): exact rule, path, line and column."""
from __future__ import annotations

from k8s_containers_util import line_of, workload
from helpers import lint, locs, write_files


def test_readiness_probe_missing_scoping(tmp_path):
    dep = workload("Deployment", """
    containers:
      - name: app
        image: nginx:1.27
        ports: [{containerPort: 8080}]
      - name: sidecar
        image: busybox:1.36
    """)
    svc = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector: {app: x}\n  ports: [{port: 80, targetPort: 8080}]\n"
    other = "apiVersion: v1\nkind: Service\nmetadata: {name: y}\nspec:\n  selector: {app: x}\n  ports: [{port: 80}]\n"
    job = workload("Job", """
    restartPolicy: Never
    containers: [{name: j, image: "busybox:1.36"}]
    """).replace("template:\n    spec:", "template:\n    metadata: {labels: {app: x}}\n    spec:")
    write_files(
        tmp_path,
        {
            "app/dep.yaml": dep,
            "app/svc.yaml": svc,
            "app/job.yaml": job,
            # another application of a monorepo reusing the label: not applied together
            "other/dep.yaml": dep.replace("name: app", "name: other-app"),
            # a Service that targets a port no container declares: every container counts
            "third/svc.yaml": other,
            "third/dep.yaml": dep.replace("name: app", "name: third-app"),
        },
    )
    res = lint(tmp_path, select=["readiness-probe-missing"])
    # only the targeted container of the app that has a Service next to it; Jobs skipped
    name_at = lambda text, n: "%d:%d" % (lambda lc: (lc[0], lc[1] + 2))(line_of(text, n))
    third = dep.replace("name: app", "name: third-app")
    assert locs(res) == sorted([
        "app/dep.yaml:" + name_at(dep, "- name: app"),
        "third/dep.yaml:" + name_at(third, "- name: sidecar"),
        "third/dep.yaml:" + name_at(third, "- name: third-app"),
    ])


def test_readiness_probe_missing_ignores_services_that_publish_unready_pods(tmp_path):
    sts = workload("StatefulSet", """
    containers: [{name: db, image: "postgres:16.4", ports: [{containerPort: 5432}]}]
    """)
    svc = "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  clusterIP: None\n  publishNotReadyAddresses: true\n  selector: {app: x}\n  ports: [{port: 5432}]\n"
    write_files(tmp_path, {"sts.yaml": sts, "svc.yaml": svc})
    assert locs(lint(tmp_path, select=["readiness-probe-missing"])) == []
