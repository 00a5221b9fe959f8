"""The compiled catalogue (core/catalogue.py, issue 11: `okla-lint rules` starts in a blink)
holds exactly what the YAML sources say: an entry whose source changed, a corrupt file or
one of another version is read from the YAML again, never trusted."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okla_lint.core import catalogue as C


def _copy(tmp_path: Path, ids: list[str]) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    for rid in ids:
        shutil.copy(C.catalogue_dir() / f"{rid}.yaml", folder / f"{rid}.yaml")
    return folder


@pytest.fixture(autouse=True)
def _writes(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def test_compiled_form_reads_every_entry_as_its_yaml_does(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(C.catalogue_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    from_yaml = {p.stem: C.parse_entry(p) for p in sorted(folder.glob("*.yaml"))}
    first = C.load_from(folder)  # writes the compiled form
    assert C.compiled_path(folder).is_file()
    compiled = C.read_compiled(folder)
    assert sorted(compiled) == sorted(f"{rid}.yaml" for rid in from_yaml)
    second = C.load_from(folder)  # reads it
    assert first == from_yaml
    assert second == from_yaml


def test_the_catalogue_in_use_matches_its_sources():
    folder = C.catalogue_dir()
    assert C.load_catalogue() == {p.stem: C.parse_entry(p) for p in sorted(folder.glob("*.yaml"))}


def test_an_edited_entry_is_read_from_its_yaml(tmp_path):
    folder = _copy(tmp_path, ["pdb-missing", "action-pinned-to-branch"])
    C.load_from(folder)
    p = folder / "pdb-missing.yaml"
    assert "\nsummary: " in p.read_text()
    p.write_text(p.read_text().replace("\nsummary: ", "\nsummary: Edited ", 1))
    assert C.load_from(folder)["pdb-missing"].summary.startswith("Edited")
    assert C.read_compiled(folder)["pdb-missing.yaml"][0] == C.source_stamp(p.read_bytes())  # rewritten
    p.unlink()
    (folder / "new-rule.yaml").write_text((folder / "action-pinned-to-branch.yaml").read_text().replace("id: action-pinned-to-branch", "id: new-rule"))
    got = C.load_from(folder)
    assert sorted(got) == ["action-pinned-to-branch", "new-rule"]
    assert sorted(C.read_compiled(folder)) == ["action-pinned-to-branch.yaml", "new-rule.yaml"]


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"header": "okla-lint 0.0.0", "entries": {}}',
                                     b'{"header": 1, "entries": 2}'])
def test_a_corrupt_or_foreign_compiled_form_is_ignored(tmp_path, content):
    folder = _copy(tmp_path, ["pdb-missing"])
    want = C.load_from(folder)
    C.compiled_path(folder).write_bytes(content)
    assert C.load_from(folder) == want
    assert C.read_compiled(folder)["pdb-missing.yaml"][0] == C.source_stamp((folder / "pdb-missing.yaml").read_bytes())


def test_a_forged_entry_with_a_wrong_stamp_is_not_trusted(tmp_path):
    folder = _copy(tmp_path, ["pdb-missing"])
    C.load_from(folder)
    doc = json.loads(C.compiled_path(folder).read_text())
    doc["entries"]["pdb-missing.yaml"] = ["0-00000000", {"id": "pdb-missing", "summary": "forged"}]
    C.compiled_path(folder).write_text(json.dumps(doc))
    assert C.load_from(folder)["pdb-missing"].summary != "forged"


def test_nothing_is_written_without_bytecode_or_where_it_cannot_be(tmp_path, monkeypatch):
    folder = _copy(tmp_path, ["pdb-missing"])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert "pdb-missing" in C.load_from(folder)
    assert not C.compiled_path(folder).exists()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    (folder / "__pycache__").write_text("a file, not a folder")
    assert "pdb-missing" in C.load_from(folder)


def test_rules_and_explain_start_without_the_engine_the_configuration_or_yaml():
    code = (
        "import io, sys, contextlib\n"
        "from okla_lint.cli import cli\n"
        "for args in (['rules'], ['rules', '--all', '--format', 'json']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        cli.main(args, standalone_mode=False)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('okla_lint', 'yaml', 'jsonschema', 'ruamel')))))\n"
    )
    # as installed: Python may write its compiled files (the first run writes the compiled
    # catalogue when it is missing or stale, the second reads it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.split()
    heavy = [m for m in out if m.startswith(("yaml", "jsonschema", "ruamel", "okla_lint.rules", "okla_lint.lib",
                                             "okla_lint.config", "okla_lint.core.engine", "okla_lint.core.files",
                                             "okla_lint.core.parse_yaml", "okla_lint.core.model"))]
    assert heavy == []
    code = code.replace("(['rules'], ['rules', '--all', '--format', 'json'])", "(['explain', 'pdb-missing'],)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout.split()
    assert [m for m in out if m.startswith(("okla_lint.core.engine", "okla_lint.rules", "okla_lint.config"))] == []
