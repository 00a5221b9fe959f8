"""configmap-drift compares YAML as data (issue 10, family 4): copies that differ only in
blank lines, comments, quoting or flow/block style are the same; a changed value is
reported at the first difference."""
from __future__ import annotations

import json
import shutil

import pytest

from helpers import lint, locs, write_files
from ocelot_util import PROD, REPO, _wf, cm_wiring

RULE = "configmap-drift"
FILE = "# application settings\nserver:\n  port: 8080\n\n  hosts: [a, b]\nfeatures:\n  beta: true\n"
WF = ("on: push\njobs:\n  d:\n    runs-on: ubuntu-latest\n    steps:\n"
      "      - run: kubectl create configmap app-config --from-file=config.yaml=app/config.yaml\n")


def cm_configmap_drift(body: str) -> str:
    ind = "\n".join("    " + line if line else "" for line in body.splitlines())
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: app-config}}\ndata:\n  config.yaml: |\n{ind}\n"


@pytest.mark.parametrize("copy", [
    FILE,
    "server:\n  port: 8080\n  hosts:\n    - a\n    - b\nfeatures: {beta: true}\n",
    "server: {port: 8080, hosts: ['a', \"b\"]}   # no comment in the file\nfeatures:\n  beta: true\n",
    "features:\n  beta: true\nserver:\n  hosts: [a, b]\n  port: 8080\n",
])
def test_same_data_other_formatting(tmp_path, copy):
    write_files(tmp_path, {"app/config.yaml": FILE, "k8s/cm.yaml": cm_configmap_drift(copy), ".github/workflows/d.yml": WF})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_a_changed_value_is_reported_at_the_first_difference(tmp_path):
    write_files(tmp_path, {"app/config.yaml": FILE, "k8s/cm.yaml": cm_configmap_drift(FILE.replace("8080", "9090")), ".github/workflows/d.yml": WF})
    res = lint(tmp_path, select=[RULE])
    assert [(f.rule, f.path, f.line) for f in res.findings] == [(RULE, "k8s/cm.yaml", 8)]
    assert "first difference at server.port" in res.findings[0].message


def test_drift_from_file_without_key_uses_the_file_name(tmp_path):
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": _wf("kubectl create cm nginx-conf --from-file conf/nginx.conf --dry-run=client -o yaml | kubectl apply -f -"),
            "k8s/cm.yaml": cm_wiring("nginx-conf", "nginx.conf", "server {\n  listen 80;\n}"),
            "conf/nginx.conf": "server {\n  listen 8080;\n}\n",
        },
    )
    res = lint(tmp_path, select=["configmap-drift"])
    assert locs(res) == ["k8s/cm.yaml:6:3"]
    assert [r.path for r in res.findings[0].related] == ["conf/nginx.conf", ".github/workflows/d.yml"]


def test_drift_text_ignores_trailing_whitespace_and_line_ends(tmp_path):
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": _wf("kubectl create configmap nginx-conf --from-file=nginx.conf=conf/nginx.conf"),
            "k8s/cm.yaml": cm_wiring("nginx-conf", "nginx.conf", "server {\n  listen 80;\n}"),
            "conf/nginx.conf": "server {   \r\n  listen 80;\r\n}\r\n",
        },
    )
    assert lint(tmp_path, select=["configmap-drift"]).findings == []


def test_drift_by_name_needs_a_single_candidate_and_the_same_configmap(tmp_path):
    content = json.dumps({"Routes": []})
    write_files(
        tmp_path,
        {
            "k8s/cm.yaml": cm_wiring("gateway-config", "ocelot.json", content),
            "a/ocelot.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "a"}}),
            "b/ocelot.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "b"}}),
            ".github/workflows/d.yml": _wf("kubectl create configmap other --from-file=ocelot.json=a/ocelot.json"),
        },
    )
    assert lint(tmp_path, select=["configmap-drift"]).findings == []


def test_drift_path_relative_to_working_directory(tmp_path):
    wf = _wf("kubectl create configmap gw --from-file=ocelot.json=./ocelot.prod.json").replace(
        "      - run: |", "      - working-directory: backend/gw\n        run: |"
    )
    write_files(
        tmp_path,
        {
            ".github/workflows/d.yml": wf,
            "k8s/cm.yaml": cm_wiring("gw", "ocelot.json", json.dumps({"Routes": []})),
            "backend/gw/ocelot.prod.json": json.dumps({"Routes": [], "GlobalConfiguration": {"BaseUrl": "x"}}),
        },
    )
    res = lint(tmp_path, select=["configmap-drift"])
    assert len(res.findings) == 1 and "backend/gw/ocelot.prod.json" in res.findings[0].message


def test_configmap_in_sync_gives_no_drift(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(REPO, repo)
    prod = (repo / PROD).read_text()
    body = "\n".join("    " + line for line in prod.splitlines())
    cm = (repo / "k8s" / "gateway-config.yaml").read_text()
    head = cm[: cm.index("  ocelot.json: |") + len("  ocelot.json: |\n")]
    (repo / "k8s" / "gateway-config.yaml").write_text(head + body + "\n")
    result = lint(repo, select=["configmap-drift"])
    assert result.findings == []


# Environment endpoints (issue: daonhan/Microservices-in-.NET kubernetes/grafana.yaml): a value
# that differs only as a URL, host:port or host name, where the ConfigMap names a Service of
# the manifests or the file names a docker-compose service, is a per-environment setting.
SVC = "apiVersion: v1\nkind: Service\nmetadata: {name: prometheus-lb, namespace: monitoring}\nspec:\n  ports: [{port: 9090}]\n"
COMPOSE = "services:\n  prometheus:\n    image: prom/prometheus\n  db:\n    image: postgres\n    container_name: pg\n"
EP_FILE = "source:\n  url: http://prometheus:9090/api\n  timeout: 30\n"


def _ep_repo(tmp_path, copy, file=EP_FILE, svc=True, compose=False):
    files = {"app/config.yaml": file, "k8s/cm.yaml": cm_configmap_drift(copy), ".github/workflows/d.yml": WF}
    if svc:
        files["k8s/svc.yaml"] = SVC
    if compose:
        files["docker-compose.yml"] = COMPOSE
    write_files(tmp_path, files)
    return lint(tmp_path, select=[RULE])


@pytest.mark.parametrize("url", [
    "http://prometheus-lb:9090/api",
    "http://prometheus-lb.monitoring:9090/api",
    "http://prometheus-lb.monitoring.svc:9090/api",
    "http://prometheus-lb.monitoring.svc.cluster.local:9090/api",
    "http://Prometheus-LB.Monitoring.svc.cluster.local:9090/api",
    "http://prometheus-lb/api",  # the Service port may differ from the compose port
])
def test_a_url_naming_a_service_is_an_environment_endpoint(tmp_path, url):
    assert _ep_repo(tmp_path, EP_FILE.replace("http://prometheus:9090/api", url)).findings == []


@pytest.mark.parametrize("file_value, cm_value", [
    ("prometheus:9090", "metrics.internal:9090"),
    ("pg:5432", "db.example.com:5432"),
    ("prometheus", "metrics.internal"),
])
def test_a_host_port_naming_a_compose_service_is_an_environment_endpoint(tmp_path, file_value, cm_value):
    file = f"source:\n  url: {file_value}\n  timeout: 30\n"
    res = _ep_repo(tmp_path, file.replace(file_value, cm_value), file=file, svc=False, compose=True)
    assert res.findings == []


@pytest.mark.parametrize("copy", [
    EP_FILE.replace("prometheus:9090", "elsewhere:9090"),  # neither a Service nor a compose service
    EP_FILE.replace("prometheus:9090", "prometheus-lb.other:9090"),  # not the Service's namespace
    EP_FILE.replace("prometheus:9090", "prometheus-lb.other.svc.cluster.local:9090"),
    EP_FILE.replace("prometheus:9090", "prometheus-lb.svc.cluster.local:9090"),  # no record of the DNS
    EP_FILE.replace("/api", "/v2"),  # the path differs
    EP_FILE.replace("http://prometheus", "https://prometheus-lb"),  # the scheme differs
])
def test_other_url_differences_are_drift(tmp_path, copy):
    assert locs(_ep_repo(tmp_path, copy)) == ["k8s/cm.yaml:7:7"]


def test_a_real_difference_beside_an_endpoint_is_reported_at_that_value(tmp_path):
    res = _ep_repo(tmp_path, EP_FILE.replace("prometheus:", "prometheus-lb:").replace("30", "60"), compose=True)
    assert locs(res) == ["k8s/cm.yaml:8:7"]
    assert "first difference at source.timeout" in res.findings[0].message


def test_no_service_and_no_compose_file_is_drift(tmp_path):
    res = _ep_repo(tmp_path, EP_FILE.replace("prometheus:", "prometheus-lb:"), svc=False)
    assert locs(res) == ["k8s/cm.yaml:7:7"]


def test_json_copy_endpoint_and_real_difference(tmp_path):
    wf = _wf("kubectl create configmap gw --from-file=ocelot.json=gw/ocelot.json")
    base = {"GlobalConfiguration": {"BaseUrl": "http://prometheus:9090"}, "Routes": [{"Timeout": 30}]}
    same = json.loads(json.dumps(base))
    same["GlobalConfiguration"]["BaseUrl"] = "http://prometheus-lb:9090"
    changed = json.loads(json.dumps(same))
    changed["Routes"][0]["Timeout"] = 60
    for copy, expect in ((same, []), (changed, ["k8s/cm.yaml:7:83"])):
        write_files(tmp_path, {".github/workflows/d.yml": wf, "k8s/svc.yaml": SVC, "gw/ocelot.json": json.dumps(base),
                               "k8s/cm.yaml": cm_wiring("gw", "ocelot.json", json.dumps(copy))})
        assert locs(lint(tmp_path, select=[RULE])) == expect


# Compose-mounted files (issue 10, microservices-demo/microservices-demo: the docker-compose
# prometheus.yml with static targets against the cluster's ConfigMap with kubernetes_sd_configs):
# a file a docker-compose service mounts is that environment's configuration, not a copy, so it
# is not paired by name. A folder mount, a named volume, an absolute path or another file of the
# same name pair as before, and so does a file a workflow loads with --from-file.
PROM_CM = ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: prometheus-config}\ndata:\n"
           "  prometheus.yml: |\n    global:\n      scrape_interval: 15s\n")
PROM_FILE = "global:\n  scrape_interval: 1m\n"
SVC_HEAD = "services:\n  prometheus:\n    image: prom/prometheus\n"


def _mounted(tmp_path, compose, compose_path="deploy/docker-compose/docker-compose.monitoring.yml", extra=None):
    files = {"deploy/docker-compose/prometheus.yml": PROM_FILE, "k8s/prometheus-cm.yaml": PROM_CM, compose_path: compose}
    files.update(extra or {})
    write_files(tmp_path, files)
    return locs(lint(tmp_path, select=[RULE]))


@pytest.mark.parametrize("compose", [
    SVC_HEAD + "    volumes:\n      - ./prometheus.yml:/etc/prometheus/prometheus.yml\n",
    SVC_HEAD + "    volumes:\n      - './prometheus.yml:/etc/prometheus/prometheus.yml:ro'\n",
    SVC_HEAD + "    volumes: [\"./prometheus.yml:/etc/prometheus/prometheus.yml:ro,z\"]\n",
    SVC_HEAD + "    volumes:\n      - type: bind\n        source: ./prometheus.yml\n        target: /etc/prometheus/prometheus.yml\n",
    SVC_HEAD + "    volumes: [{type: bind, source: ./prometheus.yml, target: /etc/prometheus/prometheus.yml, read_only: true}]\n",
    SVC_HEAD + "    configs: [prom]\nconfigs:\n  prom:\n    file: ./prometheus.yml\n",
    ("x-prom: &prom\n  volumes:\n    - ./prometheus.yml:/etc/prometheus/prometheus.yml\n"
     "services:\n  prometheus:\n    <<: *prom\n    image: prom/prometheus\n"),
    (SVC_HEAD + "    volumes:\n      - ./prometheus.yml:/etc/prometheus/prometheus.yml\n").replace("\n", "\r\n"),
])
def test_a_file_a_compose_service_mounts_is_not_paired_by_name(tmp_path, compose):
    assert _mounted(tmp_path, compose) == []


@pytest.mark.parametrize("compose_path, source", [
    ("compose.yaml", "./deploy/docker-compose/prometheus.yml"),
    ("ops/docker-compose.override.yml", "../deploy/docker-compose/prometheus.yml"),
    ("deploy/docker-compose/sub/compose.prod.yml", "./../prometheus.yml"),
])
def test_the_mount_is_relative_to_the_compose_file(tmp_path, compose_path, source):
    compose = SVC_HEAD + f"    volumes:\n      - {source}:/etc/prometheus/prometheus.yml\n"
    assert _mounted(tmp_path, compose, compose_path) == []


@pytest.mark.parametrize("compose_path, compose", [
    # a folder mount (a development mount of the source) says nothing about one file in it
    ("deploy/docker-compose/docker-compose.yml", SVC_HEAD + "    volumes:\n      - ./:/etc/prometheus\n"),
    ("docker-compose.yml", SVC_HEAD + "    volumes:\n      - ./deploy:/srv/deploy\n"),
    # a named volume, an absolute path, a variable, another file of the same name
    ("deploy/docker-compose/docker-compose.yml", SVC_HEAD + "    volumes:\n      - prometheus.yml:/etc/prometheus/prometheus.yml\n"),
    ("deploy/docker-compose/docker-compose.yml", SVC_HEAD + "    volumes:\n      - /srv/prometheus.yml:/etc/prometheus/prometheus.yml\n"),
    ("deploy/docker-compose/docker-compose.yml", SVC_HEAD + "    volumes:\n      - ${PWD}/prometheus.yml:/etc/prometheus/prometheus.yml\n"),
    ("docker-compose.yml", SVC_HEAD + "    volumes:\n      - ./prometheus.yml:/etc/prometheus/prometheus.yml\n"),
    ("deploy/docker-compose/docker-compose.yml", SVC_HEAD + "    volumes:\n      - type: volume\n        source: ./prometheus.yml\n        target: /etc/prometheus/prometheus.yml\n"),
    # not a compose file by its name
    ("deploy/docker-compose/stack.yml", SVC_HEAD + "    volumes:\n      - ./prometheus.yml:/etc/prometheus/prometheus.yml\n"),
])
def test_other_mounts_still_pair_by_name(tmp_path, compose_path, compose):
    assert _mounted(tmp_path, compose, compose_path) == ["k8s/prometheus-cm.yaml:7:7"]


def test_a_workflow_that_loads_a_compose_mounted_file_still_pairs_it(tmp_path):
    wf = _wf("kubectl create configmap prometheus-config --from-file=prometheus.yml=deploy/docker-compose/prometheus.yml")
    compose = SVC_HEAD + "    volumes:\n      - ./prometheus.yml:/etc/prometheus/prometheus.yml\n"
    assert _mounted(tmp_path, compose, extra={".github/workflows/d.yml": wf}) == ["k8s/prometheus-cm.yaml:7:7"]
