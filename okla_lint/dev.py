"""Tools for working on okla-lint itself (not for linting).

    python -m okla_lint.dev new-rule RULE-ID KIND [--root DIR]

``new-rule`` scaffolds a rule in the layout of docs/CONTRIBUTING.md: the catalogue file
``rules/RULE-ID.yaml`` (with ``module:``, a failing and a passing example), the module
``okla_lint/rules/KIND/RULE_ID.py`` holding one check registered for the rule, and the test
``tests/rules/KIND/test_RULE_ID.py``. KIND is k8s, gha, ocelot or common. The check is a
working placeholder (it reports a key named ``todo``) so that every generated piece runs
from the start: replace it, its message, the catalogue text and the examples with the
rule's own. The new rule is info-level advice, off by default, until you decide otherwise.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

KINDS = {
    # kind: (catalogue kind, hook, target type, example file, example text, finding, passing text)
    "k8s": (
        "kubernetes", "k8s_object", "K8sObject", "k8s/demo.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  labels:\n    todo: \"yes\"\n",
        "6:5",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\n  labels:\n    app: demo\n",
    ),
    "gha": (
        "workflow", "step", "Step", ".github/workflows/ci.yml",
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - todo: yes\n        run: echo hi\n",
        "6:9",
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n",
    ),
    "ocelot": (
        "ocelot", "ocelot", "FileUnit", "gateway/ocelot.json",
        '{\n  "Routes": [],\n  "todo": true\n}\n',
        "3:3",
        '{\n  "Routes": []\n}\n',
    ),
    "common": (
        "any", "file", "FileUnit", "config/app.yaml",
        "name: app\ntodo: yes\n",
        "2:1",
        "name: app\n",
    ),
}

# how the placeholder check finds the mapping that holds the `todo` key
HOLDER = {
    "k8s": 'obj.metadata.get("labels")',
    "gha": "step.node",
    "ocelot": "unit.docs[0].root if unit.docs else None",
    "common": "unit.docs[0].root if unit.docs else None",
}
TARGET = {"k8s": "obj", "gha": "step", "ocelot": "unit", "common": "unit"}
IMPORTS = {
    "k8s": "from ...core.model import K8sObject",
    "gha": "from ...core.model import Step",
    "ocelot": "from ...core.files import FileUnit",
    "common": "from ...core.files import FileUnit",
}
RULE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")


def module_name(rule_id: str) -> str:
    return rule_id.replace("-", "_")


def catalogue_text(rule_id: str, kind: str) -> str:
    ckind, _hook, _t, path, bad, where, good = KINDS[kind]
    indent = " " * 8

    def block(text: str) -> str:
        return "".join(indent + line + "\n" for line in text.splitlines())

    return (
        f"id: {rule_id}\n"
        "severity: info\n"
        f"kind: {ckind}\n"
        f"module: okla_lint.rules.{kind}.{module_name(rule_id)}\n"
        "autofix: none\n"
        "default: false\n"
        "summary: TODO one line saying what is wrong (the scaffold reports a key named `todo`).\n"
        "tags: [advice]\n"
        "confidence: medium\n"
        "equivalents: {}\n"
        "rationale: |\n"
        "  TODO why it breaks at runtime: what the API server, the kubelet, GitHub or Ocelot does\n"
        "  with it, quoting the real error text.\n"
        "fix: |\n"
        "  TODO how to fix it.\n"
        "examples:\n"
        "  - title: TODO a failing example\n"
        "    files:\n"
        f"      {path}: |\n" + block(bad) +
        "    expect:\n"
        f"      - {path}:{where}\n"
        "  - title: TODO a passing example\n"
        "    files:\n"
        f"      {path}: |\n" + block(good)
    )


def module_text(rule_id: str, kind: str) -> str:
    _c, hook, typ, *_ = KINDS[kind]
    target = TARGET[kind]
    return f'''"""{rule_id}: TODO one line saying what the rule finds (see rules/{rule_id}.yaml)."""
from __future__ import annotations

from ...core.located import LMap
from ...core.registry import check
{IMPORTS[kind]}


@check("{rule_id}", on="{hook}")
def {module_name(rule_id)}(ctx, {target}: {typ}) -> None:
    # TODO: the scaffold's placeholder: replace it with the rule's logic (shared knowledge
    # goes to okla_lint/lib/{kind}/, not here)
    holder = {HOLDER[kind]}
    if isinstance(holder, LMap) and "todo" in holder:
        ctx.report(
            holder.key_span("todo"),
            "key 'todo' is here: TODO say what breaks at runtime; remove it",
            context="todo",
        )
'''


def test_text(rule_id: str, kind: str) -> str:
    _c, _h, _t, path, bad, where, good = KINDS[kind]
    return f'''"""{rule_id}: behaviour beyond the catalogue examples (which tests/core/test_catalogue_examples.py
runs). TODO: variants (flow and block style, anchors, multi-document files, CRLF...)."""
from __future__ import annotations

from helpers import found

RULE = "{rule_id}"


def test_reports_the_key(tmp_path):
    assert found(tmp_path, {{{path!r}: {bad!r}}}, RULE) == ["{path}:{where}"]


def test_quiet_without_it(tmp_path):
    assert found(tmp_path, {{{path!r}: {good!r}}}, RULE) == []
'''


def new_rule(rule_id: str, kind: str, root: Path) -> list[Path]:
    """Write the catalogue file, the module and the test of a new rule under ``root`` (a
    checkout of okla-lint); the paths written."""
    if kind not in KINDS:
        raise SystemExit(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    if not RULE_ID.match(rule_id):
        raise SystemExit(f"{rule_id!r} is not a rule id: lower-case words joined by '-' (e.g. probe-port-unknown)")
    files = {
        root / "rules" / f"{rule_id}.yaml": catalogue_text(rule_id, kind),
        root / "okla_lint" / "rules" / kind / f"{module_name(rule_id)}.py": module_text(rule_id, kind),
        root / "tests" / "rules" / kind / f"test_{module_name(rule_id)}.py": test_text(rule_id, kind),
    }
    if not (root / "rules").is_dir() or not (root / "okla_lint" / "rules" / kind).is_dir():
        raise SystemExit(f"{root} is not an okla-lint checkout (no rules/ or okla_lint/rules/{kind}/)")
    taken = [p for p in files if p.exists()]
    if taken:
        raise SystemExit("already there: " + ", ".join(str(p) for p in taken))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m okla_lint.dev", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    nr = sub.add_parser("new-rule", help="scaffold a rule: catalogue file, module and test")
    nr.add_argument("rule_id", metavar="RULE-ID")
    nr.add_argument("kind", metavar="KIND", choices=sorted(KINDS))
    nr.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                    help="the okla-lint checkout to write into [the one this module is in]")
    args = ap.parse_args(argv)
    for path in new_rule(args.rule_id, args.kind, args.root):
        print(f"wrote {path}")
    print("next: write the check, its message, the catalogue text and examples; run "
          "`python -m okla_lint.docs` and `python -m pytest -q` (docs/CONTRIBUTING.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
