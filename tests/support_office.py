"""The office in tests: its staff, branches joined by invite, a document with proposals."""

from __future__ import annotations

import json
import re
from datetime import date

from bot.app import App
from knowledge.model import Deadline as Found
from knowledge.model import Directive
from storage.models.documents import Document
from storage.repos.members import bind_chat
from tests.fakes.channel import FakeChannel
from tests.support import Person


def make_admin(app: App, channel: FakeChannel, chat_id: str = "1") -> Person:
    """Office staff, bound directly (the admin of a fresh install)."""
    bind_chat(app.db, channel.name, chat_id, "admin", None, "Văn phòng")
    return Person(app, channel, chat_id, "Văn phòng")


async def join(
    app: App, channel: FakeChannel, admin: Person, chat_id: str, code: str, role: str = ""
) -> Person:
    """A secretary (or deputy) joining the real way: an invite from /moi, then /start CODE."""
    (made,) = await admin.send(f"/moi {code} {role}".strip())
    match = re.search(r"/start ([A-Z0-9]+)", made)
    assert match, made
    person = Person(app, channel, chat_id, f"Bí thư {code}")
    (joined,) = await person.send(f"/start {match.group(1)}")
    assert joined.startswith("Chào mừng"), joined
    return person


async def add_branches(admin: Person, *branches: tuple[str, str]) -> None:
    """Register branches through /themchibo."""
    for code, name in branches:
        (reply,) = await admin.send(f"/themchibo {code} {name}")
        assert reply.startswith("Đã thêm"), reply


SIX_MONTHS = "Các chi bộ báo cáo sơ kết 6 tháng (trước ngày 10/5) và báo cáo năm (ngày 10/11)."
MONTHLY = "Định kỳ báo cáo kết quả thực hiện hằng tháng về Văn phòng Đảng ủy."


def store_document(app: App) -> int:
    """A document row as ingest leaves it, with three deadlines in its parsed JSON."""
    directive = Directive(
        number="89-KH/ĐU",
        title="Kế hoạch thực hiện công tác dân vận năm 2024",
        deadlines=[
            Found(SIX_MONTHS, "III.2", date(2024, 5, 10), label="Báo cáo sơ kết 6 tháng"),
            Found(SIX_MONTHS, "III.2", date(2024, 11, 10), label="Báo cáo năm"),
            Found(MONTHLY, "III.3", None, recurrence="monthly", label="Báo cáo hằng tháng"),
        ],
    )
    with app.db.session() as session:
        doc = Document(
            file="kh89.docx",
            content_hash="h89",
            number="89-KH/ĐU",
            title=directive.title,
            parsed=json.dumps(directive.to_dict(), ensure_ascii=False),
            ingested_at=app.ctx.clock.now(),
        )
        session.add(doc)
        session.flush()
        assert doc.id is not None
        return doc.id
