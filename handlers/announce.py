"""/thongbao: the office announces a newly loaded document to all or some branches.

The admin sees the message and who will get it first; only «Gửi» sends it (once, even if
pressed twice). The message names the document and says how to ask the bot about it.
"""

from __future__ import annotations

import re

from core.messages import Button, ChatRef, Reply
from handlers import deadline_texts as T
from handlers.audit import note
from handlers.context import Context, Request
from handlers.doc_ref import describe, resolve_document
from handlers.ids import parse_id
from knowledge.vi.docnumbers import parse_number
from knowledge.vi.doctypes import type_name
from knowledge.vi.textnorm import fold
from storage.models.documents import Document
from storage.repos import deadlines as deadline_repo
from storage.repos import notices
from storage.repos.documents import get_document
from storage.repos.members import branch_chats
from storage.repos.org import list_branches

USAGE = (
    "Cách dùng: /thongbao SỐ_VĂN_BẢN [MÃ1,MÃ2], ví dụ /thongbao kh 89 để báo cho tất cả chi bộ, "
    "/thongbao kh 89 A1,B2 để chỉ báo cho hai chi bộ."
)
NOT_FOUND = "Không tìm thấy văn bản “{query}” trong thư viện. Văn bản cần được nạp trước."
MANY = "“{query}” khớp nhiều văn bản; đồng chí gõ lại /thongbao với số đầy đủ:\n{lines}"
PREVIEW = (
    "Sẽ gửi thông báo dưới đây tới {branches} ({chats} tài khoản){missing}:\n\n{message}\n\n"
    "Chọn “Gửi” để gửi, “Thôi” để hủy (hoặc gõ /thongbao gui {id}, /thongbao huy {id})."
)
ALL = "tất cả {count} chi bộ"
SOME = "{count} chi bộ: {codes}"
MISSING = "; chưa có tài khoản nhận tin: {codes}"
NOBODY = "Chưa có chi bộ nào có tài khoản nhận tin nên chưa gửi được thông báo."
SENT = "Đã gửi thông báo văn bản {doc} tới {branches} chi bộ ({chats} tài khoản)."
CANCELLED = "Đã hủy thông báo #{id}; không gửi gì."
SETTLED = "Thông báo #{id} đã được gửi hoặc đã hủy trước đó."
UNKNOWN = "Không có thông báo #{id}."
MESSAGE = (
    "Văn phòng Đảng ủy thông báo: đã có {kind} {number}{date} “{title}” trên bot.\n"
    "Đồng chí có thể hỏi bot về văn bản này, ví dụ gõ “{query}” để xem văn bản, "
    "hoặc hỏi “{question}”."
)
MESSAGE_DEADLINES = "\nHạn nộp theo văn bản này:"
MESSAGE_DEADLINE = "• {title} — hạn {due}"
SEND_BUTTON, CANCEL_BUTTON = "Gửi", "Thôi"
_TYPED = re.compile(r"^(gui|huy)\s+#?([0-9]{1,18})$")  # ids fit the database's integers


def _split_codes(ctx: Context, args: str) -> tuple[str, list[str] | None]:
    """The document words and the branch codes at the end, if every one is a known code."""
    known = {b.code for b in list_branches(ctx.db)}
    words = args.split()
    tail = [c for c in re.split(r"[,;\s]+", words[-1].upper()) if c] if len(words) > 1 else []
    head = words[:-1]
    if head and fold(head[-1]) in ("chibo", "chi bo"):
        head = head[:-1]
    if tail and all(c in known for c in tail):
        return " ".join(head), tail
    return args, None


def _names(doc: Document) -> tuple[str, str, str]:
    """(type name, what to type to look it up, a question to ask): "kế hoạch", "kh 89", …"""
    parsed = parse_number(doc.number or "")
    if parsed is None or not parsed.doc_type:
        return "văn bản", doc.number or doc.title, "văn bản này yêu cầu gì?"
    kind = type_name(parsed.doc_type, parsed.family)
    return (
        kind.lower(),
        f"{parsed.doc_type.lower()} {parsed.number}",
        f"{kind} {parsed.number} yêu cầu gì?",
    )


def message_text(ctx: Context, doc: Document) -> str:
    """What the branches read: the document, how to ask about it, its approved deadlines."""
    kind, query, question = _names(doc)
    text = MESSAGE.format(
        kind=kind,
        number=doc.number or "",
        date=f" ngày {doc.doc_date:%d/%m/%Y}" if doc.doc_date else "",
        title=doc.title,
        query=query,
        question=question,
    )
    approved = [d for d in deadline_repo.deadlines(ctx.db) if d.document_id == doc.id]
    lines = [
        MESSAGE_DEADLINE.format(title=d.title, due=T.day(d.due_at, ctx.tz))
        for d in approved
        if d.due_at
    ]
    return text + ("\n" + "\n".join([MESSAGE_DEADLINES, *lines]) if lines else "")


def _targets(ctx: Context, codes: list[str] | None) -> tuple[list[tuple[str, list[ChatRef]]], int]:
    """(branch code, its chats) for the chosen active branches; and how many branches in all."""
    branches = [b for b in list_branches(ctx.db) if b.active and (codes is None or b.code in codes)]
    return [(b.code, branch_chats(ctx.db, b.id)) for b in branches], len(branches)


async def announce_command(req: Request) -> list[Reply]:
    """/thongbao SỐ_VĂN_BẢN [MÃ,…]: preview an announcement; /thongbao gui|huy SỐ settles it."""
    args = req.args.strip()
    typed = _TYPED.match(" ".join(fold(args).split()))
    if typed:
        return _settle(req, int(typed.group(2)), typed.group(1) == "gui")
    if not args:
        return [Reply(USAGE)]
    query, codes = _split_codes(req.ctx, args)
    found = resolve_document(req.ctx, query)
    if found.document_id is None:
        if found.candidates:
            lines = "\n".join(f"• {describe(m)}" for m in found.candidates)
            return [Reply(MANY.format(query=query, lines=lines))]
        return [Reply(NOT_FOUND.format(query=query))]
    doc = get_document(req.ctx.db, found.document_id)
    assert doc is not None and doc.id is not None
    targets, count = _targets(req.ctx, codes)
    chats = sum(len(c) for _, c in targets)
    if chats == 0:
        return [Reply(NOBODY)]
    member = req.caller.member_id if req.caller else None
    row = notices.draft(req.ctx.db, doc.id, codes, member, req.ctx.clock.now())
    branches = (
        ALL.format(count=count)
        if codes is None
        else SOME.format(count=count, codes=", ".join(codes))
    )
    missing = [code for code, c in targets if not c]
    text = PREVIEW.format(
        branches=branches, chats=chats, message=message_text(req.ctx, doc), id=row.id,
        missing=MISSING.format(codes=", ".join(missing)) if missing else "",
    )  # fmt: skip
    buttons = ((Button(SEND_BUTTON, f"tb:ok:{row.id}"), Button(CANCEL_BUTTON, f"tb:x:{row.id}")),)
    return [Reply(text, buttons=buttons, ref=f"announcement:{row.id}")]


def _settle(req: Request, announcement_id: int, send: bool) -> list[Reply]:
    """Send a drafted announcement to its branches' chats, or cancel it."""
    ctx = req.ctx
    row = notices.get(ctx.db, announcement_id)
    doc = get_document(ctx.db, row.document_id) if row and row.document_id else None
    if row is None or (row.document_id and doc is None):  # another department's draft
        return [Reply(UNKNOWN.format(id=announcement_id))]
    if not send:
        done = notices.settle(ctx.db, announcement_id, "cancelled", ctx.clock.now())
        return [
            Reply(
                CANCELLED.format(id=announcement_id) if done else SETTLED.format(id=announcement_id)
            )
        ]
    codes = row.branch_codes.split(",") if row.branch_codes else None
    targets, _ = _targets(ctx, codes)
    chats = [chat for _, c in targets for chat in c]
    if doc is None or not notices.settle(
        ctx.db, announcement_id, "sent", ctx.clock.now(), len(chats)
    ):
        return [Reply(SETTLED.format(id=announcement_id))]
    text = message_text(ctx, doc)
    recipients = {"branches": [code for code, c in targets if c], "chats": len(chats)}
    note(req, "announced", f"document:{doc.number or doc.title}", after=recipients)
    sent = [Reply(text, to=chat, kind="announcement") for chat in chats if chat != req.msg.chat]
    reached = len([1 for _, c in targets if c])
    summary = SENT.format(doc=doc.number or doc.title, branches=reached, chats=len(chats))
    return [Reply(summary), *sent]


async def on_button(req: Request) -> list[Reply]:
    """tb:ok:ID sends, tb:x:ID cancels a drafted announcement."""
    parts = (req.msg.callback_data or "").split(":")
    found = parse_id(parts[2]) if len(parts) == 3 else None
    if found is None:
        return [Reply(USAGE)]
    return _settle(req, found, parts[1] == "ok")
