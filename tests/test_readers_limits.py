"""Hostile files are refused by their limits before a reader spends memory or time on them."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest

from knowledge.model import Deadline
from knowledge.parse.limits import MB, Limits, cap_deadlines, capped_warning
from knowledge.parse.readers import ReadError, read_bytes
from tests.support_hostile import (
    build_docx,
    declare_size,
    docx_bomb,
    docx_with_parts,
    docx_with_photos,
    long_text,
)
from tests.support_readers import make_pdf

LIMITS = Limits()


def refusal(data: bytes, name: str, limits: Limits = LIMITS) -> str:
    """The ReadError message, which always starts with the file's name."""
    with pytest.raises(ReadError) as info:
        read_bytes(data, name, limits=limits)
    assert str(info.value).startswith(f"{name}: ")
    return info.value.message


def test_a_docx_bomb_is_refused_from_its_directory() -> None:
    bomb = docx_bomb(30)  # about 100 KB on the wire
    assert len(bomb) < 200 * 1024
    message = refusal(bomb, "ke-hoach.docx")
    assert message.startswith("phần word/document.xml của tệp .docx nén với tỉ lệ 1:")
    assert "vượt giới hạn 1:100 (DOCX_MAX_RATIO); có thể là tệp độc hại (“bom nén”)." in message


def test_a_docx_too_big_unpacked_is_refused_even_at_a_modest_ratio() -> None:
    limits = replace(LIMITS, docx_unpacked_bytes=2 * MB)
    message = refusal(docx_with_photos(2 * MB), "anh.docx", limits)
    assert re.fullmatch(
        r"tệp \.docx khi giải nén lớn 2,\d MB, vượt giới hạn 2,0 MB \(DOCX_MAX_UNPACKED_MB\); "
        r"hãy giảm dung lượng ảnh trong tệp hoặc tách thành nhiều tệp\.",
        message,
    )


def test_a_docx_with_too_many_parts_is_refused() -> None:
    message = refusal(docx_with_parts(1200), "nhieu-phan.docx")
    assert message.startswith("tệp .docx chứa 1.2")
    assert "vượt giới hạn 1.000 phần (DOCX_MAX_ENTRIES)" in message


def test_an_ordinary_docx_with_photos_passes() -> None:
    result = read_bytes(docx_with_photos(2 * MB), "anh-hoat-dong.docx", limits=LIMITS)
    assert result.format == "docx"


def test_small_parts_may_compress_well() -> None:
    # A tiny, very repetitive part is harmless: the ratio only binds parts of 1 MB and more.
    data = build_docx(body_bytes=200 * 1024)
    with zipfile.ZipFile(BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
    assert info.file_size / info.compress_size > 100
    assert "Các chi bộ báo cáo" in read_bytes(data, "lap-lai.docx", limits=LIMITS).text


def test_a_lying_directory_fails_its_check() -> None:
    # A part that inflates beyond what the directory declares is cut at the declared size
    # by zipfile and fails its CRC check: the file is "damaged", never read in full.
    data = build_docx(body_bytes=300 * 1024)
    lying = declare_size(data, "word/document.xml", 30 * 1024)
    assert refusal(lying, "sai-kich-thuoc.docx").startswith("tệp .docx bị hỏng")


def test_a_txt_with_too_many_lines_is_refused_before_decoding() -> None:
    message = refusal(long_text(50_000), "dai.txt")
    assert message == (
        "văn bản dài 50.005 dòng, vượt giới hạn 20.000 dòng (MAX_TEXT_LINES); "
        "hãy tách thành nhiều tệp."
    )


def test_a_txt_too_big_is_refused() -> None:
    limits = replace(LIMITS, txt_bytes=1 * MB)
    message = refusal(long_text(12_000), "lon.txt", limits)
    assert message.startswith("tệp .txt dung lượng 1,")
    assert message.endswith("vượt giới hạn 1,0 MB (TXT_MAX_MB).")


def test_the_line_limit_binds_every_format() -> None:
    lines = [f"Dòng {i}: các chi bộ báo cáo." for i in range(30)]
    limits = replace(LIMITS, text_lines=10)
    assert refusal(make_pdf(lines), "dai.pdf", limits).startswith("văn bản dài ")


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    limits = replace(LIMITS, pdf_pages=0)
    message = refusal(make_pdf(["Các chi bộ báo cáo trước ngày 10/5/2024."]), "so.pdf", limits)
    assert message == (
        "tệp PDF có 1 trang, vượt giới hạn 0 trang (PDF_MAX_PAGES); hãy tách thành nhiều tệp."
    )


def found(text: str, due: date | None = None, label: str = "") -> Deadline:
    """A deadline as the parser returns it."""
    return Deadline(text=text, section="II", due=due, label=label)


def test_identical_deadlines_merge_and_the_rest_are_capped() -> None:
    same = found("Các chi bộ nộp báo cáo quý trước ngày 15/7/2024.", date(2024, 7, 15))
    shared = "Báo cáo sơ kết (trước ngày 10/5) và báo cáo năm (trước ngày 10/11)."
    deadlines = [
        same,
        *[replace(same) for _ in range(4)],
        found(shared, date(2024, 5, 10), "Báo cáo sơ kết"),
        found(shared, date(2024, 11, 10), "Báo cáo năm"),
        found("Các đảng bộ cơ sở gửi danh sách trước ngày 30/9/2024.", date(2024, 9, 30)),
    ]
    kept, count = cap_deadlines(deadlines, 100)
    assert count == 4 and kept == [same, deadlines[5], deadlines[6], deadlines[7]]
    kept, count = cap_deadlines(deadlines, 2)
    assert count == 4 and kept == [same, deadlines[5]]
    assert capped_warning(4, 2).startswith("Văn bản có 4 hạn khác nhau; chỉ giữ 2 hạn đầu tiên")
