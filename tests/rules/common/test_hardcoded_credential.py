"""hardcoded-credential: every kind of file, masking, placeholders."""
from __future__ import annotations

import base64
import random
import string

from helpers import lint, locs, run, write_files

RULE = "hardcoded-credential"
_R = random.Random(7)
ALNUM = string.ascii_letters + string.digits


def fake(prefix: str, n: int, alphabet: str = ALNUM) -> str:
    # built at run time so that no token-shaped literal sits in this file
    return prefix + "".join(_R.choice(alphabet) for _ in range(n))


GHS = fake("gh" + "s_", 36)
PAT = fake("github" + "_pat_", 22) + "_" + fake("", 59)
ASIA = fake("AS" + "IA", 16, string.ascii_uppercase[:20] + "234567")
KEY_BODY = "MC4CAQAwBQYDK2VwBCIEIO/CgysjWP+w+8pEhtaP73poGNLgDn+NQa9uYgr5Vh6L"
PEM = "-----BEGIN " + "PRIVATE KEY-----\n" + KEY_BODY + "\n-----END PRIVATE KEY-----\n"


def test_every_file_kind_and_masking(tmp_path):
    files = {
        "ocelot.json": '{\n  "GlobalConfiguration": {"BaseUrl": "https://x"},\n  "Token": "' + GHS + '"\n}\n',
        ".github/workflows/w.yml": "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      # " + PAT + "\n      - run: ls\n",
        "k8s/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  id: " + ASIA + "\n",
        "action.yml": "name: a\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: |\n        cat > k <<'EOF'\n        "
        + PEM.replace("\n", "\n        ")
        + "EOF\n",
    }
    r = run(tmp_path, files, [RULE])
    assert locs(r, RULE) == sorted([
        "ocelot.json:3:13",
        ".github/workflows/w.yml:6:9",
        "k8s/cm.yaml:5:7",
        "action.yml:8:9",
    ])
    for f in r.findings:
        for secret in (GHS, PAT, ASIA, KEY_BODY):
            assert secret not in f.message
            assert secret[8:20] not in f.message
    by_path = {f.path: f.message for f in r.findings}
    assert "GitHub App installation token (`ghs_" in by_path["ocelot.json"]
    assert "fine-grained" in by_path[".github/workflows/w.yml"]
    assert "temporary" in by_path["k8s/cm.yaml"]


def test_base64_private_key_in_a_secret_and_crlf(tmp_path):
    b64 = base64.b64encode(PEM.encode()).decode()
    text = "apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\ndata:\n  tls.key: " + b64 + "\n"
    r = run(tmp_path, {"k8s/secret.yaml": text.replace("\n", "\r\n")}, [RULE])
    assert locs(r, RULE) == ["k8s/secret.yaml:5:12"]
    assert "base64-encoded private key" in r.findings[0].message


def test_placeholders_are_silent(tmp_path):
    files = {
        "k8s/cm.yaml": (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n"
            "  a: " + "gh" + "p_" + "x" * 36 + "\n"
            "  b: " + "gh" + "p_" + "1234567890" * 3 + "123456\n"
            "  c: AKIA" + "IOSFODNN7EXAMPLE\n"
            "  d: " + "gh" + "p_" + "your_token_here\n"
            "  e: |\n    -----BEGIN " + "RSA PRIVATE KEY-----\n    MIIEpAIBAAKCAQEA...\n    -----END RSA PRIVATE KEY-----\n"
            "  f: ${{ secrets.GH_PAT }}\n"
        )
    }
    r = run(tmp_path, files, [RULE])
    assert locs(r, RULE) == []


# -- merged from tests/test_review_gha_hardcoded.py: Review: hardcoded-credential reports hand-made fake tokens (sequences such as `abcdef` or `1234567` are not placeholders: real tokens never contain them, test fixtures do), keys shortened with `...` after real base64, and still skips documentation placeholders.

RULE_GHA_HARDCODED = "hardcoded-credential"
P = ".github/workflows/w.yml"


def test_fake_tokens_keys_and_placeholders(tmp_path):
    text = (
        "on: push\n"
        "jobs:\n"
        "  j:\n"
        "    runs-on: ubuntu-latest\n"
        "    env:\n"
        "      A: ghp_1234567890abcdefghijklmnopqrstuvwxyz\n"
        "      B: AKIA1234567890ABCDEF\n"
        "      C: AKIAIOSFODNN7EXAMPLE\n"
        "      D: ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n"
        "      E: ${{ secrets.GH_PAT }}\n"
        "    steps:\n"
        "      - run: |\n"
        "          cat > id_rsa <<EOF\n"
        "          -----BEGIN RSA PRIVATE KEY-----\n"
        "          MIIEowIBAAKCAQEAx4UbaDzYq9Lr2Kx7vT3mWp8Qn...\n"
        "          -----END RSA PRIVATE KEY-----\n"
        "          EOF\n"
        "      - run: |\n"
        "          echo \"-----BEGIN OPENSSH PRIVATE KEY-----\"\n"
        "          echo \"...\"\n"
        "      - run: |\n"
        "          cat <<EOF\n"
        "          -----BEGIN RSA PRIVATE KEY-----\n"
        "          MIIEpAIBAAKCAQEA...\n"
        "          -----END RSA PRIVATE KEY-----\n"
        "          EOF\n"
    )
    write_files(tmp_path, {P: text})
    r = lint(tmp_path, select=[RULE_GHA_HARDCODED])
    assert sorted(locs(r, RULE_GHA_HARDCODED)) == sorted([f"{P}:6:10", f"{P}:7:10", f"{P}:14:11"])
    msgs = " ".join(f.message for f in r.findings)
    assert "1234567890abcdefghijklmnopqrstuvwxyz" not in msgs and "ghp_12******" in msgs
    assert "AKIA1234567890ABCDEF" not in msgs


def test_sarif_snippet_is_masked(tmp_path):
    # SARIF prints each finding's snippet: it must not carry the secret
    text = (
        "on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    env:\n"
        "      A: ghp_R8x2Kq9ZtLmW4vNpY7sJ3hBcD6fG1aQe5uXo\n"
        "    steps: [{run: echo}]\n"
    )
    write_files(tmp_path, {P: text})
    r = lint(tmp_path, select=[RULE_GHA_HARDCODED])
    assert [f.snippet for f in r.findings] == ["A: ghp_R8****** (40 characters)"]
