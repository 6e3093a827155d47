"""`python -m bot.web.probe`: exit 0 when the bot's /healthz says healthy (Docker's HEALTHCHECK).

It uses the standard library only, so the check starts fast and the image needs no curl.
The address comes from HTTP_HOST and HTTP_PORT; a wildcard host is reached on loopback.
On failure it prints which checks fail, which `docker inspect` shows.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping

TIMEOUT = 8.0  # seconds; Docker's own timeout (10 s) must not hit first


def health_url(environ: Mapping[str, str] = os.environ) -> str:
    """The /healthz URL of the bot on this host."""
    host = environ.get("HTTP_HOST", "127.0.0.1").strip() or "127.0.0.1"
    if host in ("0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{environ.get('HTTP_PORT', '8080').strip()}/healthz"


def main() -> int:
    """Probe /healthz once; 0 healthy, 1 not (with the reason on stdout)."""
    url = health_url()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as answer:
            answer.read()
        return 0
    except urllib.error.HTTPError as exc:
        with exc:
            body = exc.read()
        try:
            failing = json.loads(body).get("failing", [])
        except ValueError:
            failing = [f"HTTP {exc.code}"]
        print(f"không khỏe: {', '.join(failing) or exc.code}")
    except OSError as exc:
        print(f"không kết nối được {url}: {exc}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
