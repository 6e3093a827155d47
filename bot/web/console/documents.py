"""Documents: upload (the chat's own upload handler and limits), the library, one document's
sections, deadlines and references both ways, and the bot's lookup and answers as a search box.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response

from bot.web.console.auth import Console
from bot.web.console.pages import page
from core.messages import Attachment
from handlers import deadline_texts as T
from handlers.context import department_library
from handlers.lookup import on_lookup, on_question
from handlers.upload import on_file
from knowledge.search.library import Library
from knowledge.search.library_doc import LibraryDoc
from storage.repos import deadlines as repo
from storage.repos.documents import get_document, sections_of

SHOWN = 300  # library rows on one page: the newest first
STATUS_VI = {"proposed": "chờ duyệt", "approved": "đã duyệt", "discarded": "bỏ qua"}
RELATION_VI = {"implements": "triển khai", "based_on": "căn cứ", "mentions": "nhắc đến"}
GONE = "Văn bản này không có trong thư viện (có thể đã được thay bằng bản mới)."
NO_FILE = "Đồng chí chưa chọn tệp để tải lên."


async def library_page(console: Console, request: Request) -> Response:
    """The library (number, type, issuer, date), the upload form and the search box."""
    query = request.query_params.get("q", "").strip()[:500]
    answer = ""
    if query:
        req = console.acting(request, args=query)
        replies = await on_lookup(req) or await on_question(req) or []
        answer = "\n\n".join(r.text for r in replies)
    return _library(console, request, query=query, answer=answer)


def _library(console: Console, request: Request, **values: Any) -> Response:
    library = department_library(console.context(request))
    docs = sorted(library.docs, key=lambda d: d.id, reverse=True)
    return page(request, "documents.html", docs=docs[:SHOWN], total=len(docs), **values)


async def upload(console: Console, request: Request) -> Response:
    """An uploaded file, handed to the chat's upload handler as an attachment."""
    form: FormData = request.state.form
    sent = form.get("tep")
    if not isinstance(sent, UploadFile) or not sent.filename:
        return _library(console, request, results=[NO_FILE])

    async def fetch() -> bytes:
        return await sent.read()

    attachment = Attachment(sent.filename, sent.size, fetch, sent.content_type)
    replies = await on_file(console.acting(request, attachment=attachment)) or []
    return _library(console, request, results=[r.text for r in replies], uploaded=True)


def _references(library: Library, doc: LibraryDoc) -> list[dict[str, object]]:
    """What the document cites, each linked to the library's copy where there is one."""
    own = {d.number_key: d for d in library.docs if d.number_key}
    return [
        {"number": r.number, "relation": RELATION_VI.get(r.relation, r.relation),
         "title": r.title, "doc": own.get(r.key)}
        for r in doc.references
    ]  # fmt: skip


async def document_page(console: Console, request: Request) -> Response:
    """One document: its facts, sections, deadlines, what it cites and what cites it."""
    ctx = console.context(request)
    doc_id = int(request.path_params["doc_id"])
    library = department_library(ctx)
    doc, row = library.doc(doc_id), await asyncio.to_thread(get_document, ctx.db, doc_id)
    if doc is None or row is None:
        return page(request, "message.html", 404, title="Không có văn bản này", text=GONE)
    key = doc.number_key or ""
    implementing = library.implementing(key) if key else []
    citing = [d for d in (library.citing(key) if key else []) if d not in implementing]
    deadlines = [d for d in repo.deadlines(ctx.db, ("proposed", "approved", "discarded"))
                 if d.document_id == doc_id]  # fmt: skip
    return page(
        request, "document.html", doc=doc, row=row, sections=sections_of(ctx.db, doc_id),
        deadlines=[(d, STATUS_VI.get(d.status, d.status),
                    T.when(d.due_at, ctx.tz) if d.due_at else T.NO_DATE) for d in deadlines],
        references=_references(library, doc), implementing=implementing, citing=citing,
    )  # fmt: skip
