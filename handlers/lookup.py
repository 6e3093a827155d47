"""Looking documents up and answering questions about them: /tim, /hoi and free text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from core.messages import Reply
from handlers import answer_texts as texts
from handlers.context import Request, department_library
from handlers.deadlines import status_command
from knowledge.answer import intents
from knowledge.answer.ask import MAX_QUESTION, answer_question
from knowledge.answer.lookups import format_lookup, format_missing
from knowledge.answer.phrases import EMPTY_LIBRARY
from knowledge.search.library import Library
from knowledge.vi.doctypes import TYPE_NAME_PHRASES
from knowledge.vi.number_query import parse_query
from knowledge.vi.textnorm import fold, syllables

# Admins asking how the branches stand: "chi bộ nào chưa nộp?", "tình hình báo cáo nhanh?".
_STATUS = re.compile(r"\btinh hinh\b|\bchua nop\b|\bnop chua\b|\bqua han\b|\btre han\b")
# Words of a status question that do not name the report (folded, like the text).
_STATUS_WORDS = re.compile(
    r"\b(tinh hinh|(chi bo|dang bo|don vi|noi) nao|ai|nhung ai|chua nop|da nop chua|nop chua"
    r"|qua han|tre han|nop|cua|cac|the nao|ra sao|nhu the nao|sao|roi|chua|vay|a)\b|\?"
)
LOOKUP_MAX_WORDS = 8  # "kế hoạch dân vận chính quyền thủ đức 2023" is a title; more is a question
_QUESTION_MARKS = re.compile(
    r"\?|\b(gi|j|nao|ai|sao|bao gio|khi nao|the nao|phai|can|co .+ khong)\b"
)


async def find_command(req: Request) -> list[Reply]:
    """/tim <số hoặc từ khóa>: look a document up by number or title."""
    if not req.args:
        return [Reply(texts.TIM_USAGE)]
    return [Reply(_lookup(req, req.args, fall_back=False))]


async def ask_command(req: Request) -> list[Reply]:
    """/hoi <câu hỏi>: answer a question from the documents."""
    if not req.args:
        return [Reply(texts.HOI_USAGE)]
    return [Reply(_ask(req, req.args))]


def _is_text(req: Request) -> bool:
    """Whether a message has text to read (files belong to the upload route)."""
    return req.msg.attachment is None and not req.msg.callback_data and bool(req.text)


async def on_unreadable(req: Request) -> list[Reply] | None:
    """Text without a single word ("???", emoji): a hint of what can be asked."""
    if not _is_text(req) or syllables(req.text):
        return None
    return [Reply(texts.NOT_A_QUESTION)]


async def on_status_question(req: Request) -> list[Reply] | None:
    """An admin asking how the branches stand ("chi bộ nào chưa nộp?"): as /tinhhinh."""
    if not _is_text(req) or not _STATUS.search(" ".join(fold(req.text).split())):
        return None
    return await _status(req)


async def on_lookup(req: Request) -> list[Reply] | None:
    """A number or a short title ("kh 89", "kế hoạch thủ đức 2023") is looked up."""
    if not _is_text(req) or not is_lookup(req.text):
        return None
    return [Reply(_lookup(req, req.text, fall_back=True))]


async def on_question(req: Request) -> list[Reply] | None:
    """Any other text is a question about the documents."""
    if not _is_text(req):
        return None
    return [Reply(_ask(req, req.text))]


def is_lookup(text: str) -> bool:
    """Whether a message reads as a lookup ("kh 89", "kế hoạch thủ đức 2023"), not a question."""
    folded = " ".join(fold(text).split())
    words = syllables(text)
    if len(words) > LOOKUP_MAX_WORDS or _QUESTION_MARKS.search(folded):
        return False
    if intents.detect(text).kind != intents.GENERIC:
        return False
    if parse_query(text) is not None:
        return True
    # A short message opening with a type name is a title: "chương trình dân vận 2024".
    return any(folded.startswith(phrase) for phrase in TYPE_NAME_PHRASES)


def _library(req: Request) -> Library:
    return department_library(req.ctx)


def _today(req: Request) -> date:
    return req.ctx.clock.now().astimezone(req.ctx.tz).date()


async def _status(req: Request) -> list[Reply]:
    """Submission status, as /tinhhinh with the words that name the report."""
    text = " ".join(req.text.split())
    folded = fold(text)  # one character for one: spans found in it cut the original
    kept = [
        text[m.start() : m.end()] for m in re.finditer(r"\S+", _STATUS_WORDS.sub(_blank, folded))
    ]
    return await status_command(replace(req, args=" ".join(kept)))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _lookup(req: Request, query: str, fall_back: bool) -> str:
    """The lookup reply; with fall_back, a title lookup that finds nothing is a question."""
    library = _library(req)
    if library.is_empty:
        return _empty(req)
    result = library.lookup(query)
    if result.matches:
        return format_lookup(result, library)
    wanted = parse_query(query)
    if wanted is None:
        # No number: the words were not a title, so they may be a question.
        return _ask(req, query) if fall_back else format_lookup(result, library)
    # A number nobody has ("kh 99999"), or the number of another type ("kh 118").
    return format_missing(result, library, wanted.number)


def _ask(req: Request, question: str) -> str:
    library = _library(req)
    if library.is_empty:
        return _empty(req)
    answer = answer_question(library, question, today=_today(req))
    if len(question) > MAX_QUESTION:
        return f"{answer.text}\n\n{texts.TOO_LONG_NOTE.format(limit=MAX_QUESTION)}"
    return answer.text


def _empty(req: Request) -> str:
    return texts.EMPTY_LIBRARY_ADMIN if req.is_admin else EMPTY_LIBRARY
