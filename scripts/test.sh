#!/usr/bin/env bash
# Sets up and runs the checks: ruff, mypy and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy"; .venv/bin/mypy bot handlers knowledge storage
echo "== pytest"; .venv/bin/python -m pytest "$@"
