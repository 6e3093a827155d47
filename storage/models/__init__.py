"""SQLModel tables. Datetimes are timezone-aware and come back in UTC (sqlmodel UTCDateTime)."""

from storage.models.documents import Citation, Document, SearchTerm, Section
from storage.models.messages import DailyRun, Reminder, SentMessage
from storage.models.org import Assignment, Branch, Deadline, Invite, Member, MemberChat

__all__ = [
    "Assignment",
    "Branch",
    "Citation",
    "DailyRun",
    "Deadline",
    "Document",
    "Invite",
    "Member",
    "MemberChat",
    "Reminder",
    "SearchTerm",
    "SentMessage",
    "Section",
]
