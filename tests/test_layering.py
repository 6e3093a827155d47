"""handlers/, knowledge/ and storage/ import no platform or HTTP library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("telegram", "httpx", "zalo", "aiohttp", "requests", "tornado")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_platform_imports_in_core_packages() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package in ("handlers", "knowledge", "storage")
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in _imports(path) & set(FORBIDDEN)
    ]
    assert offenders == []


def test_core_packages_do_not_pull_platforms_in_at_runtime() -> None:
    code = (
        "import sys, pkgutil, importlib\n"
        "for pkg in ('handlers', 'knowledge', 'storage'):\n"
        "    mod = importlib.import_module(pkg)\n"
        "    for info in pkgutil.walk_packages(mod.__path__, pkg + '.'):\n"
        "        if '.migrations' not in info.name:\n"
        "            importlib.import_module(info.name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
