"""The package's modules import each other without a cycle, and only at module level.

A cycle hidden behind an import inside a function is still a cycle: neither module can be read, tested
or changed without the other. This reads every module's imports with ``ast`` at any depth (so an
import inside a function counts), fails on a cycle, and fails on an import of the package's own
modules inside a function, the usual way of hiding one. Only explicit imports are edges: importing
``a.b.c`` also runs ``a/b/__init__.py``, which is how packages work, not a dependency of ``c``.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "slipway_sandbox"


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (a package is its __init__.py)."""
    found = {}
    for path in sorted((ROOT / PACKAGE).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom, known: set[str]) -> list[str]:
    """The package's modules an import statement loads."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name in known]
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = ".".join(package[: len(package) - (node.level - 1)] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    if base not in known:
        return []
    # `from pkg import name` loads pkg.name when that is a module, else takes a name from pkg.
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]


def _imports(tree: ast.AST) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement with whether it sits inside a function."""
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append((child, in_function))
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


def import_graph() -> tuple[dict[str, set[str]], list[str]]:
    """Edges between the package's modules, and the imports of its own modules found inside functions."""
    files = modules()
    known = set(files)
    graph: dict[str, set[str]] = {name: set() for name in files}
    hidden: list[str] = []
    for name, path in files.items():
        for node, in_function in _imports(ast.parse(path.read_text(), str(path))):
            targets = [t for t in _targets(name, path, node, known) if t != name]
            graph[name].update(targets)
            if in_function and targets:
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {', '.join(targets)} inside a function")
    return graph, hidden


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path that ends where it starts, or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        if node in path:
            return path[path.index(node):] + [node]
        if node in done:
            return None
        path.append(node)
        for target in sorted(graph.get(node, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        cycle = visit(start)
        if cycle:
            return cycle
    return None


def test_the_checker_sees_edges_and_cycles() -> None:
    graph, _ = import_graph()
    # A sample of edges the engine really has, so an empty graph cannot pass for an acyclic one.
    assert "slipway_sandbox.extensions.cfn_engine.ops" in graph["slipway_sandbox.extensions.cfn_engine.api"]
    assert "slipway_sandbox.settings" in graph["slipway_sandbox.extensions.cfn_engine.ops"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_between_the_packages_modules() -> None:
    graph, _ = import_graph()
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_module_imports_its_own_package_inside_a_function() -> None:
    _, hidden = import_graph()
    assert hidden == [], "\n".join(hidden)
