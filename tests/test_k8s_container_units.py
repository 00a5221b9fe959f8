"""Unit tests of the parsing helpers behind the per-container rules."""
from __future__ import annotations

from decimal import Decimal

import pytest

from helpers import lint, locs, write_files
from okla_lint.rules.k8s.containers import _plaintext_secret, image_reference, secret_like_name
from okla_lint.rules.k8s.hygiene import removed_api
from okla_lint.lib.k8s.podutil import parse_quantity


@pytest.mark.parametrize(
    "text, value",
    [
        ("100m", Decimal("0.1")),
        ("1", Decimal(1)),
        ("0.5", Decimal("0.5")),
        (".5", Decimal("0.5")),
        ("5.", Decimal(5)),
        ("+1Ki", Decimal(1024)),
        ("128Mi", Decimal(128 * 2**20)),
        ("1e3", Decimal(1000)),
        ("1E3", Decimal(1000)),
        ("2E", Decimal(2 * 10**18)),  # exa, not an exponent
        ("1.5Gi", Decimal(int(1.5 * 2**30))),
        ("100M", Decimal(10**8)),
        ("500u", Decimal("0.0005")),
        (2, Decimal(2)),
        (0.25, Decimal("0.25")),
        ("-1", Decimal(-1)),
    ],
)
def test_quantities_parse(text, value):
    q = parse_quantity(text)
    assert q is not None and q[0] == value


@pytest.mark.parametrize("text", ["512MB", "1 Gi", "1gi", "0.5cpu", "", "Mi", "1.2.3", "1e", "1Ki1", True, None, "1KI", "1K"])
def test_invalid_quantities(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    "image, repo, tag, digest",
    [
        ("nginx", "nginx", None, None),
        ("nginx:1.27", "nginx", "1.27", None),
        ("localhost:5000/app", "localhost:5000/app", None, None),
        ("localhost:5000/app:v2", "localhost:5000/app", "v2", None),
        ("ghcr.io/a/b@sha256:abc", "ghcr.io/a/b", None, "sha256:abc"),
        ("ghcr.io/a/b:latest@sha256:abc", "ghcr.io/a/b", "latest", "sha256:abc"),
    ],
)
def test_image_reference(image, repo, tag, digest):
    assert image_reference(image) == (repo, tag, digest)


@pytest.mark.parametrize(
    "name, secret",
    [
        ("DB_PASSWORD", True),
        ("dbPassword", True),
        ("API_KEY", True),
        ("OPENAI_API_KEY", True),
        ("AWS_SECRET_ACCESS_KEY", True),
        ("GITHUB_TOKEN", True),
        ("CLIENT_SECRET", True),
        ("DB_PWD", True),
        ("PWD", False),
        ("DB_PASSWORD_FILE", False),
        ("TOKEN_URL", False),
        ("JWT_SECRET_NAME", False),
        ("TOKEN_TTL", False),
        ("KEYCLOAK_URL", False),
        ("MONKEY", False),
        ("PASSWORD_MIN_LENGTH", False),
        ("Token__Expiry", False),
        ("DB_PASSWORD_SECRET", False),
        ("SESSION_SECRET", True),
    ],
)
def test_secret_like_names(name, secret):
    assert secret_like_name(name) is secret


@pytest.mark.parametrize(
    "name, value, found",
    [
        ("DB_PASSWORD", "hunter2", True),
        ("DB_PASSWORD", "", False),
        ("DB_PASSWORD", "$(DB_PASSWORD_FROM_SECRET)", False),
        ("DB_PASSWORD", "${DB_PASSWORD}", False),
        ("DB_PASSWORD", "$(PART_A)$(PART_B)", False),
        ("DB_PASSWORD", "$(PART_A)-s3cret", True),
        ("DB_PASSWORD", "{{ .Values.password }}", False),
        ("DB_PASSWORD", "<your-password>", False),
        ("DB_PASSWORD", "changeme", False),
        ("GOOGLE_API_KEY", "GOOGLE_API_KEY_VAL", False),
        ("ETCD_TOKEN", "INSERT_ETCD_TOKEN", False),
        ("REQUIRE_TOKEN", "true", False),
        ("DB_URL", "postgres://app:s3cret@db:5432/app", True),
        ("DB_URL", "postgres://db:5432/app", False),
        ("ConnectionStrings__Db", "Server=sql;User Id=sa;Password=Pass@word1", True),
        ("ConnectionStrings__Db", "Server=sql;Password=;", False),
        ("ConnectionStrings__Db", "Server=sql;Password=$(SA_PASSWORD)", False),
        ("Redis__ConnectionString", "redis:6379,password=hunter2,ssl=False", True),
        ("Redis__ConnectionString", "redis:6379,password=$(REDIS_PASSWORD)", False),
    ],
)
def test_plaintext_secret_values(name, value, found):
    assert (_plaintext_secret(name, value) is not None) is found


def test_removed_api_table():
    assert removed_api("extensions/v1beta1", "Ingress") == ("1.22", "networking.k8s.io/v1")
    assert removed_api("extensions/v1beta1", "Deployment")[0] == "1.16"
    assert removed_api("apps/v1beta2", "StatefulSet")[0] == "1.16"
    assert removed_api("batch/v1beta1", "CronJob")[0] == "1.25"
    assert removed_api("autoscaling/v2beta2", "HorizontalPodAutoscaler")[0] == "1.26"
    assert removed_api("apps/v1", "Deployment") is None
    assert removed_api("batch/v1beta1", "Job") is None


def test_deprecated_api_version_follows_the_configured_kubernetes_version(tmp_path):
    write_files(
        tmp_path,
        {
            "hpa.yaml": "apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a}\nspec: {}\n",
            "cron.yaml": "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: a}\nspec: {}\n",
        },
    )
    old = lint(tmp_path, select=["deprecated-api-version"], params={"deprecated-api-version": {"kubernetes-version": "1.25"}})
    assert locs(old) == ["cron.yaml:1:13"]
    new = lint(tmp_path, select=["deprecated-api-version"])
    assert locs(new) == ["cron.yaml:1:13", "hpa.yaml:1:13"]


def test_resources_missing_limitrange_namespaces_and_require_param(tmp_path):
    lr = "apiVersion: v1\nkind: LimitRange\nmetadata: {name: d, namespace: a}\nspec:\n  limits:\n    - type: Container\n      default: {cpu: 500m, memory: 256Mi}\n"
    pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: NS}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n  ephemeralContainers:\n    - name: e\n      image: nginx:1.27\n"
    write_files(tmp_path, {"lr.yaml": lr, "a.yaml": pod.replace("NS", "a"), "b.yaml": pod.replace("NS", "b")})
    res = lint(tmp_path, select=["resources-missing"])
    assert locs(res) == ["b.yaml:6:7"]
    res = lint(tmp_path, select=["resources-missing"], params={"resources-missing": {"require": ["cpu-limit"]}})
    assert locs(res) == ["b.yaml:6:7"]


def test_quantity_suspicious_param_and_kinds(tmp_path):
    pod = (
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n"
        "      resources:\n        requests: {cpu: 16, memory: 512, hugepages-2Mi: 100M, ephemeral-storage: 1G}\n"
    )
    write_files(tmp_path, {"p.yaml": pod})
    res = lint(tmp_path, select=["resources-quantity-suspicious"])
    # memory 512 bytes; 16 cores is under the default max-cpu; decimal sizes (hugepages 100M,
    # storage 1G) only with decimal-suffix: true
    assert locs(res) == ["p.yaml:9:37"]
    res = lint(tmp_path, select=["resources-quantity-suspicious"], params={"resources-quantity-suspicious": {"max-cpu": 8}})
    assert locs(res) == ["p.yaml:9:25", "p.yaml:9:37"]
    res = lint(tmp_path, select=["resources-quantity-suspicious"], params={"resources-quantity-suspicious": {"decimal-suffix": True}})
    assert locs(res) == ["p.yaml:9:37", "p.yaml:9:57", "p.yaml:9:82"]


def test_job_ttl_only_standalone_jobs(tmp_path):
    job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n  ownerReferences: [{kind: CronJob, name: c}]\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: 'busybox:1.36'}]\n"
    cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: 'busybox:1.36'}]\n"
    write_files(tmp_path, {"job.yaml": job, "cron.yaml": cron})
    assert locs(lint(tmp_path, select=["job-ttl-missing"])) == []
