"""Baselines: record today's findings, report only new ones, survive line shifts."""
from __future__ import annotations

import json

from integration_util import DEPLOYMENT, findings, run
from helpers import write_files

SECOND = DEPLOYMENT.replace("name: web", "name: api").replace("{app: web}", "{app: api}")


def test_baseline_hides_known_findings_across_line_shifts(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT})
    code, out, err = run(["check", "--write-baseline", "baseline.json"], tmp_path)
    assert code == 0 and out == "", err
    recorded = json.loads((tmp_path / "baseline.json").read_text())
    assert recorded["version"] == 1 and recorded["findings"]
    assert all(len(f["fingerprint"]) == 32 for f in recorded["findings"])

    code, out, err = run(["check", "--format", "json", "--baseline", "baseline.json"], tmp_path)
    assert code == 0 and findings(out) == [], out
    assert "hidden by the baseline" in err

    # unrelated edits shift every line: still nothing new
    write_files(tmp_path, {"k8s/web.yaml": "# owner: team-web\n# reviewed 2026-11\n\n" + DEPLOYMENT})
    code, out, _ = run(["check", "--format", "json", "--baseline", "baseline.json"], tmp_path)
    assert code == 0 and findings(out) == []

    # a new object with the same problem is new, even in the same file
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT + "---\n" + SECOND})
    code, out, _ = run(["check", "--format", "json", "--baseline", "baseline.json"], tmp_path)
    new = [(f["rule"], f["line"]) for f in findings(out)]
    assert ("env-ref-before-definition", 17 + 20) in new
    assert all(line > 19 for _, line in new)
    assert code == 1


def test_baseline_from_another_folder_and_bad_files(tmp_path):
    (tmp_path / ".git").mkdir()
    write_files(tmp_path, {"k8s/web.yaml": DEPLOYMENT})
    assert run(["check", "--write-baseline", "b.json"], tmp_path)[0] == 0
    # fingerprints use the path inside the project, so running from a subfolder matches
    code, out, _ = run(["check", "--format", "json", "--baseline", "../b.json", "."], tmp_path / "k8s")
    assert findings(out) == []
    (tmp_path / "bad.json").write_text("{}")
    code, _, err = run(["check", "--baseline", "bad.json"], tmp_path)
    assert code == 2 and "not an okla-lint baseline" in err
    code, _, err = run(["check", "--baseline", "nope.json"], tmp_path)
    assert code == 2 and "--write-baseline" in err
