"""Deadline rules that look at the whole document: each term once, vague cycles named."""

from __future__ import annotations

from knowledge.parse.directive import parse_text

_PLAN = """ĐẢNG BỘ TỈNH BÌNH MINH
ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO
*
Số 21-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Bình Minh, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
công tác kiểm tra, giám sát năm 2026
I. NHIỆM VỤ
1. Các chi bộ định kỳ báo cáo Ủy ban Kiểm tra tình hình thu, nộp đảng phí.
2. Các chi bộ báo cáo định kỳ 6 tháng, hằng năm về Ủy ban Kiểm tra Đảng ủy.
3. {again} {again}
""".format(again="Các chi bộ gửi báo cáo năm về Văn phòng trước ngày 10/12/2026.")


def test_a_vague_cycle_gives_way_to_the_named_one_and_a_repeat_is_dropped() -> None:
    deadlines = parse_text(_PLAN).deadlines
    # "định kỳ 6 tháng, hằng năm" is one report twice a year, as the real labels read it.
    assert sorted(d.recurrence or d.kind for d in deadlines) == ["day", "half-yearly"]


def test_two_terms_of_one_sentence_are_both_kept() -> None:
    text = _PLAN.split("I. NHIỆM VỤ")[0] + (
        "I. NHIỆM VỤ\n1. Khi xảy ra vụ việc phức tạp, các chi bộ báo cáo ngay bằng điện thoại "
        "cho Thường trực Đảng ủy; báo cáo bằng văn bản trong vòng 24 giờ kể từ khi xảy ra.\n"
    )
    phrases = [d.phrase for d in parse_text(text).deadlines]
    assert phrases == ["báo cáo ngay", "trong vòng 24 giờ kể từ khi xảy ra"]


def test_a_programme_of_a_year_dates_its_reports_in_that_year() -> None:
    text = (
        "ĐẢNG ỦY XÃ AN PHÚ\n*\nSố 03-CTr/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "An Phú, ngày 28 tháng 12 năm 2026\nCHƯƠNG TRÌNH\ncông tác kiểm tra năm 2027\n"
        "I. CHẾ ĐỘ BÁO CÁO\n1. Các chi bộ gửi báo cáo tháng trước ngày 20 hằng tháng; "
        "báo cáo 6 tháng (ngày 05/6) và báo cáo năm (ngày 05/11).\n"
    )
    found = parse_text(text).deadlines
    assert [d.recurrence for d in found] == ["monthly", None, None]
    assert [d.due.isoformat() for d in found if d.due] == ["2027-06-05", "2027-11-05"]
