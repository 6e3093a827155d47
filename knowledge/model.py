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


@dataclass
class Deadline:
    """A deadline found in the text; due is None when the text gives no day."""

    text: str
    section: str
    due: date | None = None
    recurrence: str | None = None  # None | monthly | quarterly | half-yearly | yearly
    unit: str | None = None
    label: str = ""
    period: str | None = None  # e.g. "2024-Q2", "2022" when only a period is given


@dataclass
class Signer:
    """Who signed the document."""

    name: str = ""
    title: str = ""


@dataclass
class Directive:
    """Everything the parser found in one document."""

    number: str | None = None
    number_key: str | None = None
    doc_type: str = ""
    doc_type_name: str = ""
    issuer: str = ""
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
            "date": _iso(self.date),
            "title": self.title,
            "sections": [{"path": s.path, "heading": s.heading} for s in self.sections],
            "references": [
                {"number": r.number, "date": _iso(r.date), "relation": r.relation}
                for r in self.references
            ],
            "tasks": [{"unit": t.unit, "section": t.section, "text": t.text} for t in self.tasks],
            "deadlines": [
                {
                    "text": d.text,
                    "section": d.section,
                    "due": _iso(d.due),
                    "recurrence": d.recurrence,
                    "unit": d.unit,
                }
                for d in self.deadlines
            ],
            "recipients": list(self.recipients),
            "signer": {"name": self.signer.name, "title": self.signer.title},
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
            date=_date(data.get("date")),
            year=data.get("year"),
            title=data.get("title", ""),
            sections=[Section(**s) for s in data.get("sections", [])],
            references=[Reference.from_dict(r) for r in data.get("references", [])],
            tasks=[Task(**t) for t in data.get("tasks", [])],
            deadlines=[
                Deadline(**{**d, "due": _date(d.get("due"))}) for d in data.get("deadlines", [])
            ],
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
