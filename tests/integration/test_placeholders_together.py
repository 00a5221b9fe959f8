"""A manifest set whose values a CI step writes (Azure DevOps replacetokens `#{X}#`, `__X__`,
`$(X)`, Octopus, `##X##` for sed, envsubst, Helm, `@X@`, `%X%`) in every field a rule judges:
no rule reports a placeholder as the value it stands for (issue 10: lib/common/placeholders.py).
What stays reported holds whatever the value: replicas set under an HPA, a hostPath volume, a
Secret read into env."""
from __future__ import annotations

import textwrap

from helpers import run
from okla_lint.lib.common.placeholders import placeholder_spans

MANIFESTS = textwrap.dedent("""\
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, namespace: shop}
    spec:
      replicas: "#{REPLICAS}#"
      minReadySeconds: "__MIN_READY__"
      progressDeadlineSeconds: "${DEADLINE}"
      strategy:
        type: "#{STRATEGY}#"
        rollingUpdate: {maxSurge: "__SURGE__", maxUnavailable: "#{UNAVAILABLE}#"}
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          terminationGracePeriodSeconds: "#{GRACE}#"
          priorityClassName: "#{PRIORITY}#"
          nodeSelector: {pool: "#{POOL}#"}
          tolerations: [{key: "#{TAINT}#", operator: "__OP__", effect: "##EFFECT##"}]
          topologySpreadConstraints:
            - {maxSkew: "#{SKEW}#", topologyKey: "__TOPO__", whenUnsatisfiable: "##WHEN##", labelSelector: {matchLabels: {app: web}}}
          securityContext: {runAsUser: "#{UID}#", fsGroup: "__GID__", seccompProfile: {type: "##SECCOMP##"}}
          volumes:
            - {name: data, persistentVolumeClaim: {claimName: "#{PVC}#"}}
            - {name: cfg, configMap: {name: "__CFG__", items: [{key: "##KEY##", path: "x"}]}}
            - {name: sec, secret: {secretName: "@SECRET@"}}
            - {name: host, hostPath: {path: "#{HOST_PATH}#"}}
          containers:
            - name: web
              image: "ghcr.io/acme/web:#{TAG}#"
              imagePullPolicy: "__POLICY__"
              command: ["#{CMD}#"]
              args: ["--port=#{PORT}#"]
              workingDir: "##WORKDIR##"
              ports: [{containerPort: "#{PORT}#", name: "__PORT_NAME__", hostPort: "##HOSTPORT##"}]
              resources:
                requests: {cpu: "#{CPU}#", memory: "__MEM__"}
                limits: {cpu: "${CPU_LIMIT}", memory: "{{ .Values.mem }}"}
              securityContext: {runAsUser: "__UID__", privileged: "#{PRIV}#", allowPrivilegeEscalation: "##APE##", readOnlyRootFilesystem: "__RO__", capabilities: {add: ["#{CAP}#"]}}
              readinessProbe: {httpGet: {path: "#{PATH}#", port: "##PORT##"}, periodSeconds: "#{P}#", timeoutSeconds: "__T__", failureThreshold: "%FAILURES%"}
              livenessProbe: {tcpSocket: {port: "${PORT}"}, initialDelaySeconds: "#{D}#"}
              volumeMounts: [{name: data, mountPath: "#{MOUNT}#", subPath: "__SUB__"}]
              env:
                - {name: A, valueFrom: {secretKeyRef: {name: "#{SEC}#", key: "__K__"}}}
                - {name: B, valueFrom: {fieldRef: {fieldPath: "##FIELD##"}}}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web, namespace: shop}
    spec:
      type: "#{TYPE}#"
      clusterIP: "##IP##"
      selector: {app: web}
      ports: [{port: "#{SVC_PORT}#", targetPort: "__TP__", nodePort: "##NP##", protocol: "%PROTOCOL%"}]
    ---
    apiVersion: networking.k8s.io/v1
    kind: Ingress
    metadata: {name: web, namespace: shop, annotations: {"nginx.ingress.kubernetes.io/rewrite-target": "#{RW}#"}}
    spec:
      ingressClassName: "__CLASS__"
      tls: [{hosts: ["#{HOST}#"], secretName: "##TLS##"}]
      rules:
        - host: "#{HOST}#"
          http:
            paths:
              - {path: "__PATH__", pathType: "##PT##", backend: {service: {name: web, port: {number: "#{N}#"}}}}
              - {path: /x, pathType: Prefix, backend: {service: {name: web, port: {name: "__PN__"}}}}
    ---
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata: {name: web, namespace: shop}
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      minReplicas: "#{MIN}#"
      maxReplicas: "__MAX__"
      metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: "##U##"}}}]
    ---
    apiVersion: policy/v1
    kind: PodDisruptionBudget
    metadata: {name: web, namespace: shop}
    spec:
      minAvailable: "#{PDB_MIN}#"
      selector: {matchLabels: {app: web}}
    ---
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: job, namespace: shop}
    spec:
      schedule: "#{SCHEDULE}#"
      timeZone: "__TZ__"
      concurrencyPolicy: "##CP##"
      jobTemplate:
        spec:
          backoffLimit: "#{B}#"
          ttlSecondsAfterFinished: "__TTL__"
          template:
            spec:
              restartPolicy: "#{RP}#"
              containers: [{name: j, image: "@IMG@"}]
""")
TOKENS = ("#{", "}#", "__", "##", "${", "$(", "@IMG@", "%PROTOCOL%", "%FAILURES%", "{{")


def test_no_rule_reports_a_placeholder_as_a_value(tmp_path):
    res = run(tmp_path, {"k8s/all.yaml": MANIFESTS, "k8s/crlf.yaml": MANIFESTS.replace("\n", "\r\n")}, ["ALL"])
    lines = MANIFESTS.splitlines()
    about = []
    for f in res.findings:
        text = lines[f.line - 1]
        at_token = any(s < f.col <= e for s, e in placeholder_spans(text))
        if at_token or any(t in f.message for t in TOKENS):
            about.append((f.rule, f"{f.path}:{f.line}:{f.col}"))
    expected = [
        ("hpa-target-sets-replicas", "all.yaml:5:3"),
        ("host-path-volume", "all.yaml:26:41"),
        ("secret-in-env", "all.yaml:43:37"),
    ]
    assert sorted(about) == sorted([(r, f"k8s/{p}") for r, p in expected] + [(r, f"k8s/crlf{p[3:]}") for r, p in expected])
