#!/usr/bin/env bash
# Builds the image and runs it against a fake Telegram Bot API on this host until Docker
# reports it healthy; prints the image size and the seconds to healthy. Needs a Docker
# engine and the test venv (bash scripts/setup.sh test) for the fake server.
set -euo pipefail
cd "$(dirname "$0")/.."
image=danvan:ci
name="danvan-ci-$$"
work=$(mktemp -d)
fake_pid=""
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

docker build --quiet -t "$image" . >/dev/null
size=$(docker image inspect "$image" --format '{{.Size}}')
echo "image $image: $(( size / 1000000 )) MB"

# The fake Bot API the container talks to (host network: it is on 127.0.0.1).
.venv/bin/python -c '
import sys, time
sys.path.insert(0, ".")
from tests.fakes.telegram_server import FakeTelegram
fake = FakeTelegram(token="123:ABC").start()
print(fake.base_url, flush=True)
time.sleep(3600)
' >"$work/fake.url" &
fake_pid=$!
for _ in $(seq 100); do [ -s "$work/fake.url" ] && break; sleep 0.1; done
base_url=$(head -n1 "$work/fake.url")

started=$(date +%s)
docker run -d --name "$name" --network host \
  -e TELEGRAM_BOT_TOKEN=123:ABC -e TELEGRAM_API_BASE_URL="$base_url" \
  -e HTTP_PORT=18080 --health-interval=2s --health-start-period=60s \
  "$image" >/dev/null
for _ in $(seq 120); do
  status=$(docker inspect "$name" --format '{{.State.Health.Status}}')
  if [ "$status" = healthy ]; then
    echo "healthy after $(( $(date +%s) - started )) s"
    docker stop --time 45 "$name" >/dev/null
    code=$(docker inspect "$name" --format '{{.State.ExitCode}}')
    [ "$code" = 0 ] || { echo "exit code $code after SIGTERM"; docker logs "$name"; exit 1; }
    exit 0
  fi
  if [ "$(docker inspect "$name" --format '{{.State.Running}}')" != true ]; then break; fi
  sleep 1
done
echo "the container did not become healthy (status: ${status:-none})"
docker logs "$name" | tail -50
exit 1
