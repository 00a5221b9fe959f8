"""Review: hardcoded-credential reports hand-made fake tokens (sequences such as `abcdef` or
`1234567` are not placeholders: real tokens never contain them, test fixtures do), keys
shortened with `...` after real base64, and still skips documentation placeholders."""
from __future__ import annotations

from helpers import lint, locs, write_files

RULE = "hardcoded-credential"
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
    r = lint(tmp_path, select=[RULE])
    assert sorted(locs(r, RULE)) == sorted([f"{P}:6:10", f"{P}:7:10", f"{P}:14:11"])
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
    r = lint(tmp_path, select=[RULE])
    assert [f.snippet for f in r.findings] == ["A: ghp_R8****** (40 characters)"]
