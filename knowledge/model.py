"""The parsed directive: the contract between the parser, storage and the search index."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class DocNumber:
    """A document number (số và ký hiệu) parsed into its parts."""

    raw: str
    number: str
    doc_type: str
    issuer: str
    year: int | None = None
    family: str = "party"  # party | state | legal

    def display(self) -> str:
        """The number as printed in its family's canonical form, e.g. 34-HD/ĐU."""
        if self.family == "party":
            return f"{self.number}-{self.doc_type}/{self.issuer}"
        if self.family == "legal":
            # Laws and National Assembly resolutions carry no type: "57/2022/QH15".
            kind = f"{self.doc_type}-" if self.doc_type else ""
            return f"{self.number}/{self.year}/{kind}{self.issuer}"
        if not self.doc_type:
            return f"{self.number}/{self.issuer}"
        return f"{self.number}/{self.doc_type}-{self.issuer}"


@dataclass
class Section:
    """A section of the document with its path as printed ("I", "II.1", "3")."""

    path: str
    heading: str
    text: str = ""
    level: int = 1
    unit: str | None = None
    printed: str = ""  # the marker as printed when the path differs ("II" for path "III")


@dataclass
class Reference:
    """A document cited by this one."""

    number: str
    key: str
    doc_type: str | None = None
    issuer: str | None = None
    date: date | None = None
    relation: str = "mentions"  # implements | based_on | mentions
    title: str = ""
    section: str = ""

    def to_dict(self) -> dict[str, Any]:
        """As Directive.to_dict stores it (written out: asdict is slow for 300,000 of them)."""
        return {**vars(self), "date": _iso(self.date)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Reference:
        """The inverse of to_dict."""
        return cls(**{**data, "date": _date(data.get("date"))})


@dataclass
class Task:
    """A task assigned to a unit in a section."""

    unit: str
    section: str
    text: str


KINDS = ("day", "month", "quarter", "year", "recurring", "unspecified")


@dataclass
class Deadline:
    """A deadline found in the text; due is a real day, never invented.

    kind says what the text gives: a day, a month, quarter or year (period_start and
    period_end bound it, due stays None), a recurring duty (recurrence, with day/month
    when the text names them), or an unspecified one (relative or open: "chậm nhất 03 ngày
    kể từ ...", phrase keeps the words).
    """

    text: str
    section: str
    due: date | None = None
    recurrence: str | None = None  # None | monthly | quarterly | half-yearly | yearly
    unit: str | None = None
    label: str = ""
    period: str | None = None  # "2024-05", "2024-Q2", "2024": the period a deadline names
    kind: str = ""  # one of KINDS; "" in data stored before kinds existed (see value_kind)
    period_start: date | None = None
    period_end: date | None = None
    day: int | None = None  # day of the month of a recurring duty ("ngày 20 hằng tháng")
    month: int | None = None  # month of a yearly duty ("ngày 15 tháng 12 hằng năm")
    phrase: str = ""  # the deadline words as printed ("trước ngày 15/11/2025")

    def value_kind(self) -> str:
        """The kind, worked out from the other fields for data stored without one."""
        if self.kind:
            return self.kind
        if self.recurrence:
            return "recurring"
        if self.due is not None:
            return "day"
        period = self.period or ""
        if "-Q" in period:
            return "quarter"
        return "month" if len(period) == 7 else "unspecified"

    def due_code(self) -> str:
        """`due` as `danvan parse --json` writes it: 2025-12-05, 2025-12, 2026-Q1, recurring..."""
        kind = self.value_kind()
        if kind == "day" and self.due is not None:
            return self.due.isoformat()
        if kind in ("month", "quarter") and self.period:
            return self.period
        if kind == "year" and self.period_end is not None:
            return self.period_end.isoformat()[:7]  # "trong năm 2025" reads as its last month
        return "recurring" if kind == "recurring" else "unspecified"

    def to_json(self) -> dict[str, Any]:
        """The deadline in `danvan parse --json`."""
        return {
            "text": self.text,
            "section": self.section,
            "due": self.due_code(),
            "recurrence": self.recurrence,
            "unit": self.unit,
            "kind": self.value_kind(),
            "date": _iso(self.due),
            "period": self.period,
            "period_start": _iso(self.period_start),
            "period_end": _iso(self.period_end),
            "day": self.day,
            "month": self.month,
            "phrase": self.phrase,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Deadline:
        """As Directive.to_dict stores it."""
        dates = {k: _date(data.get(k)) for k in ("due", "period_start", "period_end")}
        return cls(**{**data, **dates})


@dataclass
class Signer:
    """Who signed the document."""

    name: str = ""
    title: str = ""  # the title line right above the name ("PHÓ CHỦ TỊCH")
    authority: str = ""  # the lines above it ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")


@dataclass
class Directive:
    """Everything the parser found in one document."""

    number: str | None = None
    number_key: str | None = None
    doc_type: str = ""
    doc_type_name: str = ""
    issuer: str = ""  # the issuing body as its header prints it, else the number's code
    issuer_code: str = ""  # the issuer code of the number ("UBND", "BTCTW")
    date: date | None = None
    year: int | None = None
    title: str = ""
    sections: list[Section] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        """The `danvan parse --json` shape (DESIGN.md), dates as ISO strings."""
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "issuer_code": self.issuer_code,
            "date": _iso(self.date),
            "title": self.title,
            "sections": [{"path": s.path, "heading": s.heading} for s in self.sections],
            "references": [
                {"number": r.number, "date": _iso(r.date), "relation": r.relation}
                for r in self.references
            ],
            "tasks": [{"unit": t.unit, "section": t.section, "text": t.text} for t in self.tasks],
            "deadlines": [d.to_json() for d in self.deadlines],
            "recipients": list(self.recipients),
            "signer": {
                "name": self.signer.name,
                "title": self.signer.title,
                "authority": self.signer.authority,
            },
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, for storage; the inverse of from_dict."""
        data = asdict(self)
        return _dates_to_iso(data)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Directive:
        """Rebuild a directive stored with to_dict."""
        return cls(
            number=data.get("number"),
            number_key=data.get("number_key"),
            doc_type=data.get("doc_type", ""),
            doc_type_name=data.get("doc_type_name", ""),
            issuer=data.get("issuer", ""),
            issuer_code=data.get("issuer_code", ""),
            date=_date(data.get("date")),
            year=data.get("year"),
            title=data.get("title", ""),
            sections=[Section(**s) for s in data.get("sections", [])],
            references=[Reference.from_dict(r) for r in data.get("references", [])],
            tasks=[Task(**t) for t in data.get("tasks", [])],
            deadlines=[Deadline.from_dict(d) for d in data.get("deadlines", [])],
            recipients=list(data.get("recipients", [])),
            signer=Signer(**data.get("signer", {})),
            text=data.get("text", ""),
        )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dates_to_iso(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _dates_to_iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_to_iso(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
