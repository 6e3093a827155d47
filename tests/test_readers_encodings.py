"""Reading text in every encoding the directives arrive in: UTF-8/16, cp1258, TCVN3, VNI."""

from __future__ import annotations

import io

import pytest
from docx import Document as WordDocument
from hypothesis import assume, given
from hypothesis import strategies as st

from knowledge.parse.readers import ReadError, read_bytes
from knowledge.vi import legacy_fonts
from tests.support_readers import SENTENCE, read_error, to_cp1258


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (to_cp1258(SENTENCE), "cp1258"),
    ],
)
def test_txt_encodings_give_the_same_nfc_text(data: bytes, encoding: str) -> None:
    result = read_bytes(data, "ke-hoach.txt")
    assert result.text == SENTENCE
    assert result.format == "txt"
    assert result.encoding == encoding


def test_long_cp1258_text_is_not_taken_for_a_legacy_font() -> None:
    text = (
        "Đảng ủy Sở Giáo dục và Đào tạo hướng dẫn các chi bộ triển khai nhiều nhiệm vụ "
        "trọng tâm, giúp đỡ cũng như kiểm tra việc thực hiện nghị quyết. "
    ) * 3
    result = read_bytes(to_cp1258(text), "dai.txt")
    assert (result.encoding, result.text) == ("cp1258", text.strip())


def test_cp1258_combining_tones_are_composed() -> None:
    # cp1258 writes "ệ" as ê + combining dot below: the reader must return one code point.
    data = to_cp1258("Việt Nam")
    assert len(data) > len("Việt Nam")
    result = read_bytes(data, "a.txt")
    assert result.text == "Việt Nam"
    assert len(result.text) == len("Việt Nam")


def test_tcvn3_text_file_is_converted() -> None:
    sentence = "ủy ban nhân dân thành phố đề nghị các chi bộ báo cáo kết quả nhiều việc cũng tốt"
    data = legacy_fonts.unicode_to_tcvn3(sentence).encode("latin-1")
    result = read_bytes(data, "cu.txt")
    assert result.text == sentence
    assert result.encoding == "tcvn3"
    assert "TCVN3" in result.warnings[0]


def test_tcvn3_example_from_the_issue() -> None:
    assert read_bytes("Uû ban nh©n d©n".encode(), "a.txt").text == "Ủy ban nhân dân"


def test_vni_text_is_converted() -> None:
    data = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode("latin-1")
    assert read_bytes(data, "vni.txt").text == "Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_legacy_letters_that_convert_to_no_words_are_rejected() -> None:
    doc = WordDocument()
    doc.add_paragraph("ÐÐÐ ßßß ××× þþþ ÷÷÷ æææ çççç")
    out = io.BytesIO()
    doc.save(out)
    message = read_error(out.getvalue(), "la.docx")
    assert "phông chữ cũ (TCVN3/VNI) nhưng không nhận ra chắc chắn bảng mã" in message


def test_mixed_legacy_and_unicode_is_rejected() -> None:
    text = SENTENCE + " " + legacy_fonts.unicode_to_tcvn3(SENTENCE.lower())
    with pytest.raises(ReadError, match="lẫn chữ phông cũ"):
        read_bytes(text.encode(), "lan.txt")


@given(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíị ", max_size=80)
)
def test_tcvn3_round_trip_of_lower_case_text(text: str) -> None:
    assert legacy_fonts.tcvn3_to_unicode(legacy_fonts.unicode_to_tcvn3(text)) == text


PHRASE = (
    "đảng ủy sở giáo dục đào tạo hướng dẫn chi bộ triển khai nhiều nhiệm vụ trọng tâm giúp "
    "đỡ cũng như kiểm tra việc thực hiện nghị quyết báo cáo kết quả năm tháng quý trường"
)
WORDS = PHRASE.split()


@given(st.lists(st.sampled_from(WORDS), min_size=6, max_size=40))
def test_cp1258_sentences_read_back_exactly(words: list[str]) -> None:
    text = " ".join(words)
    assert read_bytes(to_cp1258(text), "a.txt").text == text


@given(st.lists(st.sampled_from(WORDS), min_size=8, max_size=40))
def test_tcvn3_sentences_are_detected_and_converted(words: list[str]) -> None:
    # Detection weighs how many real syllables each decoding yields; a "sentence" of two
    # words repeated ("dục dục … quý quý") is as plausible in cp1258, so ask for real variety.
    assume(len(set(words)) >= 6)
    text = " ".join(words)
    result = read_bytes(legacy_fonts.unicode_to_tcvn3(text).encode("latin-1"), "a.txt")
    assert (result.encoding, result.text) == ("tcvn3", text)


def test_unicode_text_is_not_mistaken_for_legacy() -> None:
    text = "Quân đội hoà bình «kh 89» khoá học toàn quốc, quê hương © 2024"
    assert legacy_fonts.detect(text).kind == "unicode"


def test_docx_typed_in_a_tcvn3_font_is_converted() -> None:
    doc = WordDocument()
    doc.add_paragraph(legacy_fonts.unicode_to_tcvn3("ủy ban nhân dân thành phố hồ chí minh"))
    out = io.BytesIO()
    doc.save(out)
    result = read_bytes(out.getvalue(), "vntime.docx")
    assert result.text == "ủy ban nhân dân thành phố hồ chí minh"
    assert result.encoding == "tcvn3"
