"""What `service-selector-no-match` reports (a Service's selector matches no pod template in
the repository): exact rule, path, line and column of the selector key that differs, in
every workload kind, block and flow style; pods that come from elsewhere are not judged.
(Selectors of operator-created pods: tests/integration/test_service_selector_no_match_together.py.)"""
from __future__ import annotations

from k8s_wiring_util import DEP, WORKLOAD_TEMPLATES, obj
from helpers import found_tokens, lint, triples, write_files


def test_cronjob_and_bare_pod_and_list_items_are_selected(tmp_path):
    files = {
        "k8s/all.yaml": """\
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: p, labels: {app: debug}}
                spec: {containers: [{name: c, image: "busybox:1.36"}]}
              - apiVersion: v1
                kind: Service
                metadata: {name: debug}
                spec: {selector: {app: debug}, ports: [{port: 80}]}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: cron}
            spec:
              schedule: "@hourly"
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: cron}}
                    spec: {restartPolicy: Never, containers: [{name: c, image: "busybox:1.36"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cron}
            spec:
              selector:
                app: cron-job
              ports: [{port: 80}]
            """
    }
    got = found_tokens(tmp_path, files, ["service-selector-no-match"])
    assert got == [("service-selector-no-match", "k8s/all.yaml", 29, "cron-job")]


def test_block_and_flow_selectors_point_at_the_missing_key(tmp_path):
    files = {
        "app.yaml": """\
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector:
                matchLabels:
                  app: api
              template:
                metadata:
                  labels:
                    app: api
                spec: {containers: [{name: c, image: "busybox:1.36"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api, tier: backend}
              ports: [{port: 80}]
            """
    }
    got = found_tokens(tmp_path, files, ["service-selector-no-match"])
    assert got == [("service-selector-no-match", "app.yaml", 18, "tier: backend")]


def test_controller_labels_in_a_service_selector_are_ignored(tmp_path):
    files = {
        "db.yaml": obj("StatefulSet", "db", WORKLOAD_TEMPLATES["StatefulSet"][1].replace("app: x", "app: db"))
        + "---\napiVersion: v1\nkind: Service\nmetadata: {name: db-0}\nspec:\n"
        "  selector: {app: db, statefulset.kubernetes.io/pod-name: db-0}\n  ports: [{port: 5432}]\n"
    }
    assert found_tokens(tmp_path, files, ["service-selector-no-match"]) == []


def test_service_selector_with_an_unrelated_value_of_the_same_key(tmp_path):
    svc = "apiVersion: v1\nkind: Service\nmetadata: {name: frontend}\nspec:\n  selector: {app: nginx}\n  ports: [{port: 80}]\n"
    write_files(tmp_path, {"k8s/dep.yaml": DEP, "k8s/svc.yaml": svc})
    assert triples(lint(tmp_path, select=["service-selector-no-match"])) == [
        ("service-selector-no-match", "k8s/svc.yaml:5:19")
    ]


def test_service_for_pods_from_elsewhere_is_not_reported(tmp_path):
    # a label key no template of the folder uses: the pods come from a Helm release
    svc = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: exporter}\nspec:\n"
        "  selector: {app.kubernetes.io/name: exporter}\n  ports: [{port: 9400}]\n"
    )
    write_files(tmp_path, {"k8s/dep.yaml": DEP, "k8s/svc.yaml": svc})
    assert triples(lint(tmp_path, select=["service-selector-no-match"])) == []
