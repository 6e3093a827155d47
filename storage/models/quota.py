"""A chat platform's monthly message budget (Zalo's free plan: 3,000 messages a month)."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class MessageQuota(SQLModel, table=True):
    """Messages one bot sent in one local calendar month, shared by every process.

    `used` grows by one compare-and-set UPDATE per message before it is sent, so two
    processes never both take the last one. The warned_* columns hold the limit in force
    when the admins were warned (an UPDATE claims each warning once, again after the
    limit is raised); `full_at` is the limit in force when the platform itself said the
    quota was exceeded.
    """

    __tablename__ = "message_quota"

    bot: str = Field(primary_key=True)  # "zalo:<bot id from getMe>"
    month: str = Field(primary_key=True)  # local calendar month, ISO: 2024-05
    used: int = 0
    refused: int = 0  # messages that could not go out because the quota was used up
    full_at: int | None = None
    warned_80: int | None = None
    warned_100: int | None = None
