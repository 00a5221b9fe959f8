"""config-ref-undefined: variants beyond the catalogue examples (every workload kind,
envFrom secretRef, namespaces, documented creation, ExternalSecret, CRLF, no workflows read)."""
from __future__ import annotations

from _aliases import shared
from helpers import found, lint, locs, write_files

RULE = "config-ref-undefined"

CRON = """\
apiVersion: batch/v1
kind: CronJob
metadata: {name: backup, namespace: ops}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: b
              image: "postgres:16"
              envFrom:
                - secretRef:
                    name: backup-creds
                - configMapRef: {name: backup-cfg}
"""


def test_cronjob_envfrom_and_crlf(tmp_path):
    write_files(tmp_path, {"k8s/cron.yaml": CRON, "k8s/crlf.yaml": CRON.replace("backup", "other").replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE]), RULE) == [
        "k8s/crlf.yaml:16:27",
        "k8s/crlf.yaml:17:40",
        "k8s/cron.yaml:16:27",
        "k8s/cron.yaml:17:40",
    ]


def test_defined_in_another_namespace_is_not_this_one(tmp_path):
    other = "apiVersion: v1\nkind: Secret\nmetadata: {name: backup-creds, namespace: dev}\nstringData: {a: b}\n"
    same = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: backup-cfg}\ndata: {a: b}\n"
    write_files(tmp_path, {"k8s/cron.yaml": CRON, "k8s/other.yaml": other, "k8s/same.yaml": same})
    assert locs(lint(tmp_path, select=[RULE]), RULE) == ["k8s/cron.yaml:16:27"]


def test_documented_or_external_creation_is_quiet(tmp_path):
    write_files(
        tmp_path,
        {
            "k8s/cron.yaml": "# kubectl create secret generic backup-creds -n ops --from-literal=x=y\n" + CRON,
            "k8s/es.yaml": (
                "apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata: {name: es, namespace: ops}\n"
                "spec: {target: {name: backup-cfg}, secretStoreRef: {name: vault}}\n"
            ),
        },
    )
    found = locs(lint(tmp_path, select=[RULE]), RULE)
    # backup-cfg is a ConfigMap: an ExternalSecret makes a Secret of that name, not a ConfigMap
    assert found == ["k8s/cron.yaml:18:40"]


def test_config_ref_undefined_in_env_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b' and init container 'i' use the `env` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('env', '[{name: X, valueFrom: {configMapKeyRef: {name: settings, key: k}}}]', merge=False)
    assert found(tmp_path, {"d.yaml": text}, 'config-ref-undefined') == ['d.yaml:12:71']


def test_token_placeholder_names_are_quiet(tmp_path):
    # replacetokens / sed tokens name the ConfigMap or Secret at deploy time
    text = CRON.replace("name: backup-creds", "name: \"#{BACKUP_SECRET}#\"").replace("{name: backup-cfg}", "{name: '##CONFIG##'}")
    text += "              env:\n                - name: A\n                  valueFrom: {secretKeyRef: {name: __SECRET__, key: a}}\n"
    text += "                - name: B\n                  valueFrom: {configMapKeyRef: {name: real-cfg, key: b}}\n"
    write_files(tmp_path, {"k8s/cron.yaml": text})
    assert locs(lint(tmp_path, select=[RULE]), RULE) == ["k8s/cron.yaml:22:55"]
