"""publish-job-restores-cache (zizmor cache-poisoning): caches restored before the
publishing step of a job, or in a job whose artifact a publishing job downloads."""
from __future__ import annotations

import pytest

from helpers import lint, locs, write_files

RULE = "publish-job-restores-cache"
W = ".github/workflows/w.yml"
PUBLISH = "      - run: npm publish\n"


def wf(steps: str, on: str = "release") -> str:
    return f"on: {on}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n{steps}"


@pytest.mark.parametrize(
    "step, loc",
    [
        ("      - uses: actions/cache@v4\n        with: {path: x, key: k}\n", "6:15"),
        ("      - uses: actions/cache/restore@v4\n        with: {path: x, key: k, lookup-only: false}\n", "7:46"),
        ("      - uses: actions/setup-go@v4\n", "6:15"),
        ("      - uses: actions/setup-go@0aaccfd150d50ccaeb58ebd88d36e91967a5f35b # v5.4.0\n", "6:15"),
        ("      - uses: actions/setup-go@v3\n        with:\n          cache: true\n", "8:18"),
        ("      - uses: actions/setup-node@v4\n        with:\n          cache: 'pnpm'\n", "8:19"),
        ("      - uses: actions/setup-python@v5\n        with: {cache: poetry}\n", "7:23"),
        ("      - uses: astral-sh/setup-uv@v6\n", "6:15"),
        ("      - uses: astral-sh/setup-uv@v7\n        with: {enable-cache: true}\n", "7:30"),
        ("      - uses: Swatinem/rust-cache@v2\n", "6:15"),
        ("      - uses: ruby/setup-ruby@v1\n        with: {bundler-cache: true}\n", "7:31"),
        ("      - uses: gradle/actions/setup-gradle@v4\n", "6:15"),
        ("      - uses: oven-sh/setup-bun@v2\n", "6:15"),
        ("      - uses: Mozilla-Actions/sccache-action@v0.0.9\n", "6:15"),
        ("      - uses: docker/setup-buildx-action@v3\n        with: {version: v0.19.0}\n", "7:25"),
        ("      - uses: ramsey/composer-install@v3\n        with: {ignore-cache: 'no'}\n", "7:31"),
    ],
    ids=["cache", "cache-restore", "setup-go-v4-default", "setup-go-sha-comment", "setup-go-v3-explicit",
         "setup-node-pnpm", "setup-python", "setup-uv-v6-auto", "setup-uv-true", "rust-cache", "setup-ruby",
         "setup-gradle", "setup-bun", "sccache", "buildx-version", "composer"],
)
def test_reported(tmp_path, step, loc):
    write_files(tmp_path, {W: wf(step + PUBLISH)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:{loc}"]


@pytest.mark.parametrize(
    "step",
    [
        "      - uses: actions/cache@v4\n        with: {path: x, key: k, lookup-only: true}\n",
        "      - uses: actions/cache/save@v4\n        with: {path: x, key: k}\n",
        "      - uses: actions/setup-go@v3\n",
        "      - uses: actions/setup-go@main\n",
        "      - uses: actions/setup-go@v5\n        with: {cache: false}\n",
        "      - uses: actions/setup-go@v5\n        with: {cache: '${{ inputs.cache }}'}\n",
        "      - uses: actions/setup-node@v4\n",
        "      - uses: actions/setup-node@v4\n        with: {cache: ''}\n",
        "      - uses: actions/setup-python@v5\n",
        "      - uses: astral-sh/setup-uv@v10\n",
        "      - uses: astral-sh/setup-uv@v6\n        with: {enable-cache: false}\n",
        "      - uses: ruby/setup-ruby@v1\n",
        "      - uses: docker/setup-buildx-action@v3\n",
        "      - uses: Swatinem/rust-cache@v2\n        if: \"!startsWith(github.ref, 'refs/tags/')\"\n",
    ],
    ids=["lookup-only", "save-only", "setup-go-v3", "setup-go-branch", "setup-go-off", "expression", "setup-node-v4",
         "setup-node-empty", "setup-python-no-cache", "setup-uv-v10", "setup-uv-off", "setup-ruby-default",
         "buildx-no-version", "guarded"],
)
def test_quiet(tmp_path, step):
    write_files(tmp_path, {W: wf(step + PUBLISH)})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize(
    "publish, reported",
    [
        ("      - uses: pypa/gh-action-pypi-publish@release/v1\n", True),
        ("      - uses: docker/build-push-action@v6\n        with: {push: true}\n", True),
        ("      - uses: docker/build-push-action@v6\n        with: {push: false}\n", False),
        ("      - uses: docker/build-push-action@v6\n", False),
        ("      - run: |\n          docker buildx build --push -t x .\n", True),
        ("      - run: ./gradlew publishToMavenCentral\n", True),
        ("      - run: gh release create v1 dist/*\n", True),
        ("      - run: npm pack\n", False),
        ("      - run: docker build -t x .\n", False),
    ],
)
def test_publishers(tmp_path, publish, reported):
    write_files(tmp_path, {W: wf("      - uses: actions/cache@v4\n        with: {path: x, key: k}\n" + publish)})
    assert bool(lint(tmp_path, select=[RULE]).findings) == reported


def test_only_before_the_last_publishing_step(tmp_path):
    steps = (
        "      - uses: actions/cache@v4\n        with: {path: a, key: a}\n"
        + PUBLISH
        + "      - uses: actions/cache@v4\n        with: {path: b, key: b}\n"
    )
    write_files(tmp_path, {W: wf(steps)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:15"]


def test_artifacts_feed_a_publishing_job(tmp_path):
    text = (
        "on: release\njobs:\n"
        "  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/cache@v4\n        with: {path: x, key: k}\n"  # 6
        "      - uses: actions/upload-artifact@v4\n        with: {name: wheels-linux, path: dist}\n"
        "  docs:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/cache@v4\n        with: {path: x, key: k}\n"  # 12: docs artifact not downloaded
        "      - uses: actions/upload-artifact@v4\n        with: {name: docs, path: site}\n"
        "  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/cache@v4\n        with: {path: x, key: k}\n"  # 18: uploads nothing
        "  publish:\n    needs: [build, docs, test]\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/download-artifact@v4\n        with: {pattern: wheels-*, merge-multiple: true}\n"
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n"
    )
    write_files(tmp_path, {W: text})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:15"]


def test_setup_node_automatic_cache_reads_package_json(tmp_path):
    step = "      - uses: actions/setup-node@v6\n        with: {node-version: 22}\n"
    write_files(tmp_path, {W: wf(step + PUBLISH), "package.json": '{"packageManager": "pnpm@9.0.0"}'})
    assert lint(tmp_path, select=[RULE]).findings == []  # v6 caches automatically for npm only
    write_files(tmp_path, {"package.json": '{"packageManager": "npm@10.8.0"}'})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:15"]
    write_files(tmp_path, {W: wf(step.replace("{node-version: 22}", "{node-version: 22, package-manager-cache: false}") + PUBLISH)})
    assert lint(tmp_path, select=[RULE]).findings == []


@pytest.mark.parametrize(
    "files, reported",
    [
        ({"package.json": '{"devEngines": {"packageManager": {"name": "npm"}}}'}, True),
        # setup-node's JSON.parse throws on what is not JSON, and then caches nothing
        ({"package.json": '{"packageManager": "npm@10.8.0",}'}, False),
        ({"package.json": '{"packageManager": "npm@10.8.0" // npm\n}'}, False),
        ({"package.json": '\ufeff{"packageManager": "npm@10.8.0"}'}, False),
        ({"package.json/x": "folder"}, False),
        ({}, False),
    ],
    ids=["dev-engines", "trailing-comma", "comment", "bom", "a-folder", "missing"],
)
def test_package_json_beside_the_workflows(tmp_path, files, reported):
    step = "      - uses: actions/setup-node@v6\n"
    write_files(tmp_path, {W: wf(step + PUBLISH), **files})
    assert locs(lint(tmp_path, select=[RULE])) == ([f"{W}:6:15"] if reported else [])


def test_block_style_anchor_and_crlf(tmp_path):
    text = (
        "on: {push: {tags: ['v*']}}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - &c\n        uses: actions/setup-java@v4\n        with:\n          distribution: temurin\n          cache: maven\n"
        "      - run: mvn -B deploy\n"
        "  k:\n    runs-on: ubuntu-latest\n    steps:\n      - *c\n      - run: mvn -B deploy\n"
    )
    write_files(tmp_path, {W: text.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:10:18"]


def test_local_composite_action_that_restores_a_cache(tmp_path):
    action = (
        "name: setup\ndescription: setup\nruns:\n  using: composite\n  steps:\n"
        "    - uses: actions/setup-node@v4\n      with:\n        node-version: 22\n        cache: npm\n"
    )
    quiet = action.replace("cache: npm", "cache: ''")
    text = wf("      - uses: actions/checkout@v5\n      - uses: ./.github/actions/setup\n" + PUBLISH)
    write_files(tmp_path, {W: text, ".github/actions/setup/action.yml": action, ".github/actions/quiet/action.yml": quiet})
    res = lint(tmp_path, select=[RULE])
    assert locs(res) == [f"{W}:7:15"]
    [f] = res.findings
    assert "`./.github/actions/setup` runs `actions/setup-node`" in f.message and ".github/actions/setup/action.yml line 9" in f.message
    write_files(tmp_path, {W: text.replace("actions/setup\n", "actions/quiet\n")})
    assert lint(tmp_path, select=[RULE]).findings == []


CACHE = "      - uses: actions/cache@v4\n        with: {path: x, key: k}\n"
IMAGE = "      - uses: docker/build-push-action@v6\n        with: {push: true}\n"


@pytest.mark.parametrize(
    "on",
    [
        "release",
        "[push, release]",
        "{release: {types: [published]}}",
        "{push: {tags: ['v*']}}",
        "{push: {tags-ignore: ['nightly']}}",
        "{push: {branches: [main], tags: ['v*']}, pull_request: {}}",
        "{push: {branches: ['release/**']}}",
        "{push: {branches: 'Release-*'}}",
        "{push: {tags: ['v*']}, workflow_dispatch: {}}",
    ],
)
def test_release_workflows_reported(tmp_path, on):
    write_files(tmp_path, {W: wf(CACHE + IMAGE, on=on)})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:6:15"]


@pytest.mark.parametrize(
    "on",
    [
        "push",
        "[push, pull_request]",
        "{push: {branches: [main]}, pull_request: {branches: [main]}}",
        "{push: {branches: [main], paths: ['backend/**']}, workflow_dispatch: {}}",
        "workflow_dispatch",
        "{schedule: [{cron: '0 0 * * *'}]}",
        "workflow_call",
        "{pull_request: {branches: ['release/**']}}",
    ],
)
def test_ci_workflows_that_also_push_quiet(tmp_path, on):
    # a CI job that pushes an image on main restores the caches its own runs write: left
    # alone (zizmor reports it only at low confidence, at the publishing action)
    write_files(tmp_path, {W: wf(CACHE + IMAGE, on=on)})
    assert lint(tmp_path, select=[RULE]).findings == []


def test_ci_workflow_block_style_crlf_with_buildx_and_composite(tmp_path):
    action = (
        "name: setup\ndescription: setup\nruns:\n  using: composite\n  steps:\n"
        "    - uses: actions/cache@v4\n      with: {path: x, key: k}\n"
    )
    steps = (
        "      - uses: ./.github/actions/setup\n"
        "      - uses: docker/setup-buildx-action@v3\n        with:\n          version: latest\n"
        + IMAGE
    )
    ci = "on:\n  push:\n    branches: [main]\n  pull_request:\n    branches: [main]\n" + wf(steps).split("\n", 1)[1]
    files = {W: ci.replace("\n", "\r\n"), ".github/actions/setup/action.yml": action}
    write_files(tmp_path, files)
    assert lint(tmp_path, select=[RULE]).findings == []
    release = "on:\n  push:\n    tags:\n      - 'v*'\n" + wf(steps).split("\n", 1)[1]
    write_files(tmp_path, {W: release.replace("\n", "\r\n")})
    assert locs(lint(tmp_path, select=[RULE])) == [f"{W}:12:20", f"{W}:9:15"]


@pytest.mark.parametrize(
    "upload, download, fed",
    [
        ("coverage-${{ matrix.os }}-${{ matrix.python-version }}", "{pattern: pypi_files_*, merge-multiple: true}", False),
        ("coverage-${{ matrix.os }}", "{pattern: 'coverage-*'}", True),
        ("${{ matrix.os }}-wheels", "{pattern: '*-wheels'}", True),
        ("${{ matrix.os }}-wheels", "{pattern: '*-sdist'}", False),
        ("wheels-${{ matrix.os }}", "{pattern: 'wheels-${{ inputs.os }}'}", True),
        ("docs-${{ matrix.os }}", "{pattern: 'wheels-${{ inputs.os }}'}", False),
        ("docs-${{ matrix.os }}", "{name: dist}", False),
        ("dist-${{ matrix.os }}", "{name: dist}", True),  # literal heads agree: kept (cannot tell)
        ("wheels-${{ matrix.os }}", "{pattern: 'wheels-{linux,mac}'}", True),
        ("sdist", "{pattern: 'wheels-${{ inputs.os }}'}", False),
        ("sdist", "{}", True),
    ],
)
def test_artifact_names_with_expressions_match_by_their_literal_parts(tmp_path, upload, download, fed):
    text = (
        "on: release\njobs:\n"
        "  build:\n    strategy: {matrix: {os: [a, b]}}\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/cache@v4\n        with: {path: x, key: k}\n"  # 7
        f"      - uses: actions/upload-artifact@v4\n        with: {{name: '{upload}', path: dist}}\n"
        "  publish:\n    needs: [build]\n    runs-on: ubuntu-latest\n    steps:\n"
        f"      - uses: actions/download-artifact@v4\n        with: {download}\n"
        "      - uses: pypa/gh-action-pypi-publish@release/v1\n"
    )
    write_files(tmp_path, {W: text})
    assert locs(lint(tmp_path, select=[RULE])) == ([f"{W}:7:15"] if fed else [])


GO_SHA = "0aaccfd150d50ccaeb58ebd88d36e91967a5f35b"


@pytest.mark.parametrize(
    "uses, reported",
    [
        (f"actions/setup-go@{GO_SHA} # v5.4.0", True),
        (f"actions/setup-go@{GO_SHA} #v5", True),
        (f"actions/setup-go@{GO_SHA} # tag=v5.4.0", True),
        (f"actions/setup-go@{GO_SHA} # pin@v5.4.0", True),
        (f"actions/setup-go@{GO_SHA} # ratchet:actions/setup-go@v5", True),
        (f"'actions/setup-go@{GO_SHA}'  # v5.4.0", True),
        (f"actions/setup-go@{GO_SHA.upper()} # v5.4.0", True),  # git reads either case
        (f"actions/setup-go@{GO_SHA} # v3.5.0", False),  # cache off by default before v4
        (f"actions/setup-go@{GO_SHA} # pin@v3.5.0", False),
        # no version named: the major version is unknown, so the default is too
        (f"actions/setup-go@{GO_SHA} # head as of 2024-05-01", False),  # not major 2024
        (f"actions/setup-go@{GO_SHA} # see #1234", False),
        (f"actions/setup-go@{GO_SHA} # main", False),
        (f"actions/setup-go@{GO_SHA}", False),
    ],
)
def test_sha_pin_major_version_from_its_comment(tmp_path, uses, reported):
    write_files(tmp_path, {W: wf(f"      - uses: {uses}\n" + PUBLISH)})
    assert bool(lint(tmp_path, select=[RULE]).findings) == reported
