"""`python -m okla_lint.dev new-rule ID KIND` (docs/CONTRIBUTING.md, "Adding a rule"): in a
copy of the repository, the scaffolded rule of every kind is registered by the module its
catalogue file names, its catalogue examples run, and its generated test passes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("k8s", "gha", "ocelot", "common")

CHECK = r"""
import json, sys, tempfile
from pathlib import Path

import pytest
sys.path.insert(0, sys.argv[1])
import okla_lint
assert okla_lint.__file__.startswith(sys.argv[1]), okla_lint.__file__
sys.path.insert(0, str(Path(sys.argv[1]) / "tests"))
from helpers import lint, locs, write_files
from okla_lint.core.catalogue import load_catalogue
from okla_lint.core.registry import all_checks
cat = load_catalogue()
out = {}
for rid in sys.argv[2:]:
    doc = cat[rid]
    # configmap_copies runs for every Ocelot rule (it folds ConfigMap copies), implementing none
    modules = sorted({c.func.__module__ for c in all_checks() if rid in c.rules} - {"okla_lint.rules.ocelot.configmap_copies"})
    runs = []
    for ex in doc.examples:
        with tempfile.TemporaryDirectory() as d:
            write_files(Path(d), ex.files)
            res = lint(Path(d), select=[rid])
            runs.append([locs(res, rid), sorted(ex.expect), res.internal_errors])
    out[rid] = {"module": doc.module, "registered_by": modules, "runs": runs}
print(json.dumps(out))
"""


@pytest.mark.slow(2)
def test_new_rule_scaffold_is_registered_and_its_examples_and_test_run(tmp_path):
    copy = tmp_path / "okla-lint"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "okla_lint", copy / "okla_lint", ignore=ignore)
    shutil.copytree(ROOT / "rules", copy / "rules")
    (copy / "tests").mkdir()
    for name in ("helpers.py", "conftest.py"):
        shutil.copy(ROOT / "tests" / name, copy / "tests" / name)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(copy)
    ids = [f"scaffold-demo-{kind}" for kind in KINDS]
    for rid, kind in zip(ids, KINDS):
        p = subprocess.run([sys.executable, "-m", "okla_lint.dev", "new-rule", rid, kind, "--root", str(copy)],
                           cwd=copy, env=env, capture_output=True, text=True, timeout=120)
        assert p.returncode == 0, p.stderr
        assert (copy / "rules" / f"{rid}.yaml").is_file()
        assert (copy / "okla_lint" / "rules" / kind / f"{rid.replace('-', '_')}.py").is_file()
    p = subprocess.run([sys.executable, "-c", CHECK, str(copy), *ids], cwd=copy, env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    got = json.loads(p.stdout)
    for rid, kind in zip(ids, KINDS):
        module = f"okla_lint.rules.{kind}.{rid.replace('-', '_')}"
        assert got[rid]["module"] == module
        assert got[rid]["registered_by"] == [module]
        for found, expected, errors in got[rid]["runs"]:
            assert found == expected and not errors, (rid, found, expected, errors)
    tests = [str(copy / "tests" / "rules" / kind / f"test_{rid.replace('-', '_')}.py") for rid, kind in zip(ids, KINDS)]
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                       cwd=copy, env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout[-2000:]
    assert "8 passed" in p.stdout


def test_new_rule_refuses_a_bad_id_and_an_existing_rule(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    p = subprocess.run([sys.executable, "-m", "okla_lint.dev", "new-rule", "Bad_Id", "k8s", "--root", str(ROOT)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode != 0 and "not a rule id" in p.stderr
    p = subprocess.run([sys.executable, "-m", "okla_lint.dev", "new-rule", "host-port", "k8s", "--root", str(ROOT)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode != 0 and "already there" in p.stderr
