"""package-install-adhoc (zizmor adhoc-packages): npm/yarn/pnpm/gem/bundle installs of
named registry packages in run: scripts."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "package-install-adhoc"
W = ".github/workflows/w.yml"


def wf(script: str, extra: str = "") -> str:
    body = "".join(f"          {line}\n" for line in script.split("\n"))
    return f"on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - {extra}run: |\n" + body


@pytest.mark.parametrize(
    "script",
    [
        "npm install lodash", "npm i --no-fund oxlint@1.55.0", "npm --silent add lodash", "npm isnt lodash",
        "yarn add --dev oxlint@^1.55.0", "yarn global add serve", "pnpm add lodash", "gem install rake -v 13.0.6",
        "gem --silent install rake", "gem i --no-document rake", "bundle add rails --skip-install",
        "sudo npm install -g typescript", "env CI=1 npm install lodash",
    ],
)
def test_reported(tmp_path, script):
    write_files(tmp_path, {W: wf(script)})
    col = 11 + (len("sudo ") if script.startswith("sudo") else len("env CI=1 ") if script.startswith("env") else 0)
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:7:{col}"]


@pytest.mark.parametrize(
    "script",
    [
        "npm ci", "npm install", "npm i", "npm install --no-fund", "npm i --help", "npm install ./pkg",
        "npm install ../x.tgz", "npx --yes foobar@1.2.3", "yarn install --frozen-lockfile", "yarn", "pnpm install",
        "gem install", "gem install --help", "gem build foo.gemspec", "gem push foo-0.1.0.gem", "gem install ./x.gem",
        "bundle install", "pip install requests", "echo npm install lodash", "# npm install lodash",
        "gem install -v 1.0",
    ],
)
def test_quiet(tmp_path, script):
    write_files(tmp_path, {W: wf(script)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_several_commands_flow_folded_crlf_and_anchor(tmp_path):
    text = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - &s {run: 'npm ci && npm install -g serve'}\n"
        "      - run: >-\n          gem install\n          bundler\n"
        "  b:\n    runs-on: ubuntu-latest\n    steps: [*s]\n"
    )
    write_files(tmp_path, {W: text.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:29", f"{W}:8:11"]


def test_shells(tmp_path):
    text = (
        "on: push\njobs:\n  j:\n    runs-on: windows-latest\n    steps:\n"
        "      - run: npm install -g pnpm\n"  # pwsh, the Windows default
        "      - shell: cmd\n        run: npm install -g pnpm\n"
        "      - shell: python\n        run: print('npm install x')\n"
    )
    write_files(tmp_path, {W: text})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:14"]


def test_message(tmp_path):
    write_files(tmp_path, {W: wf("gem install rake rspec")})
    [f] = lint(tmp_path, select=[RULE]).findings
    assert f.message.startswith("`gem install rake rspec` installs 'rake', 'rspec' outside a lockfile")
    assert f.message.endswith("install with `bundle install`")
