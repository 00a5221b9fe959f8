"""What `env-ref-before-definition` and `env-undefined-ref` report (a container env value uses
$(NAME) before NAME is defined in the env list; a container env value uses $(NAME) that
nothing in the container defines): exact rule, path, line and column."""
from __future__ import annotations

import json

import pytest

from _aliases import shared
from helpers import found, lint, triples, write_files


RULES = ["env-ref-before-definition", "env-undefined-ref"]


CONTAINER = """\
- name: c
  image: nginx:1.27
  env:
    - name: A
      value: "x$(B)"
    - name: B
      value: b
"""


def indent(text: str, n: int) -> str:
    return "".join(" " * n + line if line.strip() else line for line in text.splitlines(True))


def workload(kind: str, api: str = "apps/v1") -> str:
    return (
        f"apiVersion: {api}\nkind: {kind}\nmetadata: {{name: w}}\nspec:\n  template:\n    spec:\n"
        "      containers:\n" + indent(CONTAINER, 6)
    )


@pytest.mark.parametrize(
    "kind, api",
    [
        ("Deployment", "apps/v1"),
        ("StatefulSet", "apps/v1"),
        ("DaemonSet", "apps/v1"),
        ("ReplicaSet", "apps/v1"),
        ("Job", "batch/v1"),
        ("Rollout", "argoproj.io/v1alpha1"),
    ],
)
def test_every_template_workload(tmp_path, kind, api):
    write_files(tmp_path, {"w.yaml": workload(kind, api)})
    # line 12 `            value: "x$(B)"`: the $ is at column 22
    assert triples(lint(tmp_path, select=RULES)) == [("env-ref-before-definition", "w.yaml:12:22")]


def test_cronjob_init_container_list_item_ephemeral_and_json(tmp_path):
    cron = (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: d}\nspec:\n  schedule: '@daily'\n"
        "  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n"
        + indent(CONTAINER, 10)
    )
    lst = (
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n"
        "  spec:\n    ephemeralContainers:\n" + indent(CONTAINER, 4)
    )
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "j"},
        "spec": {"containers": [{"name": "c", "image": "x:1", "env": [{"name": "A", "value": "x$(B)"}, {"name": "B", "value": "b"}]}]},
    }
    write_files(tmp_path, {"cron.yaml": cron, "list.yaml": lst, "pod.json": json.dumps(pod, indent=2)})
    assert triples(lint(tmp_path, select=RULES)) == [
        ("env-ref-before-definition", "cron.yaml:15:26"),
        ("env-ref-before-definition", "list.yaml:13:20"),
        ("env-ref-before-definition", "pod.json:15:24"),
    ]


BLOCKS = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env:
        - name: B
          value: |
            line1
            x=$(LATER) y
        - {name: "é😀", value: "😀é $(LATER) ü"}
        - name: Q
          value: 'a $(LATER)'
        - name: F
          value: >-
            folded
            $(LATER)
        - name: LATER
          value: v
"""


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_scalar_styles_crlf_bom_non_ascii(tmp_path, eol, bom):
    write_files(tmp_path, {"p.yaml": bom + BLOCKS.replace("\n", eol)})
    assert triples(lint(tmp_path, select=RULES)) == [
        ("env-ref-before-definition", "p.yaml:12:15"),
        ("env-ref-before-definition", "p.yaml:13:35"),
        ("env-ref-before-definition", "p.yaml:15:21"),
        ("env-ref-before-definition", "p.yaml:19:13"),
    ]


def test_self_reference_is_undefined_not_later(tmp_path):
    # PATH=$(PATH):... does not see the image's PATH: nothing defines it before this entry
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env:
        - name: PATH
          value: "$(PATH):/opt/bin"
"""
    write_files(tmp_path, {"p.yaml": pod})
    res = lint(tmp_path, select=RULES)
    assert triples(res) == [("env-undefined-ref", "p.yaml:10:19")]
    assert "defined later" not in res.findings[0].message
    assert "own value" in res.findings[0].message


def test_self_reference_with_a_later_redefinition_is_ordering(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env:
        - name: X
          value: "$(X)-1"
        - name: X
          value: "2"
"""
    write_files(tmp_path, {"p.yaml": pod})
    res = lint(tmp_path, select=RULES)
    assert triples(res) == [("env-ref-before-definition", "p.yaml:10:19")]
    assert "(line 11)" in res.findings[0].message


def test_master_service_variables_exist_without_service_links(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  enableServiceLinks: false
  containers:
    - name: a
      image: nginx:1.27
      env:
        - name: API
          value: "https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT_HTTPS)"
        - name: R
          value: "$(REDIS_SERVICE_HOST)"
"""
    write_files(tmp_path, {"p.yaml": pod})
    # the kubernetes Service variables are always set; other links are off
    assert triples(lint(tmp_path, select=RULES)) == [("env-undefined-ref", "p.yaml:13:19")]


def test_escapes_command_args_and_envfrom(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      command: ["sh", "-c", "echo $(LATER) $(date)"]
      args: ["$(LATER)", "$(CM_HOST)"]
      envFrom:
        - prefix: CM_
          configMapRef: {name: settings}
      env:
        - name: E
          value: "$$(LATER) $$$(CM_HOST) $(CM_HOST)"
        - name: LATER
          value: v
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {HOST: h}
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=RULES)) == []


def test_kustomize_vars_are_replaced_at_build_time(tmp_path):
    dep = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - {name: API, value: "http://$(API_SERVICE):80"}
            - {name: OTHER, value: "$(NOT_A_VAR)"}
"""
    kust = (
        "resources: [dep.yaml]\nvars:\n  - name: API_SERVICE\n"
        "    objref: {kind: Service, name: api, apiVersion: v1}\n"
    )
    write_files(tmp_path, {"k/dep.yaml": dep, "k/kustomization.yaml": kust})
    assert triples(lint(tmp_path, select=RULES)) == [("env-undefined-ref", "k/dep.yaml:14:37")]


def test_env_ref_before_definition_in_env_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b' and init container 'i' use the `env` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('env', '[{name: A, value: $(B)}, {name: B, value: b}]', merge=False)
    assert found(tmp_path, {"d.yaml": text}, 'env-ref-before-definition') == ['d.yaml:12:42']


def test_undefined_reference_in_command_and_args(tmp_path):
    # the kubelet expands command/args against the whole environment (order does not
    # matter there) and leaves what nothing defines as literal text; lower-case names are
    # left alone ($(date) in a sh -c script is the shell's command substitution), as are
    # Service-link variables, escapes, and containers whose envFrom source is elsewhere
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      command: ["/app", "--url=$(DB_URL)", "--later=$(LATER)"]
      args:
        - --pod=$(POD_NAME) --ns=$(NS)
        - >-
          --x=$$(LITERAL) --d=$(date)
          --host=$(REDIS_SERVICE_HOST) --k=$(KUBERNETES_SERVICE_HOST)
      env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - {name: LATER, value: v}
  initContainers:
    - name: i
      image: busybox:1.36
      command: [sh, -c, 'until nslookup $(DB_HOST); do sleep 1; done']
  ephemeralContainers:
    - name: e
      image: busybox:1.36
      args: ["$(TARGET)"]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      containers:
        - name: d
          image: nginx:1.27
          args: ["--cfg=$(CFG)"]
          envFrom: [{configMapRef: {name: elsewhere}}]
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=RULES)) == [
        ("env-undefined-ref", "p.yaml:10:34"),
        ("env-undefined-ref", "p.yaml:21:41"),
        ("env-undefined-ref", "p.yaml:25:15"),
        ("env-undefined-ref", "p.yaml:8:32"),
    ]


def test_undefined_reference_in_subpathexpr_stops_the_container(tmp_path):
    # kubelet ExpandContainerVolumeMounts: "missing value for X", the container does not
    # start; any name counts (no shell here); Service-link variables are in that environment
    pod = """\
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s}
spec:
  serviceName: s
  selector: {matchLabels: {app: s}}
  template:
    metadata: {labels: {app: s}}
    spec:
      containers:
        - name: s
          image: nginx:1.27
          env:
            - name: POD_NAME
              valueFrom: {fieldRef: {fieldPath: metadata.name}}
          volumeMounts:
            - {name: logs, mountPath: /logs, subPathExpr: "$(POD_NAME)/$(node_name)"}
            - name: data
              mountPath: /data
              subPathExpr: $(POD_NAME)
            - {name: x, mountPath: /x, subPathExpr: "$(WEB_SERVICE_HOST)"}
"""
    write_files(tmp_path, {"s.yaml": pod})
    assert triples(lint(tmp_path, select=RULES)) == [
        ("env-undefined-ref", "s.yaml:17:72"),
    ]


def test_undefined_reference_in_args_of_a_partial_object_is_left_alone(tmp_path):
    # a skeleton without a name (an operator or generator completes it) and a
    # strategic-merge patch: whatever completes them may add the env
    docs = """\
apiVersion: apps/v1
kind: Deployment
metadata: {labels: {app: x}}
spec:
  template:
    spec:
      containers:
        - name: x
          image: nginx:1.27
          args: ["--pod=$(POD_NAME)"]
          volumeMounts: [{name: l, mountPath: /l, subPathExpr: "$(POD_NAME)"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: y}
spec:
  template:
    spec:
      containers:
        - name: y
          args: ["--pod=$(POD_NAME)"]
          env:
            - {$patch: delete, name: OLD}
"""
    write_files(tmp_path, {"p.yaml": docs})
    assert triples(lint(tmp_path, select=RULES)) == []
