"""Flood control per chat: so many messages a minute, then one notice, then silence.

A chat may send FLOOD_MESSAGES_PER_MINUTE messages in any sixty seconds; office staff
(role admin), who approve a batch of deadlines or page through the board a click at a
time, FLOOD_OFFICE_PER_MINUTE; a chat that is not a member, FLOOD_STRANGER_PER_MINUTE.
The first message over the limit gets one polite notice; the rest are dropped without a
reply until the chat is under the limit again. Time is the injected clock's, so tests
are exact. Who a chat is is asked (of the database, off the event loop) only once a chat
passes the strangers' limit, and remembered for a window: a flood costs no query per
message.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum

WINDOW = 60.0  # seconds
FORGET_ABOVE = 10_000  # chats remembered before the quiet ones are forgotten
OFFICE_ROLES = frozenset({"admin"})  # the roles of the office's own staff

SLOW_DOWN = (
    "Đồng chí gửi nhanh quá, bot tạm dừng trả lời các tin nhắn tiếp theo. "
    "Xin đồng chí chờ khoảng một phút rồi gửi lại."
)


class Verdict(Enum):
    """What becomes of one incoming message."""

    ANSWER = "answer"
    WARN = "warn"  # over the limit: the one notice
    DROP = "drop"  # over the limit, already told: no reply


class Tier(Enum):
    """Which limit a chat has."""

    STRANGER = "stranger"
    MEMBER = "member"
    OFFICE = "office"


def tier_of(role: str | None) -> Tier:
    """The tier of a chat whose member has this role (None: not a member)."""
    if role is None:
        return Tier.STRANGER
    return Tier.OFFICE if role in OFFICE_ROLES else Tier.MEMBER


@dataclass
class _Chat:
    times: deque[float] = field(default_factory=deque)  # admitted messages in the window
    warned: bool = False
    tier: Tier | None = None
    tier_until: float = 0.0


class FloodGate:
    """Counts each chat's messages in a sliding minute and says which to answer."""

    def __init__(
        self, per_minute: int, stranger_per_minute: int, office_per_minute: int | None = None
    ) -> None:
        self.per_minute = per_minute
        self.stranger_per_minute = min(stranger_per_minute, per_minute)
        # Never below the members' limit: the office is never throttled sooner than they are.
        self.office_per_minute = max(office_per_minute or per_minute, per_minute)
        self._chats: dict[str, _Chat] = {}

    def needs_tier(self, chat: str, now: float) -> bool:
        """Whether admit() needs to know who the chat is (it passed the strangers' limit
        and its tier is not remembered)."""
        state = self._chats.get(chat)
        if state is None:
            return False
        _expire(state, now)
        known = state.tier is not None and now < state.tier_until
        return len(state.times) >= self.stranger_per_minute and not known

    def admit(self, chat: str, now: float, tier: Tier | None = None) -> Verdict:
        """Count one message at `now` (seconds) and say what to do with it."""
        state = self._chats.get(chat)
        if state is None:
            if len(self._chats) >= FORGET_ABOVE:
                self._forget(now)
            state = self._chats[chat] = _Chat()
        _expire(state, now)
        if tier is not None:
            state.tier, state.tier_until = tier, now + WINDOW
        if len(state.times) < self._limit(state, now):
            state.times.append(now)
            state.warned = False
            return Verdict.ANSWER
        if state.warned:
            return Verdict.DROP
        state.warned = True
        return Verdict.WARN

    def _limit(self, state: _Chat, now: float) -> int:
        tier = state.tier if now < state.tier_until else None
        # Unknown counts as a stranger: needs_tier() asks before the difference matters.
        if tier is Tier.OFFICE:
            return self.office_per_minute
        return self.per_minute if tier is Tier.MEMBER else self.stranger_per_minute

    def _forget(self, now: float) -> None:
        quiet = [c for c, s in self._chats.items() if not s.times or s.times[-1] <= now - WINDOW]
        for chat in quiet:
            del self._chats[chat]


def _expire(state: _Chat, now: float) -> None:
    while state.times and state.times[0] <= now - WINDOW:
        state.times.popleft()
