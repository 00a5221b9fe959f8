"""Test-data folders are not deployable manifests (issue 10, family 12): testdata/, fixture
and snapshot folders and e2e/ trees are skipped while walking a folder, linted when named on
the command line, and included with `test-data: true` or --test-data."""
from __future__ import annotations

import json

import pytest

from helpers import lint, write_files
from integration_util import run

BAD = "apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: x}\n"


@pytest.mark.parametrize("folder", ["testdata", "pkg/health/testdata", "test/fixtures", "fixture", "__fixtures__",
                                    "__snapshots__", "snapshots", "test/e2e", "tests/e2e/kind", "Testdata", "test-data"])
def test_test_data_folders_are_skipped_by_default(tmp_path, folder):
    write_files(tmp_path, {f"{folder}/x.yaml": BAD, "k8s/x.yaml": BAD})
    paths = sorted(f.path for f in lint(tmp_path, select=["deprecated-api-version"]).findings)
    assert paths == ["k8s/x.yaml"]
    paths = sorted(f.path for f in lint(tmp_path, select=["deprecated-api-version"], test_data=True).findings)
    assert paths == sorted(["k8s/x.yaml", f"{folder}/x.yaml"])


@pytest.mark.parametrize("folder", ["test", "tests", "examples", "testing", "my-fixtures-app", "data"])
def test_other_folders_are_linted(tmp_path, folder):
    write_files(tmp_path, {f"{folder}/x.yaml": BAD})
    assert [f.path for f in lint(tmp_path, select=["deprecated-api-version"]).findings] == [f"{folder}/x.yaml"]


def test_named_folder_or_file_is_linted_and_config_or_flag_includes(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"testdata/x.yaml": BAD, "k8s/y.yaml": BAD})

    def paths(args):
        code, out, err = run(["check", "--format", "json", "--select", "deprecated-api-version", *args], tmp_path)
        return sorted(f["path"] for f in json.loads(out)["findings"])

    assert paths([]) == ["k8s/y.yaml"]
    assert paths(["testdata"]) == ["testdata/x.yaml"]
    assert paths(["testdata/x.yaml"]) == ["testdata/x.yaml"]
    assert paths(["--test-data"]) == ["k8s/y.yaml", "testdata/x.yaml"]
    write_files(tmp_path, {".okla-lint.yaml": "test-data: true\n"})
    assert paths([]) == ["k8s/y.yaml", "testdata/x.yaml"]
    assert paths(["--no-test-data"]) == ["k8s/y.yaml"]
