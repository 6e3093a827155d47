#!/usr/bin/env bash
# Sets up and runs the bot; with no TELEGRAM_BOT_TOKEN it opens the terminal chat.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/danvan run "$@"
