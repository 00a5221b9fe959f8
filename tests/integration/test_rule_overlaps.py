"""Cross-pack review: one defect at one place is reported by one rule only."""
from __future__ import annotations

from helpers import lint, run, triples, write_files
from okla_lint.core.catalogue import load_catalogue

ALL = list(load_catalogue())

TOKEN = "ghp_" + "aB3dE5gH7jK9mN1pQ4rS6tU8wX0yZ2cF4hJ6"

DEPLOY = """\
apiVersion: apps/v1
kind: Deployment
metadata: {{name: web}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
{extra}
"""


def _rules_at(tmp_path, files, select=ALL):
    return triples(run(tmp_path, files, select))


def test_github_token_in_env_is_hardcoded_credential_only(tmp_path):
    extra = f"""\
          env:
            - name: GITHUB_TOKEN
              value: {TOKEN}
            - name: DB_PASSWORD
              value: hunter2hunter2
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    at14 = [r for r, loc in got if loc.startswith("d.yaml:14:")]
    assert at14 == ["hardcoded-credential"], got
    assert ("env-plaintext-secret", "d.yaml:16:22") in got  # a plain password stays its rule


def test_github_token_in_env_without_hardcoded_credential_is_still_reported(tmp_path):
    extra = f"""\
          env:
            - name: GITHUB_TOKEN
              value: {TOKEN}
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)}, select=["env-plaintext-secret"])
    assert got == [("env-plaintext-secret", "d.yaml:14:22")]


def test_negative_or_zero_probe_timing_is_not_a_timing_finding(tmp_path):
    extra = """\
          livenessProbe:
            tcpSocket: {port: 80}
            periodSeconds: -1
          readinessProbe:
            tcpSocket: {port: 80}
            timeoutSeconds: 5
            periodSeconds: 0
          startupProbe:
            tcpSocket: {port: 80}
            initialDelaySeconds: 30
            failureThreshold: 0
            periodSeconds: 30
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    rules = [r for r, _ in got]
    assert ("probe-field-rejected", "d.yaml:14:28") in got
    # -1 is rejected (probe-field-rejected), 0 is defaulted (period 10, failureThreshold 3)
    assert "probe-timeout-exceeds-period" not in rules, got
    assert "startup-probe-budget" not in rules, got


OCELOT = """\
{
  "Routes": [
    {
      "DownstreamPathTemplate": "/api",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [{"Host": "localhost", "Port": 5000}],
      "UpstreamPathTemplate": "/a",
      "Priorty": 1,
      "priorty": 2,
      "ReRouteIsCaseSensitive": true,
      "reRouteIsCaseSensitive": false,
      "Priority": 1,
      "priority": 2
    }
  ]
}
"""


def test_case_duplicate_of_an_unknown_ocelot_key_is_unknown_key_only(tmp_path):
    got = _rules_at(tmp_path, {"ocelot.json": OCELOT})
    dup = [loc for r, loc in got if r == "ocelot-case-duplicate-key"]
    assert dup == ["ocelot.json:13:7"], got  # only the known key Priority
    assert ("ocelot-unknown-key", "ocelot.json:9:7") in got
    assert ("ocelot-legacy-reroutes", "ocelot.json:11:7") in got


def test_case_duplicate_of_an_unknown_key_when_unknown_key_is_off(tmp_path):
    got = _rules_at(tmp_path, {"ocelot.json": OCELOT}, select=["ocelot-case-duplicate-key"])
    assert sorted(loc for _, loc in got) == sorted(["ocelot.json:9:7", "ocelot.json:11:7", "ocelot.json:13:7"])


def test_string_grpc_probe_port_is_k8s_schema_only(tmp_path):
    extra = """\
          startupProbe:
            grpc: {port: "health"}
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    assert [r for r, loc in got if loc == "d.yaml:13:26"] == ["k8s-schema"], got


def test_string_grpc_probe_port_without_k8s_schema(tmp_path):
    extra = """\
          startupProbe:
            grpc: {port: "health"}
"""
    write_files(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    res = lint(tmp_path, select=["probe-port-unknown"])
    [f] = res.findings
    assert "gRPC probe takes only a port number" in f.message and "Name the port" not in f.message


def test_k8s_schema_never_repeats_an_env_value(tmp_path):
    extra = """\
          env:
            - name: DB_PASSWORD
              value: 987654321
"""
    write_files(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    res = lint(tmp_path, select=["k8s-schema"])
    [f] = res.findings
    assert "987654321" not in f.message and "must be a string" in f.message and "Quote it" in f.message


def test_quantity_of_the_wrong_type_is_k8s_schema_only(tmp_path):
    extra = """\
          resources:
            requests: {cpu: true, memory: "1 Gi"}
            limits: {memory: [1]}
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    assert [r for r, loc in got if loc == "d.yaml:13:29"] == ["k8s-schema"], got
    assert [r for r, loc in got if loc == "d.yaml:14:30"] == ["k8s-schema"], got
    # a string that is no quantity is this rule's own
    assert [r for r, loc in got if loc == "d.yaml:13:43"] == ["resources-quantity-invalid"], got
    # without k8s-schema the rule still reports, showing the YAML value
    write_files(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    res = lint(tmp_path, select=["resources-quantity-invalid"])
    msgs = sorted(f.message for f in res.findings)
    assert len(msgs) == 3 and any(" is true," in m for m in msgs), msgs


ACTION = "name: a\ndescription: a\nruns: {using: composite, steps: [{run: echo, shell: bash}]}\n"


def test_job_uses_of_an_action_folder_is_workflow_schema_only(tmp_path):
    wf = """\
on: push
permissions: {}
jobs:
  a:
    uses: ./.github/actions/a
  d:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/workflows/w.yml
"""
    files = {".github/workflows/w.yml": wf, ".github/actions/a/action.yml": ACTION}
    got = _rules_at(tmp_path, files)
    assert [r for r, loc in got if loc == ".github/workflows/w.yml:5:11"] == ["workflow-schema"], got
    # a workflow file used as a step's action: the runner finds no action.yml there
    assert ("workflow-missing-path", ".github/workflows/w.yml:10:15") in got, got
    write_files(tmp_path, files)
    res = lint(tmp_path, select=["workflow-schema"])
    [f] = [f for f in res.findings if f.line == 5]
    assert "must name a workflow file" in f.message and "call it from a step" in f.message
    # without workflow-schema, the missing-path rule still reports the job-level path
    res = lint(tmp_path, select=["workflow-missing-path"])
    assert sorted(f"{f.line}:{f.col}" for f in res.findings) == ["10:15", "5:11"]


def test_exec_command_of_the_wrong_type_is_k8s_schema_only(tmp_path):
    extra = """\
          livenessProbe:
            exec: {command: "cat /tmp/ok"}
          readinessProbe:
            exec: {}
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    assert [r for r, loc in got if loc.startswith("d.yaml:13:")] == ["k8s-schema"], got
    assert ("probe-field-rejected", "d.yaml:15:13") in got, got  # really no command
    write_files(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    res = lint(tmp_path, select=["probe-field-rejected"])
    msgs = sorted(f.message for f in res.findings)
    assert len(msgs) == 2 and any("exec.command is not a list" in m for m in msgs), msgs


def test_quoted_container_port_is_k8s_schema_only(tmp_path):
    extra = """\
          ports: [{containerPort: "8080", name: http}]
          readinessProbe:
            tcpSocket: {port: 8080}
          livenessProbe:
            httpGet: {path: /, port: http}
"""
    got = _rules_at(tmp_path, {"d.yaml": DEPLOY.format(extra=extra)})
    rules = [r for r, _ in got]
    assert ("k8s-schema", "d.yaml:12:35") in got, got
    assert "probe-port-not-declared" not in rules and "probe-port-unknown" not in rules, got
