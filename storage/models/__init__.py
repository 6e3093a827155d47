"""SQLModel tables. Datetimes are timezone-aware and come back in UTC (sqlmodel UTCDateTime)."""

from storage.models.documents import Citation, Document, Section
from storage.models.messages import Reminder, SentMessage
from storage.models.org import Assignment, Branch, Deadline, Invite, Member, MemberChat

__all__ = [
    "Assignment",
    "Branch",
    "Citation",
    "Deadline",
    "Document",
    "Invite",
    "Member",
    "MemberChat",
    "Reminder",
    "SentMessage",
    "Section",
]
