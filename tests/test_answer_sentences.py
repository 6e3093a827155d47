"""Which sentence answers, and from which document: appendix tables, sibling sections, a
list of who before ";", the document that states what is asked, the title a question
names. Each rule on invented directives (none copied from a real document): a secretary
asks, the bot answers with the line that says it.
"""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.answer import ask as asking
from knowledge.answer import choose, extract, intents, wants
from knowledge.answer.choose import ranked_documents
from knowledge.answer.extract import split_sentences
from knowledge.answer.targets import named_documents
from knowledge.answer.weights import Wanted
from knowledge.parse.directive import parse_text
from knowledge.search.library import Library
from knowledge.search.passages import TAIL, passages_of
from tests.support_answers import answer_and_files, library_of

TODAY = date(2026, 3, 1)


def _text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


DATA_RULES = _text(
    "TỈNH ỦY HÀ TĨNH",
    "Số: 51-QĐ/TU",
    "Hà Tĩnh, ngày 10 tháng 02 năm 2026",
    "QUY ĐỊNH",
    "Về chia sẻ dữ liệu giữa các cơ quan đảng của tỉnh",
    "Điều 1. Giải thích từ ngữ",
    "1. Chủ quản dữ liệu là cơ quan, tổ chức xây dựng, quản lý, vận hành dữ liệu.",
    "Điều 2. Trách nhiệm",
    (
        "1. Văn phòng Tỉnh ủy chủ trì, phối hợp với các cơ quan chủ quản dữ liệu để tổ chức "
        "chia sẻ dữ liệu giữa các cơ quan đảng với các cơ quan, tổ chức khác; là cơ quan "
        "điều phối việc chia sẻ dữ liệu."
    ),
    "2. Các cơ quan chủ quản dữ liệu có trách nhiệm phân loại dữ liệu theo độ mật.",
    "Điều 3. Danh sách dữ liệu",
    "Danh sách dữ liệu và cơ quan chủ quản dữ liệu theo Phụ lục kèm theo Quy định này.",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Nguyễn Văn Hòa",
    "PHỤ LỤC",
    "DANH SÁCH DỮ LIỆU, CƠ QUAN CHỦ QUẢN DỮ LIỆU",
    "STT | Nhóm dữ liệu | Dữ liệu | Cơ quan chủ quản dữ liệu",
    "1 | Dữ liệu về tổ chức xây dựng Đảng | Dữ liệu đảng viên | Ban Tổ chức Tỉnh ủy",
    "2 | Dữ liệu về kiểm tra, giám sát | Dữ liệu kỷ luật đảng | Ủy ban Kiểm tra Tỉnh ủy",
)

PROPAGANDISTS = _text(
    "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY QUẢNG TRỊ",
    "Số: 12-HD/BTGDVTU",
    "Quảng Trị, ngày 05 tháng 01 năm 2026",
    "HƯỚNG DẪN",
    "Kiện toàn đội ngũ tuyên truyền viên các cấp",
    "I. SỐ LƯỢNG TUYÊN TRUYỀN VIÊN",
    "1. Tuyên truyền viên Tỉnh ủy",
    "- Mỗi sở, ngành của tỉnh chọn cử tối đa 03 người (riêng Sở Giáo dục và Đào tạo: 05 người).",
    (
        "- Mỗi đảng ủy trực thuộc Tỉnh ủy chọn cử tối đa 04 người (riêng Đảng ủy Quân sự tỉnh, "
        "Đảng ủy Công an tỉnh: mỗi đơn vị tối đa 06 người)."
    ),
    "2. Tuyên truyền viên cấp xã",
    "- Mỗi đảng ủy trực thuộc Tỉnh ủy: chọn cử tối đa 20 người.",
    "II. TỔ CHỨC THỰC HIỆN",
    (
        "1. Lập danh sách đề nghị Ban Thường vụ Tỉnh ủy công nhận đội ngũ tuyên truyền viên "
        "cấp tỉnh và hướng dẫn cấp xã tổ chức thực hiện."
    ),
    (
        "2. Ban Xây dựng Đảng đảng ủy xã; Văn phòng đảng ủy phường lập danh sách đề nghị Ban "
        "Thường vụ đảng ủy công nhận đội ngũ tuyên truyền viên cấp xã."
    ),
    "Nơi nhận:",
    "- Như trên;",
    "K/T TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "Lê Thị Mai",
)

COMMUNES_GUIDE = _text(
    "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY QUẢNG TRỊ",
    "Số: 14-HD/BTGDVTU",
    "Quảng Trị, ngày 20 tháng 01 năm 2026",
    "HƯỚNG DẪN",
    "Phân bổ cộng tác viên dư luận xã hội",
    "I. NGUYÊN TẮC",
    "1. Cộng tác viên dư luận xã hội do cấp ủy cùng cấp quản lý.",
    "II. PHÂN BỔ",
    (
        "1. Số lượng cộng tác viên mỗi xã, phường, đặc khu tính theo bảng dưới đây (số lượng "
        "xã, phường, đặc khu tính từ ngày 01/7/2025)."
    ),
    (
        "TT | Đơn vị | Số lượng xã, phường, đặc khu trước 01/7/2025 | Số lượng xã, phường, "
        "đặc khu hiện nay | Cộng tác viên mỗi xã, phường, đặc khu"
    ),
    "1 | Khu vực phía Bắc | 60 | 30 | 3",
    "2 | Khu vực phía Nam | 52 | 24 | 3",
    "Nơi nhận:",
    "- Như trên;",
    "TRƯỞNG BAN",
    "Hồ Văn Thành",
)

RUMOUR_LETTER = _text(
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
    "Số: 310/UBND-NC",
    "Quảng Trị, ngày 03 tháng 02 năm 2026",
    "V/v thông tin về sắp xếp đơn vị hành chính",
    "Kính gửi: Các sở, ban, ngành; UBND các xã, phường, đặc khu.",
    (
        "Thời gian gần đây có thông tin sai lệch về việc tiếp tục sắp xếp đơn vị hành chính. "
        "Ủy ban nhân dân tỉnh thông tin như sau:"
    ),
    (
        "1. Việc sắp xếp đơn vị hành chính năm 2025 đã hoàn thành theo đúng lộ trình của "
        "Trung ương, tạo không gian phát triển mới cho tỉnh và bảo đảm quyền lợi của người "
        "dân trong quá trình chuyển tiếp. Các thủ tục hành chính được giải quyết liên tục, "
        "không gián đoạn, kể cả ở những nơi thay đổi trụ sở làm việc. Với sự vào cuộc của "
        "cả hệ thống chính trị, từ ngày 01/7/2025, tỉnh có 78 xã, phường, đặc khu và chính "
        "quyền địa phương hai cấp đã vận hành ổn định ở tất cả các địa phương."
    ),
    "2. Các cơ quan báo chí của tỉnh định hướng thông tin đúng về chủ trương này.",
    "Nơi nhận:",
    "- Như trên;",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Trần Quốc Bảo",
)

SECRETS_PURPOSE = _text(
    "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
    "Số: 77/KH-UBND",
    "Hà Giang, ngày 08 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "Triển khai công tác bảo vệ bí mật nhà nước năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    (
        "1. Chủ động khắc phục tồn tại trong công tác bảo vệ bí mật nhà nước; không để xảy "
        "ra các vụ lộ, mất bí mật nhà nước ảnh hưởng đến an ninh quốc gia."
    ),
    "2. Nâng cao nhận thức của cán bộ về bảo vệ bí mật nhà nước, không để xảy ra vi phạm.",
    "II. NHIỆM VỤ",
    "1. Rà soát danh mục bí mật nhà nước của các sở, ngành; không để xảy ra lộ, mất tài liệu.",
    "Nơi nhận:",
    "- Như trên;",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Vũ Minh Đức",
)

SECRETS_PLAN = _text(
    "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
    "Số: 91/KH-UBND",
    "Lai Châu, ngày 15 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "Thực hiện công tác bảo vệ bí mật nhà nước trên địa bàn tỉnh năm 2026",
    "I. NHIỆM VỤ",
    "1. Tổ chức tập huấn nghiệp vụ bảo vệ bí mật nhà nước cho cán bộ.",
    "2. Kiểm tra việc sao, chụp, lưu giữ tài liệu mật tại các sở, ngành.",
    "II. TỔ CHỨC THỰC HIỆN",
    (
        "Lưu ý: Đối với các vụ lộ, mất bí mật nhà nước xảy ra, các cơ quan phải báo cáo ngay "
        "về Ủy ban nhân dân tỉnh (qua Công an tỉnh) để kịp thời xử lý."
    ),
    "Nơi nhận:",
    "- Như trên;",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Lò Văn Sinh",
)

POPULATION_PLAN = _text(
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ",
    "Số: 140/KH-UBND",
    "Huế, ngày 02 tháng 12 năm 2025",
    "KẾ HOẠCH",
    "Tăng cường công tác dân số trong tình hình mới",
    "I. NHIỆM VỤ",
    "1. Sở Y tế",
    "a) Chủ trì triển khai các chương trình dân số và phát triển trên địa bàn thành phố.",
    "b) Theo dõi, đôn đốc thực hiện Kế hoạch; định kỳ tổng hợp, báo cáo Ủy ban nhân dân thành phố.",
    "2. Sở Tài chính",
    "a) Bố trí kinh phí thực hiện công tác dân số theo phân cấp ngân sách.",
    "Nơi nhận:",
    "- Như trên;",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Phan Thiên Định",
)

PAYMENTS_PLAN = _text(
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ",
    "Số: 152/KH-UBND",
    "Huế, ngày 09 tháng 12 năm 2025",
    "KẾ HOẠCH",
    "Phát động phong trào thi đua chi trả trợ cấp xã hội không dùng tiền mặt",
    "I. NỘI DUNG",
    (
        "1. Các xã, phường vận động người hưởng trợ cấp mở tài khoản thanh toán, ưu tiên "
        "những nơi đông dân số."
    ),
    "II. TỔ CHỨC THỰC HIỆN",
    (
        "Trong quá trình thực hiện Kế hoạch nếu có vướng mắc, các cơ quan, đơn vị báo cáo về "
        "Sở Y tế; Sở Y tế tổng hợp, báo cáo Ủy ban nhân dân thành phố xem xét, quyết định."
    ),
    "Nơi nhận:",
    "- Như trên;",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Phan Thiên Định",
)

SCHOOLS_LETTER = _text(
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH NAM ĐỊNH",
    "Số: 2301/SGDĐT-GDTrH",
    "Nam Định, ngày 10 tháng 10 năm 2025",
    "V/v thực hiện nhiệm vụ năm học 2025 - 2026 đối với các trường trung học",
    "Kính gửi: Hiệu trưởng các trường trung học phổ thông.",
    (
        "Sở Giáo dục và Đào tạo đề nghị các trường trực thuộc Sở nghiêm túc thực hiện một "
        "số nhiệm vụ năm học 2025 - 2026 với các nội dung chủ yếu như sau:"
    ),
    "1. Đổi mới phương pháp dạy học, kiểm tra đánh giá theo định hướng phát triển năng lực.",
    (
        "2. Các trường chủ động phối hợp với các phòng chuyên môn của Sở để tháo gỡ khó khăn; "
        "báo cáo kết quả thực hiện nhiệm vụ năm học gửi về Sở Giáo dục và Đào tạo, số 12 "
        "đường Trần Phú, thành phố Nam Định trước ngày 31/5/2026."
    ),
    "Nơi nhận:",
    "- Như trên;",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Đặng Văn Long",
)

FILES = {
    "qd51_tu_dulieu.txt": DATA_RULES,
    "hd12_tuyentruyenvien.txt": PROPAGANDISTS,
    "hd14_congtacvien.txt": COMMUNES_GUIDE,
    "cv310_sapxep.txt": RUMOUR_LETTER,
    "kh77_hagiang_bmnn.txt": SECRETS_PURPOSE,
    "kh91_laichau_bmnn.txt": SECRETS_PLAN,
    "kh140_hue_danso.txt": POPULATION_PLAN,
    "kh152_hue_chitra.txt": PAYMENTS_PLAN,
    "cv2301_namdinh_namhoc.txt": SCHOOLS_LETTER,
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The invented directives above, parsed as an ingest does."""
    return library_of(FILES)


def ask(library: Library, question: str) -> tuple[str, list[str]]:
    """The answer up to its other candidates, and its sources' files in order."""
    return answer_and_files(library, question, TODAY)


def test_an_appendix_row_answers_through_its_header(library: Library) -> None:
    """Bí thư hỏi cơ quan nào là chủ quản dữ liệu đảng viên: the row of the appendix says
    it, although every article of the rules speaks of "cơ quan chủ quản dữ liệu"."""
    text, files = ask(library, "Cơ quan nào là chủ quản dữ liệu đảng viên?")
    assert files[0] == "qd51_tu_dulieu.txt"
    assert "Ban Tổ chức Tỉnh ủy" in text
    text, _ = ask(library, "cơ quan nào chủ quản dữ liệu kỷ luật đảng")
    assert "Ủy ban Kiểm tra Tỉnh ủy" in text


def test_the_heading_of_a_list_picks_its_item(library: Library) -> None:
    """The same line under two headings: the heading the question names decides."""
    text, _ = ask(
        library,
        "hd 12 mỗi đảng ủy trực thuộc tỉnh ủy chọn cử tối đa bao nhiêu tuyên truyền viên cấp xã",
    )
    assert "tối đa 20 người" in text and "04 người" not in text
    text, _ = ask(
        library,
        "hd 12 moi dang uy truc thuoc tinh uy cu toi da bao nhieu tuyen truyen vien tinh uy",
    )
    assert "tối đa 04 người" in text


def test_who_a_duty_falls_to_is_quoted_with_the_list_before_the_semicolon(
    library: Library,
) -> None:
    """ "Ai lập danh sách … cấp xã?": the item naming cấp xã as printed, with who does it."""
    text, _ = ask(library, "tuyên truyền viên cấp xã thì ai lập danh sách đề nghị công nhận")
    assert "Ban Xây dựng Đảng đảng ủy xã" in text
    pieces = split_sentences("2. Ban Tổ chức; Văn phòng đảng ủy lập danh sách. Gửi Ban Thường vụ.")
    assert pieces[0] == "2. Ban Tổ chức; Văn phòng đảng ủy lập danh sách."


def test_the_document_stating_the_amount_answers(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table header repeating "xã, phường, đặc khu" ranks first; the letter stating how
    many there are answers."""
    text, files = ask(library, "từ 1/7/2025 tỉnh có bao nhiêu xã, phường, đặc khu")
    assert files[0] == "cv310_sapxep.txt" and "78 xã, phường, đặc khu" in text
    monkeypatch.setattr(wants, "STATING_DOCS", 1)  # without the rules: the guide's table
    monkeypatch.setattr(asking, "AMOUNT_DOCS", 1)
    _, files = ask(library, "từ 1/7/2025 tỉnh có bao nhiêu xã, phường, đặc khu")
    assert files[0] == "hd14_congtacvien.txt"


def test_what_to_do_when_something_happens_comes_from_the_sentence_saying_it(
    library: Library,
) -> None:
    """ "Nếu xảy ra lộ, mất bí mật thì báo cáo thế nào?": the plan saying to report, not the
    one that only aims not to let it happen."""
    text, files = ask(library, "nếu xảy ra lộ mất bí mật nhà nước thì báo cáo thế nào")
    assert files[0] == "kh91_laichau_bmnn.txt"
    assert "báo cáo ngay về Ủy ban nhân dân tỉnh" in text
    # "… thì sao?" asks no action: any sentence of the topic may answer.
    assert wants.want_of(intents.detect("nếu quá hạn mà chưa báo cáo biên chế thì sao")) is None


def test_where_a_report_goes_is_the_sentence_with_the_address(library: Library) -> None:
    text, _ = ask(library, "báo cáo nhiệm vụ năm học các trường thuộc sở gửi về địa chỉ nào")
    assert "số 12 đường Trần Phú" in text


def test_the_title_a_question_names_picks_the_plan(library: Library) -> None:
    """Both plans of Huế speak of Sở Y tế reporting to the city; the one the question names
    by its subject ("kế hoạch dân số") answers."""
    text, files = ask(library, "so y te co phai bao cao ubnd thanh pho ve ke hoach dan so ko")
    assert files[0] == "kh140_hue_danso.txt"
    assert "định kỳ tổng hợp, báo cáo Ủy ban nhân dân thành phố" in text


def test_linking_words_say_little_and_three_words_in_a_row_say_more(
    library: Library,
) -> None:
    wanted = Wanted(library, "co quan la chu quan du lieu dang vien")
    assert wanted.words["la"] < wanted.words["chu"] / 2
    assert wanted.score("dữ liệu đảng viên") > wanted.score("dữ liệu của đảng, viên chức")


def test_a_title_named_after_the_type_lifts_its_document(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Kế hoạch dân số" names the plan whose title holds "dân số"; "báo cáo" (a verb as
    often as a type) names nothing."""
    question = "so y te co phai bao cao ubnd thanh pho ve ke hoach dan so ko"

    def lead() -> float:
        intent = intents.detect(question)
        ranked = {
            r.doc.file: r.score
            for r in ranked_documents(library, intent, named_documents(library, question))
        }
        return ranked["kh140_hue_danso.txt"] / ranked["kh152_hue_chitra.txt"]

    lifted = lead()
    monkeypatch.setattr(choose, "TITLE_BOOST", 1.0)
    assert lifted == pytest.approx(1.3 * lead())


def test_a_heading_adds_only_the_words_its_line_lacks(library: Library) -> None:
    """Under "Tuyên truyền viên Tỉnh ủy", a line saying "Tỉnh ủy" gains nothing from the
    heading saying it again; under "Tuyên truyền viên cấp xã", the heading adds "cấp xã"."""
    wanted = Wanted(library, "dang uy truc thuoc tinh uy cu tuyen truyen vien cap xa")
    line = "Mỗi đảng ủy trực thuộc Tỉnh ủy chọn cử tối đa 04 người."
    alone = wanted.score(line)
    assert wanted.score_within(line, "Tuyên truyền viên Tỉnh ủy", 0.4) == pytest.approx(
        alone + 0.4 * (wanted.score(f"{line} Tuyên truyền viên") - alone)
    )
    assert wanted.score_within(line, "Tuyên truyền viên cấp xã", 0.4) > wanted.score_within(
        line, "Tuyên truyền viên Tỉnh ủy", 0.4
    )


def test_the_duties_of_a_unit_are_the_items_under_its_heading(library: Library) -> None:
    """ "Nhiệm vụ của Sở Tài chính là gì?": the items under "2. Sở Tài chính", not a line
    of another unit that mentions it."""
    text, files = ask(library, "nhiệm vụ của Sở Tài chính trong kế hoạch dân số là gì")
    assert files[0] == "kh140_hue_danso.txt"
    assert "Bố trí kinh phí thực hiện công tác dân số" in text
    assert "Chủ trì triển khai các chương trình dân số" not in text


def test_a_departments_view_ranks_its_documents_as_the_whole_library_does(
    library: Library,
) -> None:
    """An office sees its own few documents: their passages alone are scored, with the
    same lift for a title that fits, so it is answered as the whole library would be."""
    view = library.within([d.id for d in library.docs])
    question = "kế hoạch bảo vệ bí mật nhà nước lai châu tập huấn nghiệp vụ"
    whole = [(d.file, round(s, 3)) for d, s in library.rank_docs(question)]
    assert [(d.file, round(s, 3)) for d, s in view.rank_docs(question)] == whole


def test_only_a_heading_named_by_its_own_words_lifts_its_lines(library: Library) -> None:
    """ "Sở Y tế" names the lines under it; "thực hiện" names "Tổ chức thực hiện" only by
    the words every plan's sections share, which says nothing of the lines meant."""
    doc = next(d for d in library.docs if d.file == "kh140_hue_danso.txt")
    rows = doc.passages
    line = next(i for i, p in enumerate(rows) if p.text.startswith("b) Theo dõi, đôn đốc"))
    assert extract._in_named(rows, line, Wanted(library, "sở y tế báo cáo ủy ban thành phố"))
    secrets = next(d for d in library.docs if d.file == "kh91_laichau_bmnn.txt").passages
    note = next(i for i, p in enumerate(secrets) if p.text.startswith("Lưu ý"))
    assert not extract._in_named(secrets, note, Wanted(library, "tổ chức thực hiện báo cáo"))


COMMUNE_RESOLUTION = _text(
    "ĐẢNG BỘ TỈNH HÀ NAM",
    "ĐẢNG ỦY XÃ THANH SƠN",
    "Số 08-NQ/ĐU",
    "Thanh Sơn, ngày 10 tháng 3 năm 2027",
    "NGHỊ QUYẾT",
    "về công tác khuyến học trên địa bàn xã giai đoạn 2027 - 2030",
    "I. MỤC TIÊU",
    "Mỗi năm có ít nhất 95% gia đình đạt danh hiệu gia đình học tập.",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Ủy ban nhân dân xã",
    "Cụ thể hóa Nghị quyết bằng kế hoạch hằng năm, bố trí kinh phí cho Quỹ khuyến học.",
    "2. Văn phòng Đảng ủy",
    "Giúp Ban Thường vụ theo dõi, tổng hợp tình hình thực hiện Nghị quyết.",
    "Nơi nhận:",
    "- Ban Thường vụ Huyện ủy (để b/c),",
    "- UBND, UBMTTQ xã và các đoàn thể,",
    "- Lưu Văn phòng Đảng ủy.",
    "T/M ĐẢNG ỦY",
    "BÍ THƯ",
    "Lê Văn Bình",
    "PHỤ LỤC",
    "Số liệu khuyến học của xã năm 2026",
    "Chỉ tiêu | Số lượng",
    "Gia đình học tập | 1.250",
)


def test_the_recipients_before_an_annex_are_no_lines_of_the_last_section() -> None:
    library = library_of({"nq08_dangu_xa.txt": COMMUNE_RESOLUTION})
    text, _ = answer_and_files(
        library, "ubnd xa duoc dang uy giao nhung gi trong nghi quyet 8", TODAY
    )
    assert "bố trí kinh phí cho Quỹ khuyến học" in text
    assert "UBMTTQ xã và các đoàn thể" not in text
    rows = passages_of(parse_text(COMMUNE_RESOLUTION))
    copy = next(row for row in rows if row.text.startswith("- UBND, UBMTTQ"))
    assert copy.part == TAIL and copy.path == ""
