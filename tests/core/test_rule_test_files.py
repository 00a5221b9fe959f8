"""Every rule on by default has its behaviour tests where a reader looks for them:
tests/rules/<kind>/test_<rule_id_with_underscores>.py, or, for a rule of a family module,
tests/rules/<kind>/test_<module>.py (the tests that exercise the family together). Tests of
several unrelated rules together live in tests/integration/."""
from __future__ import annotations

from helpers import ROOT_DIR
from okla_lint.core.catalogue import load_catalogue

# rules with no file of their own yet, each with where its behaviour is tested today
NOT_YET: dict[str, str] = {
    # the build is the render engine's (core/render.py): tests/core/test_render.py runs it
    "kustomize-build-failed": "catalogue examples; tests/core/test_render.py",
}


def rule_test_file(rid: str, module: str):
    kind, mod = module.split(".")[2], module.rsplit(".", 1)[1]
    folder = ROOT_DIR / "tests" / "rules" / kind
    for name in (f"test_{rid.replace('-', '_')}.py", f"test_{mod}.py"):
        if (folder / name).exists():
            return folder / name
    return None


def test_every_default_rule_has_its_test_file():
    missing = []
    for rid, doc in sorted(load_catalogue().items()):
        if not doc.module.startswith("okla_lint.rules.") or not doc.default:
            continue
        if rid in NOT_YET:
            continue
        if rule_test_file(rid, doc.module) is None:
            missing.append(f"{rid}: tests/rules/<kind>/test_{rid.replace('-', '_')}.py")
    assert missing == []


def test_the_list_of_rules_without_a_test_file_only_shrinks():
    cat = load_catalogue()
    stale = [rid for rid in NOT_YET if rid not in cat or rule_test_file(rid, cat[rid].module) is not None]
    assert stale == []  # remove them from NOT_YET
