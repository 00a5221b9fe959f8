"""The package's import structure: no import cycles between okla_lint modules, no import
inside a function (except the lazy loading of a heavy optional module, marked with a
``# lazy:`` comment saying why), no ``except Exception`` around an import, and the layers
point one way: core <- lib <- rules (core and lib never import rules; core never imports lib)."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "okla_lint"


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
    tree = ast.parse(path.read_text(encoding="utf-8"))
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

    visit(tree, False)
    return out


def test_every_module_imports():
    for mod in modules():
        if mod != "okla_lint.__main__":  # runs the command line
            importlib.import_module(mod)


def test_no_import_inside_a_function_unless_lazy():
    bad = []
    for mod, path in modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for target, node, in_func in imports_of(mod, path, modules()):
            if in_func and "# lazy:" not in lines[node.lineno - 1]:
                bad.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} imports {target} inside a function")
    assert bad == []


def test_no_broad_except_around_imports():
    bad = []
    for mod, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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
