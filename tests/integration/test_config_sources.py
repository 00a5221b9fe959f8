"""Issue 14, configuration: pyproject.toml read as TOML (any spelling, syntax errors are
errors), YAML errors worded as configuration errors, one string for any list, the
published schema with $id, and per-file-ignores entries that name one JSON node."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from integration_util import DEPLOYMENT, ROOT, findings, run
from helpers import write_files

ARGS = ["check", "--format", "json", "--select", "env-ref-before-definition,image-mutable-tag"]
LATEST = DEPLOYMENT.replace("nginx:1.27", "nginx")  # image-mutable-tag at 14:18 too


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": LATEST})
    return tmp_path


@pytest.mark.parametrize("toml", [
    '[tool.okla-lint]\nignore = ["image-mutable-tag"]\n',
    '[tool."okla-lint"]\nignore = "image-mutable-tag"\n',
    "[tool.'okla-lint']\nignore = 'image-mutable-tag'\n",
    'tool.okla-lint.ignore = ["image-mutable-tag"]\n',
    '[tool]\nokla-lint = { ignore = ["image-mutable-tag"] }\n',
    '[project]\nname = "x"\n\n[tool.okla-lint]  # comment\nignore = ["image-mutable-tag"]\n',
])
def test_pyproject_table_in_any_valid_spelling(repo, toml):
    write_files(repo, {"pyproject.toml": toml})
    code, out, err = run(["check", "--format", "json"], repo)
    rules = {f["rule"] for f in findings(out)}
    assert "env-ref-before-definition" in rules and "image-mutable-tag" not in rules, err


def test_pyproject_without_our_table_is_not_a_configuration(repo):
    write_files(repo, {"pyproject.toml": '[tool.black]\nline-length = 100\n'})
    code, out, _ = run(ARGS, repo)
    assert sorted(f["rule"] for f in findings(out)) == ["env-ref-before-definition", "image-mutable-tag"]


@pytest.mark.parametrize("toml, where", [
    ('[tool.okla-lint\nignore = ["image-mutable-tag"]\n', "pyproject.toml:1:16: error: TOML syntax error"),
    ('tool.okla-lint.ignore = ["image-mutable-tag"\n', "pyproject.toml:2:1: error: TOML syntax error"),
])
def test_toml_syntax_error_is_an_error_never_silence(repo, toml, where):
    write_files(repo, {"pyproject.toml": toml})
    code, out, err = run(ARGS, repo)
    assert code == 2 and out == ""
    assert err.startswith(where), err


@pytest.mark.parametrize("toml, where", [
    # a list item: its opening quote, also on a later line of a multi-line array
    ('[tool.okla-lint]\nignore = ["image-mutable-tag", "privileged-containr"]\n', "pyproject.toml:2:32:"),
    ("[tool.okla-lint]\nextend-select = [\n  \"image-mutable-tag\",\n  'privileged-containr',\n]\n", "pyproject.toml:4:3:"),
    # one id of a comma-separated string
    ('[tool.okla-lint]\nignore = "image-mutable-tag, privileged-containr"\n', "pyproject.toml:2:30:"),
    # the rules of a per-file-ignores glob, in a table and inline
    ('[tool.okla-lint.per-file-ignores]\n"k8s/*.yaml" = ["privileged-containr"]\n', "pyproject.toml:2:17:"),
    ('[tool.okla-lint]\nper-file-ignores = {"a.yaml" = ["image-mutable-tag"], "b.yaml" = "privileged-containr"}\n',
     "pyproject.toml:2:67:"),
])
def test_an_unknown_rule_in_pyproject_is_located_at_the_id(repo, toml, where):
    # it was located at the key (column 1), where .okla-lint.yaml points at the id
    write_files(repo, {"pyproject.toml": toml})
    code, out, err = run(ARGS, repo)
    assert code == 2 and out == ""
    assert err.startswith(where + " error: ") and "'privileged-containr'" in err, err


def test_yaml_error_in_the_configuration_is_worded_as_a_configuration_error(repo):
    write_files(repo, {".okla-lint.yaml": "ignore: [image-mutable-tag\n"})
    code, _, err = run(ARGS, repo)
    assert code == 2
    assert err.startswith(".okla-lint.yaml:2:1: error: invalid configuration: YAML syntax error:"), err
    assert "kubectl" not in err and "workflow" not in err  # not the manifest wording


@pytest.mark.parametrize("key, value", [
    ("ignore", "image-mutable-tag"),
    ("exclude", "k8s/other.yaml"),
    ("select", "env-ref-before-definition"),
    ("extend-select", "image-mutable-tag"),
])
def test_every_list_setting_takes_one_string(repo, key, value):
    write_files(repo, {"k8s/other.yaml": LATEST.replace("name: web", "name: other")})
    write_files(repo, {".okla-lint.yaml": f"{key}: {value}\n"})
    code, out, err = run(["check", "--format", "json"], repo)
    assert code in (0, 1), err
    got = {(f["rule"], f["path"]) for f in findings(out)}
    if key == "ignore":
        assert not any(r == "image-mutable-tag" for r, _ in got)
    elif key == "exclude":
        assert not any(p == "k8s/other.yaml" for _, p in got) and got
    elif key == "select":
        assert {r for r, _ in got} == {"env-ref-before-definition"}
    else:
        assert ("image-mutable-tag", "k8s/web.yaml") in got
    # the schema says the same
    from okla_lint.config import SCHEMA

    jsonschema.validate({key: value}, SCHEMA)
    jsonschema.validate({key: [value]}, SCHEMA)


def test_schema_is_published_with_its_id():
    from okla_lint.config import SCHEMA, SCHEMA_ID

    code, out, _ = run(["config", "--schema"], ROOT)
    doc = json.loads(out)
    assert doc["$id"] == SCHEMA_ID and doc["$id"].endswith("/docs/okla-lint.schema.json")
    published = json.loads((ROOT / "docs" / "okla-lint.schema.json").read_text())
    assert published == doc == SCHEMA, "refresh it: okla-lint config --schema > docs/okla-lint.schema.json"
    jsonschema.Draft202012Validator.check_schema(doc)
    # the README binds it in editors with this very URL
    readme = (ROOT / "README.md").read_text()
    assert f"# yaml-language-server: $schema={SCHEMA_ID}" in readme
    assert '"yaml.schemas"' in readme and SCHEMA_ID in readme


OCELOT = """\
{
  "Routes": [
    {
      // first
      "UpstreamPathTemplate": "/a",
      "DownstreamPathTemplate": "/a",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [{"Host": "a", "Port": 80}]
    },
    {
      // second
      "UpstreamPathTemplate": "/b/{everything}",
      "DownstreamPathTemplate": "/b/{everything}",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [{"Host": "b", "Port": 80}]
    },
    {
      "Key": "c-route",
      // third
      "UpstreamPathTemplate": "/c",
      "DownstreamPathTemplate": "/c",
      "DownstreamScheme": "http",
      "DownstreamHostAndPorts": [{"Host": "c", "Port": 80}]
    }
  ]
}
"""


def _comments(repo: Path, pfi: str) -> list[str]:
    write_files(repo, {".okla-lint.yaml": f"per-file-ignores:\n{pfi}"})
    code, out, err = run(["check", "--format", "json", "--select", "json-comments"], repo)
    assert code in (0, 1), err
    return [f"{f['line']}:{f['column']}" for f in findings(out)]


def test_per_file_ignores_with_a_json_pointer_or_a_route_key(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"gateway/ocelot.json": OCELOT})
    assert _comments(tmp_path, "  {}: []\n") == ["4:7", "11:7", "19:7"]
    assert _comments(tmp_path, '  "gateway/ocelot.json#/Routes/0": [json-comments]\n') == ["11:7", "19:7"]
    assert _comments(tmp_path, '  "gateway/*.json#/routes/1": json-comments\n') == ["4:7", "19:7"]  # Ocelot's casing
    assert _comments(tmp_path, '  "gateway/ocelot.json#route=/b/{everything}": [json-comments]\n') == ["4:7", "19:7"]
    assert _comments(tmp_path, '  "gateway/ocelot.json#route=c-route": [json-comments]\n') == ["4:7", "11:7"]
    # another rule, another file, a pointer to nothing: nothing suppressed
    assert _comments(tmp_path, '  "gateway/ocelot.json#/Routes/0": [k8s-schema]\n') == ["4:7", "11:7", "19:7"]
    assert _comments(tmp_path, '  "other.json#/Routes/0": [json-comments]\n') == ["4:7", "11:7", "19:7"]
    assert _comments(tmp_path, '  "gateway/ocelot.json#/Routes/9": [json-comments]\n') == ["4:7", "11:7", "19:7"]


def test_a_fragment_that_is_no_pointer_is_a_configuration_error(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"gateway/ocelot.json": OCELOT,
                           ".okla-lint.yaml": 'per-file-ignores:\n  "gateway/ocelot.json#Routes/0": [json-comments]\n'})
    code, _, err = run(["check"], tmp_path)
    assert code == 2
    assert err.startswith(".okla-lint.yaml:2:3: error: `per-file-ignores`: 'Routes/0' after '#' is neither a JSON pointer"), err
