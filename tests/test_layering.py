"""The layers hold: core < knowledge < storage < handlers < bot, and no import cycles.

Every module's imports are read with `ast` (function-local ones too) and resolved to our
modules. Imports under `if TYPE_CHECKING:` count too: a cycle of types is still a cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "knowledge", "storage", "handlers", "bot")
PLATFORMS = ("telegram", "httpx", "zalo", "aiohttp", "requests", "tornado", "starlette", "uvicorn")
# Where platform code may live: the chat platforms' adapters and the bot's web server.
PLATFORM_HOMES = ("bot.channels.", "bot.web.")
# What each package may import of ours (bot, the application, may import everything).
ALLOWED = {
    "core": {"core"},
    "knowledge": {"knowledge"},
    "storage": {"core", "knowledge", "storage"},
    "handlers": {"core", "knowledge", "storage", "handlers"},
    "bot": set(PACKAGES),
}
# Inside knowledge/, a subpackage imports only those at or below it.
KNOWLEDGE_ORDER = ("model", "vi", "parse", "search", "answer")


@dataclass(frozen=True)
class Edge:
    """One import of a module by another."""

    source: str
    target: str


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    """Every module of our packages, by dotted name."""
    return {
        _module_name(path): path
        for package in PACKAGES
        if (ROOT / package).is_dir()
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _imported_names(node: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """Dotted names an import statement (or an import_module("...") call) loads.

    For "from a import b" that is a.b when b is a submodule, else a.
    """
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parts = module.split(".")
            parts = parts[: len(parts) - node.level + is_package]
            base = ".".join([*parts, base] if base else parts)
        yield from (f"{base}.{alias.name}" for alias in node.names)
    elif (
        isinstance(node, ast.Call)
        and ast.unparse(node.func).endswith("import_module")
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        yield node.args[0].value


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The deepest of our modules a dotted name lies in (None: not ours)."""
    parts = name.split(".")
    while parts:
        if ".".join(parts) in modules:
            return ".".join(parts)
        parts.pop()
    return None


def _edges(modules: dict[str, Path]) -> Iterator[Edge]:
    """Every import of one of our modules by another."""
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            for name in _imported_names(node, module, is_package):
                target = _resolve(name, modules)
                if target is not None and target != module:
                    yield Edge(module, target)


def _external_imports(path: Path) -> set[str]:
    """Top-level names of the libraries a file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _knowledge_rank(module: str) -> int | None:
    """Where a knowledge module sits in KNOWLEDGE_ORDER (-1: the package itself)."""
    parts = module.split(".")
    if len(parts) == 1:
        return -1
    return KNOWLEDGE_ORDER.index(parts[1]) if parts[1] in KNOWLEDGE_ORDER else None


def upward_imports() -> list[str]:
    """Imports that run against the layers, as "importer -> imported"."""
    found = []
    for edge in sorted(set(_edges(_modules())), key=lambda e: (e.source, e.target)):
        source, target = edge.source.split(".")[0], edge.target.split(".")[0]
        if target not in ALLOWED[source]:
            found.append(f"{edge.source} -> {edge.target}")
        elif source == target == "knowledge":
            low, high = _knowledge_rank(edge.target), _knowledge_rank(edge.source)
            if low is not None and high is not None and low > high:
                found.append(f"{edge.source} -> {edge.target}")
    return found


def import_cycles() -> list[list[str]]:
    """Groups of modules that import each other (strongly connected, more than one)."""
    graph: dict[str, set[str]] = {m: set() for m in _modules()}
    for edge in _edges(_modules()):
        graph[edge.source].add(edge.target)
    return [sorted(c) for c in _strongly_connected(graph) if len(c) > 1]


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the graph is a few hundred modules deep)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


def test_no_import_runs_against_the_layers() -> None:
    assert upward_imports() == []


def test_no_import_cycles() -> None:
    assert import_cycles() == []


def test_knowledge_root_holds_only_the_model() -> None:
    stray = [m for m in _modules() if m.startswith("knowledge.") and _knowledge_rank(m) is None]
    assert stray == []


def test_platform_libraries_only_in_channels_and_the_web_server() -> None:
    offenders = [
        f"{module} imports {name}"
        for module, path in _modules().items()
        if not module.startswith(PLATFORM_HOMES)
        for name in sorted(_external_imports(path) & set(PLATFORMS))
    ]
    assert offenders == []


def test_core_packages_do_not_pull_platforms_in_at_runtime() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "for pkg in ('core', 'handlers', 'knowledge', 'storage'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {PLATFORMS!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_test_modules_import_no_other_test_module() -> None:
    # Shared helpers live in tests/support*.py, tests/fakes/ and conftest fixtures.
    offenders = [
        f"{path.name} imports {name}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        for name in sorted(_dotted_imports(path))
        if name.startswith(("tests.test_", "tests.conftest"))
    ]
    assert offenders == []


def _dotted_imports(path: Path) -> set[str]:
    """Full dotted names of the modules a file imports from."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names
