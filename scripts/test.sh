#!/usr/bin/env bash
# Sets up and runs the checks: ruff, mypy and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
# The PDF tests set Vietnamese text in DejaVu Sans; a bare machine may lack the font.
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [ ! -f "$font" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing fonts-dejavu-core for the PDF tests ..."
  (apt-get update -qq && apt-get install -y -qq fonts-dejavu-core) >/dev/null 2>&1 ||
    echo "Could not install fonts-dejavu-core; the PDF tests will say so."
fi
# The web console's browser test drives the system's Chromium (Playwright downloads none).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium for the web console's browser test ..."
  (apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core) >/dev/null 2>&1 ||
    echo "Could not install chromium; tests/test_web_console_browser.py will fail and say so."
fi
echo "== ruff"; .venv/bin/ruff check .
echo "== mypy"; .venv/bin/mypy bot core handlers knowledge storage
# Two workers (pytest-xdist) halve the time on a two-core machine; DANVAN_TEST_WORKERS=0
# runs in one process (easier to read a failure), =auto uses every core.
workers=(-n "${DANVAN_TEST_WORKERS:-2}")
echo "== pytest (SQLite)"; .venv/bin/python -m pytest "${workers[@]}" "$@"
# The second pass: the tests that take the database fixtures (tests/conftest.py), each
# worker on its own throwaway PostgreSQL database (DANVAN_TEST_PG_URL names the server).
# DANVAN_SKIP_PG=1 skips it on a machine without PostgreSQL.
if [ "${DANVAN_SKIP_PG:-0}" != 1 ]; then
  echo "== pytest (PostgreSQL)"
  DANVAN_TEST_DATABASE=postgresql .venv/bin/python -m pytest "${workers[@]}" "$@"
fi
