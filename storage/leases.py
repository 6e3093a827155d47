"""Who holds a claim and for how long: the claiming process's name and its lease.

A claimed row (a reminder, a day's digest) names the process holding it (host:pid:random)
and carries an instant until which the claim stands. The holder renews the lease while it
lives and gives its rows back when it stops; a crashed holder renews nothing, so its rows
are free again once the lease runs out (seconds, where a fixed claim timeout took minutes).
"""

from __future__ import annotations

import os
import secrets
import socket
from dataclasses import dataclass, field
from datetime import datetime, timedelta

DEFAULT_LEASE = timedelta(seconds=30)


def process_name() -> str:
    """This process as a claim holder: host:pid:random (the random part tells a restarted
    process that got the same pid from its predecessor)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Holder:
    """A claiming process: its name and how long one renewal of its lease lasts."""

    name: str = field(default_factory=process_name)
    lease: timedelta = DEFAULT_LEASE

    def until(self, now: datetime) -> datetime:
        """When a lease taken or renewed at `now` runs out."""
        return now + self.lease
