"""What a question asks for is read from the whole question, not from one keyword."""

from __future__ import annotations

import pytest

from knowledge.answer import intents, wording


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # "ngày nào" is an issue date only beside "ban hành/ký" or a bare document reference.
        ("kế hoạch 415 ngày nào?", intents.ISSUED),
        ("kế hoạch hội thi giáo viên giỏi bắc ninh ban hành ngày nào", intents.ISSUED),
        ("công văn 245 ký ngày bao nhiêu", intents.ISSUED),
        ("khai giảng năm học mới ngày nào?", intents.DEADLINE),
        ("vòng 2 hội thi từ ngày nào đến ngày nào", intents.DEADLINE),
        ("thu tuong lam viec voi tinh ngay nao", intents.DEADLINE),
        # Deadlines in the words offices and members use.
        ("báo cáo tổng kết gửi trước ngày nào?", intents.DEADLINE),
        ("khi nào phải nộp danh sách giáo viên dự thi", intents.DEADLINE),
        ("thời gian hoàn thành thể lệ hội thi", intents.DEADLINE),
        ("bao giờ phải xong việc kiểm kê", intents.DEADLINE),
        ("phong trào kéo dài đến khi nào", intents.DEADLINE),
        ("rà soát quy hoạch làm vào quý mấy", intents.DEADLINE),
        ("nếu quá hạn mà chưa báo cáo thì sao", intents.GENERIC),  # "quá hạn" asks no date
        ("hồ sơ gia hạn giấy phép gồm những gì", intents.GENERIC),  # "gia hạn" neither
        # Entry into force and durations are their own facts.
        ("quyết định 2210 có hiệu lực từ ngày nào", intents.EFFECTIVE),
        ("quy che co hieu luc tu khi nao", intents.EFFECTIVE),
        ("thư viện phải mở cửa bao lâu mỗi tuần", intents.DURATION),
        ("ủy ban kiểm tra báo cáo bao lâu một lần", intents.DURATION),
        ("khiếu nại điểm trong thời hạn bao lâu", intents.DURATION),
        ("đợt 1 kéo dài bao nhiêu ngày làm việc", intents.DURATION),
        # The signer, typed as people type.
        ("ai kys kế hoạch hội thi", intents.SIGNER),
        ("kế hoạch 88 do ai ký", intents.SIGNER),
        ("người ký công văn 245 là ai", intents.SIGNER),
        # What a document implements, and which documents implement one.
        ("kế hoạch 415 thực hiện quyết định nào của bộ giáo dục", intents.BASIS),
        ("công văn 245 triển khai công văn số mấy của tỉnh ủy", intents.BASIS),
        ("hướng dẫn 45 hướng dẫn quy định số mấy", intents.BASIS),
        ("kế hoạch căn cứ nghị quyết nào", intents.BASIS),
        ("văn bản nào thực hiện 1502-CV/TU?", intents.IMPLEMENTING),
        # Units, recipients, requirements.
        ("Ban Tuyên giáo Huyện ủy phải làm gì?", intents.UNIT),
        ("sở gd được giao việc gì trong kế hoạch hội thi", intents.UNIT),
        # "ngày kỷ niệm" folds like "ngày ký": a topic, not the signing day.
        ("dang uy bo duoc giao gi trong hd tuyen truyen cac ngay ky niem", intents.UNIT),
        ("hướng dẫn tuyên truyền các ngày kỷ niệm ký ngày nào", intents.ISSUED),
        ("Ban Tổ chức được đề nghị làm gì", intents.UNIT),
        ("công văn 245 gửi những đơn vị nào", intents.RECIPIENTS),
        ("Kế hoạch 415 yêu cầu gì?", intents.REQUIRES),
        ("công văn yêu cầu báo cáo theo những phụ lục nào", intents.GENERIC),  # "lục nào"
    ],
)
def test_the_kind_comes_from_the_whole_question(question: str, kind: str) -> None:
    assert intents.detect(question).kind == kind


def test_typed_slips_are_read_as_meant() -> None:
    assert wording.read("co hieu luc tu khi naoo") == "co hieu luc tu khi nao"
    assert wording.read("bao caoo ket qua") == "bao cao ket qua"
    assert wording.read("tựu trường") == "tuu truong"  # "uu" ends real syllables
    assert wording.read("so gd dc giao gi") == "so gd duoc giao gi"


def test_a_year_is_a_year_only_on_its_own() -> None:
    assert intents.detect("hạn nộp báo cáo năm 2025?").year == 2025
    assert intents.detect("năm học 2024-2025 kết thúc trước ngày nào").year is None
    assert intents.detect("biên chế giai đoạn 2026 - 2031 gửi trước ngày nào").year is None


def test_the_topic_keeps_the_subject_and_drops_the_cues() -> None:
    signer = intents.detect("ai ký kế hoạch hội thi giáo viên dạy giỏi Lạng Sơn?")
    assert signer.topic == "ke hoach hoi thi giao vien day gioi lang son"
    basis = intents.detect("công văn về vướng mắc cấp xã thực hiện kết luận nào")
    assert basis.topic == "cong van ve vuong mac cap xa"
    assert intents.detect("hà nội có những kế hoạch gì").topic.startswith("ha noi")


def test_the_duties_of_a_unit_named_after_cua_ask_its_tasks() -> None:
    """ "Nhiệm vụ của Sở Y tế (trong kế hoạch dân số) là gì": the unit's items; "nhiệm vụ
    của kế hoạch" names a document, not someone."""
    intent = intents.detect("nhiệm vụ của Sở Y tế trong kế hoạch dân số là gì")
    assert (intent.kind, intent.unit, intent.topic) == (intents.UNIT, "so y te", "ke hoach dan so")
    assert intents.detect("trách nhiệm của Ủy ban Mặt trận xã là gì").unit == "uy ban mat tran xa"
    assert intents.detect("nhiệm vụ của kế hoạch là gì").kind != intents.UNIT


def test_the_unit_is_named_without_the_document_or_the_verb() -> None:
    assert intents.detect("KL 212 giao đảng ủy Chính phủ nhiệm vụ gì").unit == "dang uy chinh phu"
    assert intents.detect("so gddt can tho lam gi").unit == "so giao duc va dao tao can tho"


def test_abbreviations_are_spelled_out_only_when_documents_do_not_use_them() -> None:
    unknown = wording.expand("so gddt bao cao", lambda w: False)
    assert unknown == "so gddt bao cao giao duc va dao tao"
    assert wording.expand("so gddt bao cao", lambda w: True) == "so gddt bao cao"


@pytest.mark.parametrize(
    ("typed", "spelled"),
    [("cdcs", "cong doan co so"), ("gvcn", "giao vien chu nhiem"), ("ubkt", "uy ban kiem tra")],
)
def test_chat_shorthand_of_units_is_spelled_out(typed: str, spelled: str) -> None:
    """ "báo cáo của cđcs nộp trước ngày nào": the unit the secretary means is searched."""
    assert wording.expand(f"bao cao cua {typed} nop", lambda w: False).endswith(spelled)


def test_document_references_are_dropped_from_what_is_asked() -> None:
    assert wording.without_refs("hd 40-hd/btgdvtw thay the huong dan") == "thay the huong dan"
    assert wording.without_refs("kh 308 nhiem vu an toan") == "nhiem vu an toan"
    assert wording.without_refs("nam hoc 2024-2025") == "nam hoc 2024-2025"


def test_two_swapped_letters_are_mended_when_one_reading_is_known() -> None:
    known = {"vien", "ngay", "san", "cong"}.__contains__
    assert wording.mend("bao cao vein cap tinh", known) == "bao cao vien cap tinh"
    assert wording.mend("han chot ngya nao", known) == "han chot ngay nao"
    assert wording.mend("kiem ke tai sna cong", known) == "kiem ke tai san cong"
    # Words that may be Vietnamese, abbreviations and numbers stay as typed.
    assert wording.mend("chay kh 37-nq/tw", known) == "chay kh 37-nq/tw"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # Telex keys a phone without Vietnamese input leaves in the word.
        ("muc tieu tieu hocj", "muc tieu tieu hoc"),
        ("hanj nop ngayf nao", "han nop ngay nao"),
        ("ddang vieen moi", "dang vien moi"),
        ("dduowc giao", "duoc giao"),
        # A question word one letter short or long.
        ("so bao nhiu", "so bao nhieu"),
        ("co hop khoong", "co hop khong"),
        # Known words, numbers and abbreviations stay as typed.
        ("han nop kh 37-nq/tw", "han nop kh 37-nq/tw"),
        ("nhu cau hoc tap", "nhu cau hoc tap"),
    ],
)
def test_keys_left_by_a_keyboard_and_question_word_slips_are_mended(typed: str, meant: str) -> None:
    words = "muc tieu hoc han nop ngay nao dang vien moi duoc giao so bao nhieu co hop"
    known = {*words.split(" "), "khong", "nhu", "cau", "tap"}
    assert wording.mend(typed, known.__contains__) == meant


def test_a_word_no_document_uses_may_still_be_vietnamese() -> None:
    assert all(wording.may_be_syllable(w) for w in ("chay", "nghieng", "khuyen", "truong"))
    assert not any(wording.may_be_syllable(w) for w in ("sna", "vein", "khog", "iso", "tphcm"))


def test_what_a_unit_is_given_by_devolution_asks_its_tasks() -> None:
    intent = intents.detect("sở gd cao bằng được phân cấp quyết định những việc gì")
    assert intent.kind == intents.UNIT
    assert intents.detect("chậm nhất trước khi nào phải xong").due
