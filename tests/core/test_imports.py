"""The package's import structure: no import cycles between okla_lint modules, no import
inside a function (except the lazy loading of a heavy optional module, marked with a
``# lazy:`` comment saying why), no ``except Exception`` around an import, and the layers
point one way: core <- lib <- rules (core and lib never import rules; core never imports lib;
a rule module never imports another rule module: what two rules share is library API in
okla_lint/lib/). No private name (``_x``) is imported from, or read through, another
okla_lint module: what another module needs is that module's public API. No cache keyed by
``id()`` in lib/ or rules/: what is derived once per object lives in its ``memo`` (or
``model.extra`` under a name), not under an address that a later object may reuse."""
from __future__ import annotations

import ast
import functools
import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "okla_lint"


@functools.lru_cache(maxsize=None)
def source(path: Path) -> str:
    """The text of a module, read once per test run (the tests below only read it)."""
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def parsed(path: Path) -> ast.Module:
    """The syntax tree of a module, parsed once per test run; never modified."""
    return ast.parse(source(path))


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _resolve(mod: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    pkg = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
    base = pkg[: len(pkg) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(mod: str, path: Path, known: dict[str, Path]) -> list[tuple[str, ast.AST, bool]]:
    """(imported okla_lint module, node, inside a function) for every import in ``mod``."""
    out = []

    def visit(node: ast.AST, in_func: bool) -> None:
        for child in ast.iter_child_nodes(node):
            func = in_func or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.ImportFrom):
                target = _resolve(mod, path, child)
                for alias in child.names:
                    sub = f"{target}.{alias.name}"
                    out.append((sub if sub in known else target, child, in_func))
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    out.append((alias.name, child, in_func))
            visit(child, func)

    visit(parsed(path), False)
    return out


def test_every_module_imports():
    for mod in modules():
        if mod != "okla_lint.__main__":  # runs the command line
            importlib.import_module(mod)


def test_no_import_inside_a_function_unless_lazy():
    bad = []
    known = modules()
    for mod, path in known.items():
        lines = source(path).splitlines()
        for target, node, in_func in imports_of(mod, path, known):
            if in_func and "# lazy:" not in lines[node.lineno - 1]:
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {target} inside a function")
    assert bad == []


def test_no_broad_except_around_imports():
    bad = []
    for mod, path in modules().items():
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.Try):
                continue
            if not any(isinstance(n, (ast.Import, ast.ImportFrom)) for b in node.body for n in ast.walk(b)):
                continue
            for h in node.handlers:
                if h.type is None or (isinstance(h.type, ast.Name) and h.type.id in ("Exception", "BaseException")):
                    bad.append(f"{path.relative_to(PACKAGE.parent)}:{h.lineno}")
    assert bad == []


def graph() -> dict[str, set[str]]:
    known = modules()
    g: dict[str, set[str]] = {m: set() for m in known}
    for mod, path in known.items():
        for target, _node, in_func in imports_of(mod, path, known):
            if target in known and target != mod and not in_func:
                g[mod].add(target)
    return g


def test_no_import_cycles():
    g = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def strong(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(g[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            # a package importing its own submodules (report/__init__) is not a cycle
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            strong(v)
    assert cycles == []


def test_layers_point_one_way():
    bad = []
    for mod, deps in graph().items():
        for d in deps:
            if mod.startswith(("okla_lint.core.", "okla_lint.lib.")) and d.startswith("okla_lint.rules."):
                bad.append(f"{mod} imports {d}")
            if mod.startswith("okla_lint.core.") and d.startswith("okla_lint.lib."):
                bad.append(f"{mod} imports {d}")
    assert sorted(bad) == []


def test_rule_modules_do_not_import_each_other():
    bad = []
    for mod, deps in graph().items():
        if mod.startswith("okla_lint.rules."):
            bad += [f"{mod} imports {d}" for d in deps if d.startswith("okla_lint.rules.")
                    and d.count(".") >= 3 and d != mod]
    assert sorted(bad) == []


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_from_another_module():
    known = modules()
    bad = []
    for mod, path in known.items():
        tree = parsed(path)
        aliases: set[str] = set()  # names bound to okla_lint modules
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(mod, path, node)
                if not target.startswith("okla_lint"):
                    continue
                for alias in node.names:
                    if f"{target}.{alias.name}" in known:
                        aliases.add(alias.asname or alias.name)
                    elif _private(alias.name):
                        bad.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {alias.name} from {target}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("okla_lint"):
                        aliases.add(alias.asname or alias.name.split(".")[0])
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and _private(node.attr) and isinstance(node.value, ast.Name)
                    and node.value.id in aliases):
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} reads {node.value.id}.{node.attr}")
    assert bad == []


def _id_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "id"


def _rooted_at_attribute(node: ast.AST) -> bool:
    """``model.extra``, ``self.cache.setdefault(...)``, ``ctx.memo["x"]``: a container held
    by an object (a call's receiver counts, not the function: ``X.walk(node)`` is fresh)."""
    while isinstance(node, (ast.Subscript, ast.Call, ast.Attribute)):
        if isinstance(node, ast.Attribute):
            return True
        if isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node.func, ast.Attribute):
            node = node.func.value
        else:
            return False
    return False


def _id_keys(scope: ast.AST, ids: set[str], lasting: set[str]) -> list[int]:
    def is_key(node: ast.AST) -> bool:
        return any(_id_call(x) or (isinstance(x, ast.Name) and x.id in ids) for x in ast.walk(node))

    def outlives(container: ast.AST) -> bool:
        if _rooted_at_attribute(container):
            return True
        while isinstance(container, (ast.Subscript, ast.Call)):
            container = container.value if isinstance(container, ast.Subscript) else container.func
        return isinstance(container, ast.Name) and container.id in lasting

    out = []
    for node in ast.walk(scope):
        keyed = None
        if isinstance(node, ast.Subscript) and is_key(node.slice):
            keyed = node.value
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("get", "setdefault", "pop", "add")
              and node.args and is_key(node.args[0])):
            keyed = node.func.value
        elif isinstance(node, ast.Compare) and any(isinstance(o, (ast.In, ast.NotIn)) for o in node.ops) \
                and is_key(node.left):
            keyed = node.comparators[0]
        if keyed is not None and outlives(keyed):
            out.append(node.lineno)
    return out


def test_no_id_keyed_cache_in_lib_or_rules():
    """``id(x)`` as a key of a container that outlives the call (an attribute such as
    ``model.extra[...]`` or ``self.cache``, a local name bound to one, or a module-level
    dict) is a cache keyed by an address: once ``x`` is gone a new object may get its id. A
    local ``seen`` set of one walk is fine (the objects it names are alive while it is)."""
    bad = []
    for mod, path in modules().items():
        if not mod.startswith(("okla_lint.lib.", "okla_lint.rules.")):
            continue
        tree = parsed(path)
        lasting = {t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                   for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
        for scope in ast.walk(tree):
            if not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            here = set(lasting)  # names bound to containers that outlive the call
            ids: set[str] = set()  # names that hold an id()
            for n in ast.walk(scope):
                if isinstance(n, ast.Assign):
                    names = [t.id for t in n.targets if isinstance(t, ast.Name)]
                    if any(_id_call(x) for x in ast.walk(n.value)):
                        ids.update(names)
                    if _rooted_at_attribute(n.value):
                        here.update(names)
            bad += [f"{path.relative_to(PACKAGE.parent)}:{line}" for line in _id_keys(scope, ids, here)]
    assert sorted(set(bad)) == [], sorted(set(bad))
