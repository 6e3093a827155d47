"""Declared dependencies match what the code imports: runtime for the app, extras for the rest.

Every third-party module the application imports must come from a runtime dependency,
and every runtime dependency must be imported by the application (or be listed below
with the reason nothing imports it). Tests and benchmarks may use the extras as well.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ("bot", "core", "handlers", "knowledge", "storage")
# The benchmarks import each other as top-level modules (they run as scripts).
OURS = set(APP) | {"tests", "benchmarks"} | {p.stem for p in (ROOT / "benchmarks").glob("*.py")}
# Runtime dependencies that no module imports by name, and why they are needed anyway.
NOT_IMPORTED = {
    "psycopg": "SQLAlchemy loads the driver for postgresql:// URLs",
    "python-multipart": "Starlette reads the web console's form posts with it",
    "tzdata": "zoneinfo reads the time zone data from it where the system has none",
}


def project() -> dict[str, object]:
    """The [project] table of pyproject.toml."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        table: dict[str, object] = tomllib.load(fh)["project"]
    return table


def name_of(requirement: str) -> str:
    """The normalised distribution name of a requirement string."""
    found = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert found, requirement
    return re.sub(r"[-_.]+", "-", found.group(0)).lower()


def runtime() -> set[str]:
    """The runtime dependencies."""
    dependencies = project()["dependencies"]
    assert isinstance(dependencies, list)
    return {name_of(r) for r in dependencies}


def extras() -> set[str]:
    """Every distribution named in an extra (danvan's own extras resolved)."""
    groups = project()["optional-dependencies"]
    assert isinstance(groups, dict)
    return {name_of(r) for group in groups.values() for r in group} - {"danvan"}


def imported(folders: tuple[str, ...]) -> dict[str, set[str]]:
    """Top-level third-party modules imported under the folders, with the files importing them."""
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                for name in names:
                    top = name.split(".")[0]
                    if top not in sys.stdlib_module_names and top not in OURS:
                        found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def distributions(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """The distributions providing the modules (normalised names), with the importing files."""
    providers = packages_distributions()
    by_dist: dict[str, set[str]] = {}
    for module, files in modules.items():
        assert module in providers, f"{module} (imported by {sorted(files)}) is not installed"
        for dist in providers[module]:
            by_dist.setdefault(name_of(dist), set()).update(files)
    return by_dist


def test_the_application_imports_only_runtime_dependencies() -> None:
    used = distributions(imported(APP))
    undeclared = {d: sorted(f)[:3] for d, f in used.items() if d not in runtime()}
    assert undeclared == {}


def test_every_runtime_dependency_is_imported_or_explained() -> None:
    used = set(distributions(imported(APP)))
    assert runtime() - used - set(NOT_IMPORTED) == set()
    assert set(NOT_IMPORTED) <= runtime()


def test_tests_and_benchmarks_use_only_declared_tools() -> None:
    used = distributions(imported(("tests", "benchmarks")))
    # What a declared package brings along (pytest's pluggy, say) is not declared itself.
    brought = {name_of(r) for d in runtime() | extras() for r in requires(d) or []}
    undeclared = {d: sorted(f)[:3] for d, f in used.items() if d not in runtime() | extras()}
    assert {d: f for d, f in undeclared.items() if d not in brought} == {}


def test_setup_installs_the_runtime_for_run_and_the_extras_for_test() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "runtime) target='.'" in setup and "test) target='.[test]'" in setup
    assert "bash scripts/setup.sh\n" in (ROOT / "scripts" / "run.sh").read_text(encoding="utf-8")
    test = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh test\n" in test
