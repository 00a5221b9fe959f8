"""k8s-schema: Kubernetes objects against the bundled OpenAPI-derived schemas."""
from __future__ import annotations

import pytest

from _partial_objects import FRAGMENT, RULES, WHOLE
from helpers import ROOT_DIR, lint, locs, rule_paths, run, triples, write_files
from okla_lint.lib.k8s import schemas as k8s_schema


RULE = "k8s-schema"
FIXTURES = ROOT_DIR / "fixtures" / "schema"


def messages(result):
    return [f.message for f in result.findings if f.rule == RULE]


# -- the fixture repository ---------------------------------------------------------------
def test_fixture_broken_repository():
    result = lint(FIXTURES / "broken", select=[RULE])
    assert locs(result, RULE) == [
        "k8s/api.yaml:24:22",  # value: on (YAML 1.1 boolean in a string field)
        "k8s/api.yaml:26:22",  # value: 8080
        "k8s/api.yaml:29:13",  # initialDelaySecond
        "k8s/api.yaml:31:13",  # request
        "k8s/api.yaml:40:7",  # Service port without port
        "k8s/api.yaml:7:13",  # label canary: false
        "k8s/api.yaml:9:13",  # replicas: "2"
        "overlay/api-patch.yaml:12:11",  # livenesProbe in a kustomize patch
    ]


def test_fixture_fixed_repository_is_clean():
    result = lint(FIXTURES / "fixed", select=[RULE])
    assert messages(result) == []


# -- every workload kind ------------------------------------------------------------------
CONTAINER = """\
- name: app
  image: nginx:1.27
  livenessProbe:
    tcpSocket: {port: 80}
    periodSecond: 10
"""


def _indent(text: str, n: int) -> str:
    return "".join(" " * n + line if line.strip() else line for line in text.splitlines(True))


WORKLOADS = {
    "Pod": ("v1", "spec:\n  containers:\n", 4),
    "Deployment": (
        "apps/v1",
        "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
        "    spec:\n      containers:\n",
        8,
    ),
    "StatefulSet": (
        "apps/v1",
        "spec:\n  serviceName: s\n  selector: {matchLabels: {a: b}}\n  template:\n"
        "    metadata: {labels: {a: b}}\n    spec:\n      containers:\n",
        8,
    ),
    "DaemonSet": (
        "apps/v1",
        "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
        "    spec:\n      containers:\n",
        8,
    ),
    "ReplicaSet": (
        "apps/v1",
        "spec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
        "    spec:\n      containers:\n",
        8,
    ),
    "ReplicationController": ("v1", "spec:\n  template:\n    spec:\n      containers:\n", 8),
    "Job": ("batch/v1", "spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n", 8),
    "CronJob": (
        "batch/v1",
        "spec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          restartPolicy: OnFailure\n          containers:\n",
        12,
    ),
    "PodTemplate": ("v1", "template:\n  spec:\n    containers:\n", 6),
}


@pytest.mark.parametrize("kind", sorted(WORKLOADS))
def test_typo_in_a_container_of_every_workload_kind(tmp_path, kind):
    api, body, indent = WORKLOADS[kind]
    text = f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: w\n{body}{_indent(CONTAINER, indent)}"
    result = run(tmp_path, {"w.yaml": text}, [RULE])
    line = text.splitlines().index(" " * (indent + 4) + "periodSecond: 10") + 1
    assert locs(result) == [f"w.yaml:{line}:{indent + 5}"]
    assert "did you mean 'periodSeconds'?" in messages(result)[0]


def test_items_of_a_list(tmp_path):
    text = (
        "apiVersion: v1\nkind: List\nitems:\n"
        "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n    data: {PORT: 8080}\n"
        "  - apiVersion: v1\n    kind: Service\n    metadata: {name: s}\n"
        "    spec:\n      ports: [{port: '80'}]\n"
    )
    result = run(tmp_path, {"list.yaml": text}, [RULE])
    assert locs(result) == ["list.yaml:12:22", "list.yaml:7:18"]


# -- styles and positions -----------------------------------------------------------------
def test_flow_and_block_style_report_the_same_defects(tmp_path):
    block = (
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n"
        "    - port: '80'\n      targetPrt: 8080\n"
    )
    flow = "{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: [{port: '80', targetPrt: 8080}]}}\n"
    result = run(tmp_path, {"block.yaml": block, "flow.yaml": flow}, [RULE])
    assert locs(result) == ["block.yaml:7:13", "block.yaml:8:7", "flow.yaml:1:76", "flow.yaml:1:82"]


def test_crlf_and_multi_document(tmp_path):
    text = (
        "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: a}\r\ndata: {A: '1'}\r\n---\r\n"
        "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n"
        "    - name: c\r\n      image: x:1\r\n      imagePullPolicy: Always\r\n      tty: 'true'\r\n"
    )
    result = run(tmp_path, {"crlf.yaml": text}, [RULE])
    assert locs(result) == ["crlf.yaml:14:12"]


def test_merge_key_points_at_the_anchor(tmp_path):
    text = """\
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    probe: &probe "x"
spec:
  containers:
    - name: a
      image: x:1
      readinessProbe: &rp
        exec: {command: [cat, /ready]}
        timeoutSecond: 2
    - name: b
      image: x:1
      livenessProbe:
        <<: *rp
        periodSeconds: 5
"""
    result = run(tmp_path, {"p.yaml": text}, [RULE])
    # the typo is written once (in the anchor); both containers carry it
    assert locs(result) == ["p.yaml:13:9"]


def test_json_manifest(tmp_path):
    text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},\n "spec": {"containers": [{"name": "c", "image": "x:1", "stdin": "yes"}]}}\n'
    result = run(tmp_path, {"pod.json": text}, [RULE])
    assert locs(result) == ["pod.json:2:65"]
    assert "must be a boolean" in messages(result)[0]


# -- what the API accepts ----------------------------------------------------------------
def test_int_or_string_quantities_null_and_status_are_accepted(tmp_path):
    text = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, creationTimestamp: null, labels: {tier: "1"}}
spec:
  selector: {matchLabels: {a: b}}
  strategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
        - name: c
          image: x:1
          ports: [{containerPort: 8080, name: http}]
          startupProbe: {httpGet: {port: http, path: /}}
          livenessProbe: {tcpSocket: {port: 8080}}
          readinessProbe: {grpc: {port: 9090}}
          resources:
            requests: {cpu: 0.25, memory: 64Mi, ephemeral-storage: 1Gi}
            limits: {cpu: "1", memory: 134217728}
          tty: yes
          env:
            - {name: A, value: null}
status: {}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {kind: Role, name: r}
subjects: [{kind: ServiceAccount, name: sa}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: pdb}
spec: {maxUnavailable: 1, selector: {matchLabels: {a: b}}}
"""
    result = run(tmp_path, {"ok.yaml": text}, [RULE])
    assert messages(result) == []


def test_custom_resources_and_unserved_apis_are_skipped(tmp_path):
    text = """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: r}
spec: {anything: [1, 2], template: {spec: {containers: [{name: c, imagee: x}]}}}
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: old}
spec: {template: {spec: {containers: [{name: c, image: x, bogus: 1}]}}}
---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [a.yaml]
"""
    result = run(tmp_path, {"cr.yaml": text}, [RULE])
    assert messages(result) == []


def test_missing_image_and_name_are_reported_at_the_container(tmp_path):
    text = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: init
  containers:
    - image: x:1
"""
    result = run(tmp_path, {"p.yaml": text}, [RULE])
    assert locs(result) == ["p.yaml:6:7", "p.yaml:8:7"]
    assert "'image'" in messages(result)[0] and "'name'" in messages(result)[1]


def test_misspelt_required_field_is_one_finding(tmp_path):
    text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      Image: x:1\n"
    result = run(tmp_path, {"p.yaml": text}, [RULE])
    assert locs(result) == ["p.yaml:7:7"]
    assert "did you mean 'image'?" in messages(result)[0]


# -- YAML 1.1 booleans ---------------------------------------------------------------------
def test_yaml11_booleans_in_string_fields(tmp_path):
    text = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: flags
  labels: {enabled: on, quoted: "on"}
  annotations: {a: no, b: 'no', c: nothing}
data:
  X: yes
  Y: |
    yes
"""
    result = run(tmp_path, {"cm.yaml": text}, [RULE])
    assert locs(result) == ["cm.yaml:5:21", "cm.yaml:6:20", "cm.yaml:8:6"]
    assert 'Quote it: "on"' in messages(result)[0]


def test_plain_yes_is_a_boolean_to_kubectl_but_quoted_yes_is_not(tmp_path):
    text = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: yes
  hostPID: "yes"
  containers: [{name: c, image: x:1}]
"""
    result = run(tmp_path, {"p.yaml": text}, [RULE])
    assert locs(result) == ["p.yaml:6:12"]


# -- partial objects and templates ---------------------------------------------------------
def test_kustomize_patches_are_partial(tmp_path):
    files = {
        "base/kustomization.yaml": "resources: [d.yaml]\n",
        "overlay/kustomization.yaml": (
            "resources: [../base]\npatchesStrategicMerge: [smp.yaml]\n"
            "patches:\n  - path: patches/replicas.yaml\n    target: {kind: Deployment}\n"
        ),
        "overlay/smp.yaml": (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n"
            "    spec:\n      containers:\n        - name: c\n          resouces: {}\n"
        ),
        "overlay/patches/replicas.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 3}\n",
        "other/delete.yaml": "$patch: delete\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n",
        "other/retain.yaml": (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n"
            "      $setElementOrder/containers: [{name: c}]\n      containers: [{name: c, $patch: replace}]\n"
        ),
    }
    result = run(tmp_path, files, [RULE])
    # unknown fields still count in a patch; missing fields do not
    assert locs(result) == ["overlay/smp.yaml:9:11"]


def test_skeletons_without_a_name_and_template_placeholders(tmp_path):
    files = {
        "skeleton.yaml": (
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {}\nspec:\n  template:\n    spec:\n"
            "      containers: [{name: c}]\n"
        ),
        "template.yaml": (
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{SA_NAME}}\n---\n"
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: ${REPLICAS}\n"
            "  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n"
            "    spec: {containers: [{name: c, image: x, ports: [{containerPort: '<PORT>'}]}]}\n"
        ),
    }
    result = run(tmp_path, files, [RULE])
    assert messages(result) == []


# -- versions -------------------------------------------------------------------------------
def test_version_resolution():
    versions = k8s_schema.available_versions()
    assert versions and "1.36" in versions
    assert k8s_schema.resolve_version("v1.33.4") == "1.33"
    assert k8s_schema.resolve_version("1.10") == versions[0]
    assert k8s_schema.resolve_version("99.0") == versions[-1]
    assert k8s_schema.resolve_version("latest") == versions[-1]


def test_kubernetes_version_parameter(tmp_path):
    # native sidecars (`restartPolicy: Always` on an init container) arrived in 1.28
    text = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n"
        "    - name: proxy\n      image: x:1\n      restartPolicy: Always\n"
        "  containers: [{name: c, image: x:1}]\n"
    )
    old = run(tmp_path / "old", {"p.yaml": text}, [RULE], params={RULE: {"kubernetes-version": "1.27"}})
    assert locs(old) == ["p.yaml:8:7"]
    assert "Kubernetes 1.27 schema" in messages(old)[0]
    new = run(tmp_path / "new", {"p.yaml": text}, [RULE])
    assert messages(new) == []


def test_validators_are_compiled_once_per_kind():
    s = k8s_schema.schema_set(k8s_schema.resolve_version("1.36"))
    a = s.validator("apps/v1", "Deployment")
    b = s.validator("apps/v1", "Deployment")
    assert a is not None and a[1] is b[1]
    assert s.validator("example.com/v1", "Widget") is None


def test_misplaced_fields_say_where_they_belong(tmp_path):
    text = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: m
namespace: prod
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      env: [{name: A, value: b}]
      containers:
        - name: c
          image: x:1
          limits: {memory: 1Gi}
          readinessProbe:
            httpGet: {path: /, port: 80}
            port: 80
"""
    result = run(tmp_path, {"m.yaml": text}, [RULE])
    found = {f"{f.line}:{f.col}": f.message for f in result.findings}
    assert sorted(found) == ["11:7", "15:11", "18:13", "5:1"]
    assert "'namespace' belongs in `metadata`" in found["5:1"]
    assert "'env' belongs in a container" in found["11:7"]
    assert "'limits' belongs in `resources`" in found["15:11"]
    assert "'port' belongs in the probe's handler" in found["18:13"]


def test_selector_created_by_kustomize_common_labels(tmp_path):
    deploy = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n"
        "    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: x:1}]}\n"
    )
    files = {
        "base/kustomization.yaml": "resources: [deploy.yaml]\n",
        "base/deploy.yaml": deploy,
        "overlay/kustomization.yaml": "resources: [../base]\ncommonLabels: {app: web}\n",
        "plain/deploy.yaml": deploy,
    }
    result = run(tmp_path, files, [RULE])
    # kustomize adds the overlay's commonLabels to the selector; the plain copy has none
    assert locs(result) == ["plain/deploy.yaml:4:1"]
    assert "has no 'selector'" in messages(result)[0]


# -- merged from tests/test_review_k8s_schema_values.py: Review: k8s-schema reports values the API server's validation rejects (closed value sets are case-sensitive; a quoted number is a port name without a letter).

DEP = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  strategy: {type: rollingUpdate}
  selector: {matchLabels: {app: d}}
  template:
    metadata: {labels: {app: d}}
    spec:
      restartPolicy: always
      initContainers:
        - {name: i, image: "busybox:1.36", imagePullPolicy: ifNotPresent}
      containers:
        - name: c
          image: nginx:1.27
          imagePullPolicy: Always
          ports: [{containerPort: 80, protocol: udp}]
"""


def test_enums_in_every_place(tmp_path):
    write_files(tmp_path, {"d.yaml": DEP})
    assert triples(lint(tmp_path, select=["k8s-schema"])) == [
        ("k8s-schema", "d.yaml:10:22"),
        ("k8s-schema", "d.yaml:12:61"),
        ("k8s-schema", "d.yaml:17:49"),
        ("k8s-schema", "d.yaml:5:20"),
    ]


def test_custom_resources_and_valid_values_are_left_alone(tmp_path):
    rollout = DEP.replace("apps/v1", "argoproj.io/v1alpha1").replace("Deployment", "Rollout")
    ok = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n"
        "  selector: {app: d}\n  ports: [{port: 80, targetPort: http, protocol: UDP}, {port: 81, targetPort: 8081}]\n"
    )
    write_files(tmp_path, {"r.yaml": rollout, "s.yaml": ok})
    assert triples(lint(tmp_path, select=["k8s-schema"])) == []


def test_hash_placeholders_are_not_schema_errors(tmp_path):
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: ##REPLICAS##\n"
        "  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n"
        "      containers:\n        - name: api\n          image: ##IMAGE##\n"
    )
    write_files(tmp_path, {"k8s/app.yaml": text})
    assert [f.rule for f in lint(tmp_path).findings if f.rule in ("k8s-schema", "parse-error")] == []


CRB = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: x}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: %s
subjects:
  - {kind: ServiceAccount, name: sa, namespace: %s}
"""


def test_hash_placeholders(tmp_path):
    write_files(tmp_path, {"a.yaml": CRB % ("##CRNAME##", "ns"), "b.yaml": CRB.replace("{kind: ServiceAccount, name: sa, namespace: %s}", "kind: ServiceAccount\n    name: ##SANAME##   # filled by sed") % "##CRNAME##"})
    assert lint(tmp_path, select=["k8s-schema"]).findings == []


def test_a_plain_null_or_comment_is_still_reported(tmp_path):
    write_files(tmp_path, {"a.yaml": CRB % ("", "ns"), "b.yaml": CRB % ("# TODO", "ns")})
    assert sorted(f.path for f in lint(tmp_path, select=["k8s-schema"]).findings) == ["a.yaml", "b.yaml"]


def test_fragment_alone_is_an_incomplete_object(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": FRAGMENT})
    assert [r for r, _ in rule_paths(lint(tmp_path, select=RULES))] == ["k8s-schema", "k8s-schema"]


def test_fragment_in_another_namespace_is_not_a_fragment_of_it(tmp_path):
    write_files(tmp_path, {"k8s/web.yaml": WHOLE, "k8s/other.yaml": FRAGMENT.replace("namespace: shop", "namespace: other")})
    assert {r for r, _ in rule_paths(lint(tmp_path, select=RULES))} == {"k8s-schema"}


def test_go_embedded_skeleton(tmp_path):
    skel = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: nameserver}\nspec:\n  selector: {matchLabels: {app: ns}}\n  template:\n    metadata: {labels: {app: ns}}\n    spec:\n      containers: [{name: ns}]\n"
    write_files(tmp_path, {"reconciler/nameserver/manifests/deploy.yaml": skel})
    assert [r for r, _ in rule_paths(lint(tmp_path, select=RULES))] == ["k8s-schema"]
    write_files(tmp_path, {"reconciler/nameserver/nameserver.go": 'package ns\n\nimport _ "embed"\n\n//go:embed manifests/deploy.yaml\nvar deployYaml []byte\n'})
    assert rule_paths(lint(tmp_path, select=RULES)) == []


def test_token_placeholders_in_typed_and_enum_fields(tmp_path):
    # replacetokens `#{X}#` (plain: a comment, so null) and `__X__`, `%X%`, `@X@`, `##X##`,
    # `$(X)`: a deploy step writes the value; a real wrong value next to them is still reported
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n"
        "  replicas: \"#{REPLICAS}#\"\n"
        "  revisionHistoryLimit: #{HISTORY}#\n"
        "  strategy: {type: \"__STRATEGY__\"}\n"
        "  selector: {matchLabels: {app: api}}\n"
        "  template:\n    metadata: {labels: {app: api}}\n    spec:\n"
        "      restartPolicy: '%RESTART_POLICY%'\n"
        "      containers:\n"
        "        - name: api\n"
        "          image: nginx:1.27\n"
        "          imagePullPolicy: \"$(PULL_POLICY)\"\n"
        "          ports: [{containerPort: \"@PORT@\", protocol: \"##PROTOCOL##\"}]\n"
        "        - {name: real, image: nginx:1.27, imagePullPolicy: always}\n"
        "---\napiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  type: '#{SERVICE_TYPE}#'\n"
        "  selector: {app: api}\n  ports: [{port: 80, protocol: \"__PROTOCOL__\"}]\n"
    )
    write_files(tmp_path, {"k8s/app.yaml": text})
    assert triples(lint(tmp_path, select=[RULE])) == [(RULE, "k8s/app.yaml:19:60")]
