"""What `env-plaintext-secret` reports (a password, token or API key is written as a literal
env value instead of coming from a Secret): exact rule, path, line and column."""
from __future__ import annotations

import pytest

from _aliases import shared
from helpers import found, lint, triples, write_files
from okla_lint.rules.k8s.env_plaintext_secret import _plaintext_secret


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
        # CI token replacement (lib/common/placeholders.py): nothing literal is stored
        ("DB_PASSWORD", "#{DB_PASSWORD}#", False),
        ("DB_PASSWORD", "##DB_PASSWORD##", False),
        ("DB_PASSWORD", "__DB_PASSWORD__", False),
        ("DB_PASSWORD", "@DB_PASSWORD@", False),
        ("DB_PASSWORD", "%DB_PASSWORD%", False),
        ("DB_PASSWORD", "{DB_PASSWORD}", False),
        ("DB_PASSWORD", "#{Octopus.Db.Password}", False),
        ("DB_PASSWORD", "$DB_PASSWORD", False),
        ("DB_PASSWORD", "#{PART_A}#-#{PART_B}#", False),
        ("DB_PASSWORD", "s3cret-#{SUFFIX}#", True),
        ("DB_PASSWORD", "Storage__S3__Secret", True),
        ("ConnectionStrings__Db", "Server=sql;Password=#{SQL_PASSWORD}#;", False),
        ("ConnectionStrings__Db", "Server=sql;Password=__SQL_PASSWORD__", False),
        ("DB_URL", "postgres://app:##DB_PASSWORD##@db:5432/app", False),
        ("DB_URL", "postgres://app:s3cret@db:5432/##DB##", True),
    ],
)
def test_plaintext_secret_values(name, value, found):
    assert (_plaintext_secret(name, value) is not None) is found


def test_plaintext_password_in_a_url_without_user(tmp_path):
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env:
        - {name: REDIS_URL, value: "redis://:s3cret@redis:6379/0"}
        - {name: SITE, value: "http://host:8080/x@y"}
"""
    write_files(tmp_path, {"p.yaml": pod})
    assert triples(lint(tmp_path, select=["env-plaintext-secret"])) == [("env-plaintext-secret", "p.yaml:9:46")]


def test_env_plaintext_secret_in_env_shared_through_an_alias_is_reported_once(tmp_path):
    # containers 'a', 'b' and init container 'i' use the `env` written once on line 12:
    # one defect, one finding (its message names the first container that uses it)
    text = shared('env', '[{name: DB_PASSWORD, value: hunter2hunter2}]', merge=False)
    assert found(tmp_path, {"d.yaml": text}, 'env-plaintext-secret') == ['d.yaml:12:52']


def test_token_placeholders_quiet_real_password_reported_block_and_flow(tmp_path):
    # replacetokens `#{X}#` / `__X__`, `##X##` for sed: the CI writes the secret at deploy time
    pod = """\
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: a
      image: nginx:1.27
      env:
        - {name: DB_PASSWORD, value: "#{DB_PASSWORD}#"}
        - name: API_TOKEN
          value: __API_TOKEN__
        - name: ConnectionStrings__Db
          value: "Server=sql;Password=##SQL_PASSWORD##;"
        - name: ConnectionStrings__Cache
          value: 'Server=redis;Password=hunter2;'
"""
    assert found(tmp_path, {"p.yaml": pod}, "env-plaintext-secret") == ["p.yaml:15:41"]
