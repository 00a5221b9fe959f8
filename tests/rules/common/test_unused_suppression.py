"""What `unused-suppression` reports (on by default): a suppression that suppresses nothing,
at the rule id it names (or the unreadable comment), in every form a suppression takes; a
suppression that hides a finding is not reported."""
from __future__ import annotations

from helpers import lint, locs, run

RULE = "unused-suppression"
POD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n"
    "      image: nginx:{tag}{comment}\n"
)


def test_a_stale_line_suppression_is_reported_at_its_rule_id_in_the_default_run(tmp_path):
    # the image is pinned now: the suppression written for `latest` hides nothing
    res = run(tmp_path, {"pod.yaml": POD.format(tag="1.27", comment="  # okla-lint: ignore[image-mutable-tag] rolled by CD")}, None)
    assert locs(res, RULE) == ["pod.yaml:8:46"]
    res = run(tmp_path, {"pod.yaml": POD.format(tag="latest", comment="  # okla-lint: ignore[image-mutable-tag] rolled by CD")}, None)
    assert locs(res, RULE) == [] and locs(res, "image-mutable-tag") == []


def test_a_misspelt_rule_id_says_what_was_meant(tmp_path):
    res = run(tmp_path, {"pod.yaml": POD.format(tag="latest", comment="  # okla-lint: ignore[imagge-mutable-tag]")}, None)
    assert locs(res, RULE) == ["pod.yaml:8:48"]
    (f,) = [f for f in res.findings if f.rule == RULE]
    assert "'image-mutable-tag'" in f.message  # did you mean
    assert locs(res, "image-mutable-tag") == ["pod.yaml:8:14"]  # and the finding is not hidden


def test_node_file_and_annotation_forms_and_crlf(tmp_path):
    text = (
        "# okla-lint: file-ignore[duplicate-key]\r\n"
        "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: cm\r\n"
        "  annotations:\r\n    okla-lint.io/ignore: hardcoded-credential\r\n"
        "data:\r\n  # okla-lint: ignore[json-comments]\r\n  a: one\r\n"
    )
    res = run(tmp_path, {"cm.yaml": text}, None)
    assert locs(res, RULE) == ["cm.yaml:1:26", "cm.yaml:7:26", "cm.yaml:9:23"]


def test_no_ignores_and_turning_it_off(tmp_path):
    files = {"pod.yaml": POD.format(tag="1.27", comment="  # okla-lint: ignore[image-mutable-tag]")}
    run(tmp_path, files, None)
    assert locs(lint(tmp_path, None, no_ignores=True), RULE) == []
    assert locs(lint(tmp_path, None, ignore=[RULE]), RULE) == []
