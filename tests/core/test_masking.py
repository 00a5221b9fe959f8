"""post/masking.py: the one function every snippet and message passes through (issue 12)."""
from __future__ import annotations

import random

import pytest

from okla_lint.post.masking import credential_key, mask_message, mask_text, snippet

TOKEN = "ghp_R8x2Kq9Lm4Vt7Zp1Wn6Yc3Hb5Jd0Fs2Ga8Qe"


@pytest.mark.parametrize("text, expected", [
    (f"token {TOKEN} here", "token ghp_R8****** (40 characters) here"),
    ("ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "ghp_XX****** (40 characters)"),  # placeholders too
    ("key: AKIAZ7Q3K9M2X4B8N6LP", "key: AKIAZ7****** (20 characters)"),
    ("url: postgres://admin:s3cr3t@db:5432/x", "url: postgres://admin:****@db:5432/x"),
    ("Server=db;User Id=sa;Password=s3cr3t;", "Server=db;User Id=sa;Password=****;"),
    ("password: hunter2", "password: ****"),
    ('"ClientSecret": "abc123"', '"ClientSecret": "****"'),
    ('{"api_key":"abc123"}', '{"api_key":"****"}'),
    ("export API_TOKEN=abc123", "export API_TOKEN=****"),
    ("cmd --password=abc123 --user x", "cmd --password=**** --user x"),
    ("- {name: DB_PASSWORD, value: hunter2}", "- {name: DB_PASSWORD, value: ****}"),
    ("- name: DB_PASSWORD\n  value: 'hunter2'\n- name: B\n  value: b", "- name: DB_PASSWORD\n  value: '****'\n- name: B\n  value: b"),
    ('{"name": "API_TOKEN",\n "value": "abc"}', '{"name": "API_TOKEN",\n "value": "****"}'),
    # references hold no secret; keys about a credential are not one
    ("token: ${{ secrets.GH_TOKEN }}", "token: ${{ secrets.GH_TOKEN }}"),
    ("password: $(DB_PASSWORD)", "password: $(DB_PASSWORD)"),
    ("PASSWORD_FILE: /run/secrets/pw", "PASSWORD_FILE: /run/secrets/pw"),
    ("secrets: inherit", "secrets: inherit"),
    ("image: nginx:1.27", "image: nginx:1.27"),
    # an image reference's tag before its digest is no password (undici's `docker://docker`
    # finding suggested `docker://image:****@sha256:...`)
    ("uses: docker://alpine:3.19@sha256:0123abcd", "uses: docker://alpine:3.19@sha256:0123abcd"),
    ("- uses: 'docker://alpine:3.19@sha512:ab'", "- uses: 'docker://alpine:3.19@sha512:ab'"),
    ("url: https://user:s3cr3t@sha256host/x", "url: https://user:****@sha256host/x"),
])
def test_mask_text(text, expected):
    assert mask_text(text) == expected


def test_private_key_bodies_are_masked_line_by_line():
    key = ("tls.key: |\n  -----BEGIN RSA PRIVATE KEY-----\n  MIIEowIBAAKCAQEAx4Zq8V2mK9pL3rT7wYbN5cQ1hJ6fD0sG8eU2iO4\n"
           "  aR9tW3yXvB7nMLq2Zt8Vw3Xy7Nb4Rc1Pd6Se9Tf0Ug5Hh2Ji8Kk3Ll7Mm\n  -----END RSA PRIVATE KEY-----\nother: value\n")
    masked = mask_text(key)
    assert masked.splitlines() == ["tls.key: |", "  -----BEGIN RSA PRIVATE KEY-----", "  ****", "  ****",
                                   "  -----END RSA PRIVATE KEY-----", "other: value"]
    # a key without its END line: the body lines, not the rest of the file
    cut = "k: |\n  -----BEGIN PRIVATE KEY-----\n  MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nname: averyveryverylongnamethatstays\n"
    assert mask_text(cut).splitlines()[2:] == ["  ****", "name: averyveryverylongnamethatstays"]
    # in a JSON string, on one line
    one = '"key": "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEEIAbCdEfGhIjKlMnOpQrStUv\\n-----END EC PRIVATE KEY-----"'
    assert "AbCdEf" not in mask_text(one)


def test_messages_keep_their_prose():
    prose = ("password: the stored secret changes user on every deploy; a private key "
             "(`-----BEGIN RSA PRIVATE KEY-----`) is written in this file: anyone who can read the repository")
    assert mask_message(prose) == prose
    assert mask_message(f"value `password: hunter2` and {TOKEN}") == "value `password: ****` and ghp_R8****** (40 characters)"
    digest = "pin a version tag, better a digest (`docker://image:1.2.3@sha256:...`)"
    assert mask_message(digest) == digest


def test_snippets_keep_the_old_masking_of_secret_lines():
    """Baselines written before issue 12 fingerprint these snippets."""
    assert snippet("  value: hunter2  ", "k8s-schema") == "value: ****"
    assert snippet("- {name: DB_PASSWORD, value: x}", "env-ref-before-definition") == "- {name: ****"
    assert snippet("image: nginx", "env-plaintext-secret") == "image: ****"
    assert snippet("image: nginx", "image-mutable-tag") == "image: nginx"


def test_credential_keys():
    assert credential_key("DB_PASSWORD") and credential_key("Passwordd") and credential_key("AuthTokn")
    assert not credential_key("TOKEN_URL") and not credential_key("password-file") and not credential_key("name")


def test_line_breaks_are_never_added_or_removed():
    rng = random.Random(5)
    alphabet = "ab:= \n\r\"'{}[],-$()pasword_TOKENghp_AKIA0123456789/+-----BEGIN PRIVATE KEY-----END"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        text += rng.choice(["", TOKEN, "password: x\n", "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx4Zq8V2mK9pL3rT7wYbN5c\n"])
        masked = mask_text(text)
        assert masked.count("\n") == text.count("\n") and masked.count("\r") == text.count("\r"), repr(text)
