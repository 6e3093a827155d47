#!/usr/bin/env bash
# Creates .venv with Python 3.11+ and installs danvan with its test tools (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=""
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$candidate"; break
  fi
done
if [ -z "$PY" ]; then echo "danvan needs Python 3.11 or newer." >&2; exit 1; fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PY ..."
  "$PY" -m venv .venv
fi
stamp=.venv/.danvan-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing danvan and its dependencies into .venv ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[test]'
  touch "$stamp"
fi
