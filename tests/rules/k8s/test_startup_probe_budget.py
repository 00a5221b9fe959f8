"""startup-probe-budget reports a short budget only where the repository shows a slow start
(issue 10, family 11): the same endpoint probed with a longer timeout elsewhere, or a deep
health endpoint of a container wired to a backing service. A fixed minimum is applied only
when the configuration asks for it."""
from __future__ import annotations

import pytest

from helpers import lint, triples, write_files

RULE = "startup-probe-budget"


def pod(kind: str, container: str) -> str:
    """``container`` (indented for a pod spec's containers list) in a workload of ``kind``."""
    body = "\n".join("  " + line if line else line for line in container.splitlines())
    spec = f"spec:\n  containers:\n{body}\n"
    if kind == "Pod":
        return f"apiVersion: v1\nkind: Pod\nmetadata: {{name: x}}\n{spec}"
    inner = "\n".join("    " + line if line else line for line in spec.splitlines())
    tmpl = f"  template:\n    metadata: {{labels: {{app: x}}}}\n{inner}\n"
    if kind == "CronJob":
        inner2 = "\n".join("      " + line if line else line for line in tmpl.splitlines())
        return f"apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: x}}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n{inner2}\n"
    return (f"apiVersion: apps/v1\nkind: {kind}\nmetadata: {{name: x}}\nspec:\n"
            f"  selector: {{matchLabels: {{app: x}}}}\n{tmpl}")


SAME_ENDPOINT_TIMEOUT = """\
  - name: web
    image: ghcr.io/o/web:1.0
    startupProbe:
      httpGet: {path: /, port: 8080}
      initialDelaySeconds: 5
      periodSeconds: 5
      failureThreshold: 12
    livenessProbe:
      httpGet: {path: /, port: 8080}
      periodSeconds: 30
      timeoutSeconds: 5
"""

DEEP_HEALTH = """\
  - name: api
    image: ghcr.io/o/api:1.0
    ports: [{name: http, containerPort: 8080}]
    env:
      - name: Redis__ConnectionString
        value: redis:6379
    startupProbe:
      httpGet: {path: /health, port: 8080}
      periodSeconds: 5
      failureThreshold: 12
    livenessProbe:
      httpGet: {path: /health/live, port: http}
"""

NO_EVIDENCE = """\
  - name: web
    image: nginx:1.27
    startupProbe:
      httpGet: {path: /health, port: 8080}
      initialDelaySeconds: 5
      periodSeconds: 5
      failureThreshold: 3
    livenessProbe:
      httpGet: {path: /health, port: 8080}
      periodSeconds: 3
      failureThreshold: 5
"""


@pytest.mark.parametrize("kind", ["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"])
def test_same_endpoint_with_longer_timeout_is_reported_in_every_workload_kind(tmp_path, kind):
    write_files(tmp_path, {"w.yaml": pod(kind, SAME_ENDPOINT_TIMEOUT)})
    res = lint(tmp_path, select=[RULE])
    assert [r for r, _ in triples(res)] == [RULE]
    msg = res.findings[0].message
    assert "5 + 12 x 5 = 65 s" in msg and "waits up to 5 s" in msg and "after 1 s (the default)" in msg


@pytest.mark.parametrize("kind", ["Pod", "Deployment"])
def test_deep_health_endpoint_with_backing_service_is_reported(tmp_path, kind):
    write_files(tmp_path, {"w.yaml": pod(kind, DEEP_HEALTH)})
    res = lint(tmp_path, select=[RULE])
    assert len(res.findings) == 1
    assert "'/health', not the liveness endpoint '/health/live'" in res.findings[0].message
    assert "Redis__ConnectionString" in res.findings[0].message


def test_exact_position_on_the_startupProbe_key(tmp_path):
    write_files(tmp_path, {"w.yaml": pod("Pod", SAME_ENDPOINT_TIMEOUT)})
    assert triples(lint(tmp_path, select=[RULE])) == [(RULE, "w.yaml:8:7")]


@pytest.mark.parametrize("container", [
    NO_EVIDENCE,
    # a deep endpoint but nothing the container connects to
    DEEP_HEALTH.replace("      - name: Redis__ConnectionString\n        value: redis:6379\n", "      - {name: LOG_LEVEL, value: info}\n"),
    # a backing service, but liveness calls the same deep endpoint (no /live)
    DEEP_HEALTH.replace("/health/live", "/health"),
    # the same endpoint, the same timeout
    SAME_ENDPOINT_TIMEOUT.replace("      timeoutSeconds: 5\n", ""),
    # the longer timeout is on another endpoint
    SAME_ENDPOINT_TIMEOUT.replace("httpGet: {path: /, port: 8080}\n      periodSeconds: 30", "httpGet: {path: /other, port: 8080}\n      periodSeconds: 30"),
    # evidence, but a budget of 10 + 10 x 10 = 110 s
    SAME_ENDPOINT_TIMEOUT.replace("periodSeconds: 5\n      failureThreshold: 12", "periodSeconds: 10\n      failureThreshold: 10"),
], ids=["nginx-20s", "deep-no-backing", "no-live-endpoint", "same-timeout", "other-endpoint", "long-enough"])
def test_no_evidence_no_finding(tmp_path, container):
    write_files(tmp_path, {"w.yaml": pod("Deployment", container)})
    assert triples(lint(tmp_path, select=[RULE])) == []


def test_configured_minimum_is_a_fixed_minimum(tmp_path):
    write_files(tmp_path, {"w.yaml": pod("Deployment", NO_EVIDENCE)})
    res = lint(tmp_path, select=[RULE], params={RULE: {"min-seconds": 30}})
    assert [f.rule for f in res.findings] == [RULE]
    assert "under the 30 s minimum" in res.findings[0].message
    res = lint(tmp_path, select=[RULE], params={RULE: {"require-evidence": False}})
    assert "under the 90 s minimum" in res.findings[0].message


def test_exec_probe_same_command(tmp_path):
    c = """\
  - name: db
    image: redis:7.2
    startupProbe:
      exec: {command: [sh, -c, /health.sh]}
    livenessProbe:
      exec: {command: [sh, -c, /health.sh]}
      timeoutSeconds: 15
"""
    write_files(tmp_path, {"w.yaml": pod("StatefulSet", c)})
    assert [f.rule for f in lint(tmp_path, select=[RULE]).findings] == [RULE]


def test_anchors_crlf_multidoc_and_sidecar(tmp_path):
    text = """\
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: proxy
      image: envoy:1.30
      restartPolicy: Always
      startupProbe: &probe
        httpGet: {path: /ready, port: 9901}
      readinessProbe:
        <<: *probe
        timeoutSeconds: 3
  containers:
    - name: app
      image: nginx:1.27
"""
    (tmp_path / "p.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    assert triples(lint(tmp_path, select=[RULE])) == [(RULE, "p.yaml:13:7")]


STARTUP_65 = """\
  - name: api
    image: {image}
{extra}    startupProbe:
      httpGet: {{path: {path}, port: 8080}}
      initialDelaySeconds: 5
      periodSeconds: 5
      failureThreshold: 12
{after}"""


def _c(image="ghcr.io/o/api:1.0", extra="", path="/health", after=""):
    return STARTUP_65.format(image=image, extra=extra, path=path, after=after)


@pytest.mark.parametrize("container, line, sign", [
    # the runtime of the image (issue 10, family 11): the JVM starts slowly
    (_c(image="eclipse-temurin:21-jre"), 12, "its image 'eclipse-temurin:21-jre' runs on the JVM"),
    (_c(image="quay.io/keycloak/keycloak:24.0"), 12, "runs on the JVM"),
    (_c(image="docker.elastic.co/elasticsearch/elasticsearch:8.13.0"), 12, "runs on the JVM"),
    (_c(extra="    env:\n      - {name: JAVA_TOOL_OPTIONS, value: -XX:MaxRAMPercentage=75}\n"), 14, "its env sets 'JAVA_TOOL_OPTIONS'"),
    (_c(extra="    env: [{name: SPRING_PROFILES_ACTIVE, value: prod}]\n"), 13, "its env sets 'SPRING_PROFILES_ACTIVE'"),
    (_c(extra="    command: [/usr/bin/java, -jar, /app.jar]\n"), 13, "its command starts `java`"),
    (_c(path="/actuator/health/liveness"), 12, "Spring Boot's '/actuator/health/liveness'"),
    # the liveness or readiness timing: the manifest waits longer than the startup budget
    (_c(after="    livenessProbe:\n      httpGet: {path: /live, port: 8080}\n      initialDelaySeconds: 120\n"), 12,
     "the livenessProbe of the same container waits 120 s (initialDelaySeconds)"),
    (_c(after="    readinessProbe: {httpGet: {path: /ready, port: 8080}, initialDelaySeconds: 90}\n"), 12,
     "the readinessProbe of the same container waits 90 s"),
], ids=["temurin", "keycloak", "elasticsearch", "java-tool-options", "spring-env", "java-command", "actuator", "liveness-delay", "readiness-delay"])
def test_slow_runtime_and_probe_delays_are_evidence(tmp_path, container, line, sign):
    write_files(tmp_path, {"w.yaml": pod("Deployment", container)})
    res = lint(tmp_path, select=[RULE])
    assert triples(res) == [(RULE, f"w.yaml:{line}:11")]
    assert sign in res.findings[0].message and "5 + 12 x 5 = 65 s" in res.findings[0].message


@pytest.mark.parametrize("container", [
    _c(image="node:20-alpine"),
    _c(image="ghcr.io/o/jrebel-proxy:1.0"),  # 'jre' inside another word
    _c(image="ghcr.io/o/docs:1.0"),
    _c(extra="    env: [{name: JAVA_HOME_HINT_X, value: x}]\n"),
    _c(image="openjdk:17").replace("failureThreshold: 12", "failureThreshold: 30"),  # 155 s
    _c(after="    livenessProbe:\n      httpGet: {path: /live, port: 8080}\n      initialDelaySeconds: 60\n"),
    _c(after="    readinessProbe: {httpGet: {path: /ready, port: 8080}, initialDelaySeconds: 65}\n"),
], ids=["node", "jre-in-word", "plain", "other-env", "jvm-long-enough", "liveness-delay-shorter", "readiness-delay-equal"])
def test_no_slow_runtime_or_longer_delay_no_finding(tmp_path, container):
    write_files(tmp_path, {"w.yaml": pod("Deployment", container)})
    assert triples(lint(tmp_path, select=[RULE])) == []


def test_jvm_evidence_in_a_cronjob_flow_style_and_crlf(tmp_path):
    text = (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: j}\nspec:\n  schedule: '0 * * * *'\n"
        "  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n"
        "          containers: [{name: c, image: 'tomcat:10', startupProbe: {tcpSocket: {port: 8080}, failureThreshold: 5}}]\n"
    )
    (tmp_path / "j.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    res = lint(tmp_path, select=[RULE])
    assert triples(res) == [(RULE, "j.yaml:11:54")]
    assert "0 + 5 x 10 = 50 s" in res.findings[0].message
