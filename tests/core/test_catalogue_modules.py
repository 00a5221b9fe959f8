"""The catalogue and the code agree: every rules/<id>.yaml names (`module:`) the module that
registers its checks, that module registers it, no other module does, and every id a check
registers has a catalogue file."""
from __future__ import annotations

import importlib
from collections import defaultdict

from okla_lint.core.catalogue import load_catalogue
from okla_lint.core.registry import all_checks

# ids no check registers: the engine reports them itself; the named module must say so
BUILT_IN = {"parse-error"}

# Modules that also register ids implemented elsewhere: they run whenever one of those rules
# does, without implementing it (configmap_copies folds the findings of ConfigMap copies of
# Ocelot files into the file's)
ALSO: dict[str, set[str] | None] = {  # module -> the ids it registers without implementing (None: all)
    "okla_lint.rules.ocelot.configmap_copies": None,
}


def implementing(rid: str, modules: set[str]) -> set[str]:
    return {m for m in modules if not (m in ALSO and (ALSO[m] is None or rid in ALSO[m]))}


def registrations() -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for c in all_checks():
        for rid in c.rules:
            out[rid].add(c.func.__module__)
    return out


def test_every_catalogue_entry_names_the_module_that_registers_it():
    regs = registrations()
    wrong = []
    for rid, doc in sorted(load_catalogue().items()):
        if not doc.module:
            wrong.append(f"rules/{rid}.yaml has no `module:`")
            continue
        mod = importlib.import_module(doc.module)  # raises when the module does not exist
        if rid in BUILT_IN:
            if f'"{rid}"' not in open(mod.__file__, encoding="utf-8").read():
                wrong.append(f"{rid}: {doc.module} does not produce it")
            continue
        found = implementing(rid, regs.get(rid, set()))
        if found != {doc.module}:
            wrong.append(f"{rid}: catalogue names {doc.module}, registered by {sorted(regs.get(rid, ()))}")
    assert wrong == []


def test_every_registered_rule_has_a_catalogue_file():
    cat = load_catalogue()
    missing = sorted(f"{rid} (registered by {sorted(mods)})" for rid, mods in registrations().items() if rid not in cat)
    assert missing == []


def test_rule_modules_live_under_okla_lint_rules():
    for rid, doc in load_catalogue().items():
        assert rid in BUILT_IN or doc.module.startswith("okla_lint.rules."), (rid, doc.module)


# modules with checks of unrelated rules, each with why it is not split (yet)
SEVERAL_FAMILIES: dict[str, str] = {}


def test_one_rule_or_one_family_per_module():
    """A rule module holds the checks of one rule, or of one tight family: rules that share a
    check function (each check's ids overlap another's). Unrelated rules get their own modules."""
    by_module: dict[str, list[set[str]]] = defaultdict(list)
    for c in all_checks():
        also = ALSO.get(c.func.__module__, set())
        ids = set(c.rules) - (set(c.rules) if also is None else also)
        if ids:
            by_module[c.func.__module__].append(ids)
    several, split_since = [], []
    for mod, groups in sorted(by_module.items()):
        merged: list[set[str]] = []
        for ids in groups:
            touching = [g for g in merged if g & ids]
            for g in touching:
                merged.remove(g)
                ids = ids | g
            merged.append(ids)
        if len(merged) > 1 and mod not in SEVERAL_FAMILIES:
            several.append(f"{mod}: {sorted(sorted(g) for g in merged)}")
        if len(merged) == 1 and mod in SEVERAL_FAMILIES:
            split_since.append(mod)  # remove it from SEVERAL_FAMILIES
    assert several == []
    assert split_since == []
