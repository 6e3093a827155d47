"""Cycles, relative terms, scheduled events, several terms, and what is no term at all.

Invented sentences of Đảng ủy, chi bộ, UBND, Sở GD&ĐT, schools, MTTQ, Công đoàn and Đoàn
TN; the expected terms follow the real corpus labels (support_deadline_codes). A cycle the
model has no name for ("hằng tuần") is recurring with its cycle not named.
"""

from __future__ import annotations

import pytest

from tests.support_deadline_codes import codes, nfd

CYCLES = [
    (
        "Các chi bộ báo cáo tình hình tư tưởng đảng viên hằng tháng về Đảng ủy.",
        ["recurring/monthly"],
    ),
    (
        "Các tổ công đoàn gửi báo cáo hàng tháng về Ban Chấp hành Công đoàn cơ sở.",
        ["recurring/monthly"],
    ),
    (
        "Định kỳ hằng quý, Ủy ban Kiểm tra báo cáo Ban Thường vụ kết quả giám sát.",
        ["recurring/quarterly"],
    ),
    (
        "Các chi bộ gửi báo cáo về Văn phòng Đảng ủy trước ngày 25 hằng tháng.",
        ["recurring/monthly"],
    ),
    ("Chi bộ sinh hoạt thường kỳ vào ngày 05 hằng tháng.", ["recurring/monthly"]),
    ("Báo cáo quý gửi về Ban Tổ chức trước ngày 20 tháng cuối quý.", ["recurring/quarterly"]),
    # "6 tháng, năm": one report twice a year, as the real labels read it.
    (
        "Các đơn vị thực hiện báo cáo định kỳ 6 tháng, năm về Ủy ban nhân dân xã.",
        ["recurring/half-yearly"],
    ),
    ("Các chi bộ gửi báo cáo tháng trước ngày 22.", ["recurring/monthly"]),
    (
        "Báo cáo tháng gửi về Văn phòng trước ngày 20; báo cáo quý trước ngày 20 tháng cuối quý.",
        ["recurring/monthly", "recurring/quarterly"],
    ),
    ("Các tổ trưởng chuyên môn báo cáo tiến độ hằng tuần vào thứ Sáu.", ["recurring/None"]),
    ("Ban Thanh tra nhân dân báo cáo kết quả hoạt động định kỳ 02 lần/năm.", ["recurring/yearly"]),
    (
        "Công đoàn cơ sở nộp kinh phí công đoàn về Công đoàn ngành hằng quý.",
        ["recurring/quarterly"],
    ),
    ("Các trường nộp báo cáo năm trước ngày 15/12 hằng năm.", ["recurring/yearly"]),
    (
        "Định kỳ hằng năm, các chi bộ báo cáo kết quả thực hiện về Đảng ủy trước ngày 10 tháng 12.",
        ["recurring/yearly"],
    ),
    (
        "Ủy ban MTTQ xã tổng hợp kiến nghị cử tri gửi Thường trực HĐND mỗi quý một lần.",
        ["recurring/quarterly"],
    ),
    ("Chi đoàn báo cáo số lượng đoàn viên mỗi tháng 01 lần.", ["recurring/monthly"]),
    ("dinh ky hang thang, cac chi bo bao cao tinh hinh ve Dang uy", ["recurring/monthly"]),
    ("Các chi bộ gửi báo cáo trước ngày 20 hàng tháng qua hộp thư điện tử.", ["recurring/monthly"]),
    (nfd("Các đơn vị gửi báo cáo định kỳ hằng quý về Văn phòng."), ["recurring/quarterly"]),
    ("Các chi bộ báo cáo định kỳ về Văn phòng Đảng ủy theo quy định.", ["recurring/None"]),
    ("Các chi bộ gửi báo cáo trước ngày 05 của tháng đầu quý sau.", ["recurring/quarterly"]),
    ("Hằng tháng, chi bộ gửi báo cáo về Đảng ủy trước ngày 20.", ["recurring/monthly"]),
    ("Các đơn vị báo cáo định kỳ hằng tháng (trước ngày 20) về Văn phòng.", ["recurring/monthly"]),
    ("Ban Thanh tra nhân dân báo cáo định kỳ 03 tháng/lần.", ["recurring/quarterly"]),
    ("Ban Kiểm tra báo cáo kết quả giám sát mỗi năm 02 lần.", ["recurring/yearly"]),
    ("Chi bộ gửi báo cáo chuyên đề 02 lần trong năm.", ["recurring/yearly"]),
    ("Định kỳ 02 lần/năm, Ban Thanh tra nhân dân họp đánh giá hoạt động.", ["recurring/yearly"]),
    ("Ban Kiểm tra giám sát 01 lần mỗi quý.", ["recurring/quarterly"]),
    ("Các chi bộ tổ chức sinh hoạt chuyên đề ít nhất 01 lần/quý.", ["recurring/quarterly"]),
    ("Chi đoàn nộp đoàn phí về Đoàn trường trước ngày 10 hàng tháng.", ["recurring/monthly"]),
    (
        "Các trường nộp báo cáo trước ngày 15/6 và 15/12 hằng năm.",
        ["recurring/yearly", "recurring/yearly"],
    ),
    # A quota before its cycle; a week of the quarter; a plan made or followed each period.
    (
        "Mỗi chi đoàn kết nạp ít nhất 02 đoàn viên mỗi quý và báo cáo Đoàn trường vào tuần "
        "cuối quý.",
        ["recurring/quarterly", "recurring/quarterly"],
    ),
    ("Ban Chấp hành Công đoàn họp giao ban vào tuần cuối quý.", ["recurring/quarterly"]),
    ("Văn phòng xây dựng kế hoạch công tác hằng tháng của Ban Thường vụ.", ["recurring/monthly"]),
    (
        "Ban Thanh tra nhân dân giám sát theo kế hoạch kiểm tra hằng năm của Ủy ban.",
        ["recurring/yearly"],
    ),
    ("Các chi bộ báo cáo Đảng ủy định kỳ 6 tháng, hằng năm.", ["recurring/half-yearly"]),
    # A school term's cycle has no name in the model: recurring, its cycle not named.
    ("Chi đoàn báo cáo kết quả rèn luyện đoàn viên mỗi học kỳ.", ["recurring/None"]),
    ("Các trường báo cáo số học sinh bỏ học về Phòng Giáo dục theo học kỳ.", ["recurring/None"]),
    (
        "Báo cáo quý gửi vào ngày 25 tháng cuối quý (riêng quý IV gửi cùng báo cáo năm).",
        ["recurring/quarterly"],
    ),
    # A member's dues; a clause opened by "Định kỳ" whatever its verb.
    ("Đảng viên đóng đảng phí hằng tháng cho chi bộ.", ["recurring/monthly"]),
    ("Đoàn viên đóng đoàn phí hằng quý cho chi đoàn.", ["recurring/quarterly"]),
    ("Hội viên đóng hội phí mỗi năm cho chi hội.", ["recurring/yearly"]),
    ("dang vien dong dang phi hang thang cho chi bo", ["recurring/monthly"]),
    (
        "- Định kỳ hằng quý thông báo danh sách học sinh vi phạm về nhà trường.",
        ["recurring/quarterly"],
    ),
    ("Định kỳ hằng tháng rà soát, bổ sung danh sách quần chúng ưu tú.", ["recurring/monthly"]),
    (nfd("Định kỳ hằng năm tổ chức kiểm tra tài sản công."), ["recurring/yearly"]),
    # A duty of each occasion (a holiday, a round of inspection): recurring, no period.
    (
        "Giáo viên chủ nhiệm nhắc nhở cha mẹ học sinh quản lý con em trước mỗi kỳ nghỉ lễ, Tết.",
        ["recurring/None"],
    ),
    ("Đoàn kiểm tra lập biên bản sau mỗi đợt kiểm tra.", ["recurring/None"]),
    ("Chi ủy chuẩn bị nội dung trước mỗi kỳ họp của Chi bộ.", ["recurring/None"]),
    ("Nha truong tuyen truyen an toan giao thong truoc moi dip nghi le.", ["recurring/None"]),
    (nfd("Công đoàn thăm hỏi đoàn viên trong mỗi dịp lễ, Tết."), ["recurring/None"]),
]

RELATIVE = [
    ("Các chi bộ báo cáo Đảng ủy sau khi tổ chức hội nghị.", ["unspecified"]),
    ("Ngay sau khi kết thúc Đại hội, chi bộ gửi báo cáo về Đảng ủy.", ["unspecified"]),
    (
        "Trong vòng 05 ngày làm việc kể từ ngày nhận được văn bản, các đơn vị gửi ý kiến về Sở.",
        ["unspecified"],
    ),
    ("Các chi bộ gửi danh sách chậm nhất 03 ngày trước ngày tổ chức Hội nghị.", ["unspecified"]),
    (
        "Khi có vụ việc phức tạp, các đơn vị phải báo cáo ngay về Thường trực Đảng ủy.",
        ["unspecified"],
    ),
    # The real labels leave "báo cáo kịp thời" out (four documents): a manner, no term.
    ("Các chi bộ báo cáo kịp thời về Văn phòng Đảng ủy những vấn đề phát sinh.", []),
    ("Trong thời hạn 15 ngày kể từ ngày ký, các trường gửi báo cáo về Sở.", ["unspecified"]),
    (
        "Chậm nhất 10 ngày sau khi kết thúc lớp học, Trung tâm gửi báo cáo về Ban Tuyên giáo.",
        ["unspecified"],
    ),
    ("cac don vi bao cao ngay ve Thuong truc Dang uy khi co vu viec", ["unspecified"]),
    ("Các đơn vị triển khai thực hiện theo tiến độ đề ra.", []),
    ("Các đơn vị gửi báo cáo chậm nhất sau 05 ngày kể từ ngày kết thúc Hội nghị.", ["unspecified"]),
    # A duty tied to an event: before it, when it happens, right after it; an open span.
    (
        "Các chi bộ chọn nội dung sinh hoạt khác phải báo cáo Đảng ủy trước khi tổ chức.",
        ["unspecified"],
    ),
    ("Ban Tuyên giáo tổng hợp, báo cáo Ban Thường vụ khi tổng kết năm học.", ["unspecified"]),
    (
        "Ngay sau khi có thông báo kết luận kiểm tra, chi bộ được kiểm tra xây dựng kế hoạch "
        "khắc phục và gửi về Ủy ban Kiểm tra Đảng ủy.",
        ["unspecified"],
    ),
    (
        "Thủ trưởng đơn vị báo cáo ngay bằng điện thoại; báo cáo bằng văn bản trong vòng 24 giờ "
        "kể từ khi xảy ra vụ việc.",
        ["unspecified", "unspecified"],
    ),
    ("Từ ngày 20/5/2027 đến trước ngày khai giảng, các trường tổ chức ôn tập.", ["unspecified"]),
    # A term that refers back: the term said before it in the sentence; alone, not known.
    (
        "Các đơn vị gửi danh sách trước 17 giờ 00 ngày 18/12/2026; đơn vị không có giáo viên "
        "dự thi gửi văn bản nêu rõ lý do cũng trong thời hạn này.",
        ["2026-12-18", "2026-12-18"],
    ),
    (
        "Các chi bộ nộp hồ sơ trong tháng 01/2027, bản mềm gửi qua thư điện tử trong thời hạn "
        "nêu trên.",
        ["2027-01", "2027-01"],
    ),
    (
        "Cac chi bo gui bao cao truoc ngay 20/12/2026, ban mem gui cung thoi han tren.",
        ["2026-12-20", "2026-12-20"],
    ),
    (
        "Đơn vị không có giáo viên dự thi gửi văn bản về Sở cũng trong thời hạn này.",
        ["unspecified"],
    ),
    (nfd("Các tổ gửi đề xuất trong thời hạn nói trên."), ["unspecified"]),
    # An activity tied to a holiday of the calendar.
    (
        "Tặng quà cho học sinh khó khăn; trao quà tại buổi sinh hoạt dưới cờ cuối cùng trước kỳ "
        "nghỉ Tết.",
        ["unspecified"],
    ),
    ("Các lớp báo cáo sĩ số học sinh sau kỳ nghỉ Tết về Ban Giám hiệu.", ["unspecified"]),
    ("Cong doan to chuc tham hoi doan vien truoc dip nghi le 30/4.", ["unspecified"]),
]

NOT_TERMS = [
    "Căn cứ Kế hoạch số 12-KH/TU ngày 05/01/2026 của Tỉnh ủy về tổ chức đại hội đảng bộ các cấp;",
    "Thực hiện Công văn số 245-CV/ĐU ngày 18/11/2026 của Đảng ủy Sở về việc tổ chức hội nghị,",
    "Căn cứ Thông tư số 22/2021/TT-BGDĐT ngày 20/7/2021 của Bộ trưởng Bộ Giáo dục và Đào tạo;",
    "Căn cứ Quy định số 232-QĐ/TW ngày 20/01/2025 của Ban Chấp hành Trung ương;",
    "Thực hiện Kế hoạch số 25-KH/ĐU về kỷ niệm 97 năm thành lập Đảng (03/02/1930 - 03/02/2027),",
    "Chi bộ đã tổ chức hội nghị học tập nghị quyết vào ngày 12/11/2026 với 100% đảng viên tham dự.",
    "Từ ngày 01/01/2026 đến nay, Đảng bộ đã kết nạp 25 đảng viên mới.",
    "Ngày 15/10/2026, Ban Thường vụ Đảng ủy đã ban hành Nghị quyết số 05-NQ/ĐU.",
    "Quyết định này có hiệu lực từ ngày 01/12/2026.",
    "Kế hoạch này có hiệu lực kể từ ngày ký.",
    "Quyết định này có hiệu lực đến hết ngày 31/12/2027.",
    "Giấy chứng nhận có giá trị đến hết ngày 31/12/2027.",
    "Chính sách hỗ trợ được áp dụng đến hết ngày 31/12/2027.",
    "Đồng chí Nguyễn Văn An, sinh ngày 15/3/1980, Bí thư Chi bộ nhiệm kỳ 2025 - 2030.",
    "Năm học 2026 - 2027, toàn ngành có 450 trường học với hơn 12.000 giáo viên.",
    "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 95,5%, tăng 2,5% so với năm 2025.",
    "Mọi chi tiết xin liên hệ đồng chí Trần Thị Bình, số điện thoại 0912.345.678.",
    "Thời gian: Thường xuyên.",
    "An Phú, ngày 20 tháng 11 năm 2026",
    "Kỷ niệm 70 năm Ngày thành lập Hội Liên hiệp Thanh niên Việt Nam (15/10/1956 - 15/10/2026).",
    "Kết quả năm 2025: kết nạp 12 đảng viên, đạt 120% chỉ tiêu được giao.",
    "Hội nghị được tổ chức vào ngày 10/11/2026 tại Hội trường Ủy ban nhân dân xã.",
    "Nhiệm kỳ 2025 - 2030, Đảng bộ phấn đấu kết nạp 150 đảng viên mới.",
    "Kinh phí thực hiện: 25.500.000 đồng (Hai mươi lăm triệu năm trăm nghìn đồng).",
    "Đợt 1 (từ 01/9/2026 đến 15/11/2026) các trường đã hoàn thành 90% khối lượng công việc.",
    "Tổng kết năm học 2025 - 2026, ngành giáo dục xã đạt nhiều kết quả quan trọng.",
    "can cu Ke hoach so 45-KH/HU ngay 10/10/2026 cua Ban Thuong vu Huyen uy",
    nfd("Thực hiện Hướng dẫn số 08-HD/BTGTU ngày 12/9/2026 của Ban Tuyên giáo Tỉnh ủy,"),
    "Ngày 03/02/2027 là kỷ niệm 97 năm ngày thành lập Đảng Cộng sản Việt Nam.",
    "Năm 2026, Chi bộ đạt danh hiệu trong sạch vững mạnh tiêu biểu.",
    "Năm 2026, chi bộ đã hoàn thành việc thu nộp đảng phí trước ngày 15/10/2026.",
    "Tính đến ngày 15/11/2026, toàn Đảng bộ có 350 đảng viên.",
    "Các đơn vị thực hiện các mục tiêu giai đoạn 2026 - 2030.",
    "Phấn đấu đến năm 2030 có 100% trường học đạt chuẩn quốc gia.",
    "Quyết định số 1503/QĐ-UBND ngày 15/3/2026 của UBND tỉnh về kiện toàn Ban Chỉ đạo.",
    "Theo Kế hoạch số 45-KH/ĐU ngày 12/11/2026 của Đảng ủy Sở, các chi bộ tổ chức hội nghị.",
    "Kế hoạch này thay thế Kế hoạch số 10-KH/ĐU ngày 10/3/2025.",
    "Ngày 20/11/2026",
    "Đoàn viên sinh năm 1995 đến năm 2010.",
    # A count of times, not a cycle, unless a report is due or the clause says "định kỳ".
    "Ban Kiểm tra giám sát mỗi năm 02 lần.",
    "Đưa nội dung chuyển đổi số vào sinh hoạt chi bộ ít nhất 02 lần trong năm.",
    "Đảng viên được phân công gặp gỡ, trao đổi với quần chúng ít nhất 02 lần mỗi tháng.",
    "Chi đoàn tổ chức sinh hoạt chủ điểm 03 lần/năm.",
    "chi bo to chuc sinh hoat chuyen de moi nam hai lan",
    "Định kỳ hằng năm, ban thường vụ cấp ủy có trách nhiệm lãnh đạo việc rà soát quy hoạch.",
    # A leave calendar, a figure's span: no term for the units.
    "Lịch nghỉ Tết Nguyên đán: từ ngày 03/02 đến hết ngày 11/02/2027.",
    "Học sinh được nghỉ Tết Nguyên đán từ ngày 04/02/2027 đến hết ngày 12/02/2027.",
    "Cán bộ, giáo viên nghỉ hè từ ngày 01/6/2027 đến ngày 31/7/2027.",
    "Lịch nghỉ Tết của cán bộ, giáo viên theo thông báo (dự kiến từ ngày 03/02/2027 đến hết "
    "ngày 11/02/2027).",
    "hoc sinh duoc nghi hoc tu ngay 04/02/2027 den het ngay 12/02/2027",
    nfd("Học sinh nghỉ giữa học kỳ I vào ngày 20/11/2026 và ngày 21/11/2026."),
    "Số liệu báo cáo tính từ ngày 01/12/2025 đến ngày 30/11/2026.",
    "Chốt số liệu từ ngày 16/11/2025 đến ngày 15/11/2026 để tổng hợp.",
    "so lieu thong ke tinh tu ngay 01/01/2026 den ngay 30/11/2026",
    # A term missed ("Quá thời hạn trên"), a report heard, the day of a past event.
    "Quá thời hạn trên, học sinh không xác nhận nhập học xem như từ chối nhập học.",
    "Sau khi nghe Văn phòng báo cáo kết quả công tác tháng 11, Ban Thường vụ kết luận như sau:",
    "Ngày 16/6/2025, Quốc hội đã thông qua Luật Tổ chức chính quyền địa phương.",
    "Tuyên truyền kỷ niệm 97 năm Ngày thành lập Đảng 03/02/2027 trên các trang mạng xã hội.",
    "Các trường chuyển tới ngày 02/12/2026 những hồ sơ còn thiếu.",
    "Tình hình an ninh trước kỳ nghỉ Tết ổn định.",
    "Sau mỗi lần thi thử, giáo viên chủ nhiệm gửi kết quả cho cha mẹ học sinh.",
    "Ngày 20/11/2026: Hội nghị đã thông qua nghị quyết.",
    "Tựu trường, ngày 05/9/2027, học sinh tập trung tại sân trường.",
    "Ngày 03/02/2027, kỷ niệm 97 năm Ngày thành lập Đảng.",
    "Tổ chức lấy ý kiến theo từng năm từ ngày 01/01 đến hết ngày 31/12.",
    "Tình hình trong 6 tháng đầu năm 2027 dự báo còn nhiều khó khăn.",
    "Chi bộ không kết nạp học sinh có kết quả rèn luyện học kỳ I dưới mức Tốt.",
    "Tổ chức thực hiện Kế hoạch tháng 01/2027 của Ban Thường vụ.",
    "Chi đoàn tổ chức mít tinh tại sân trường.",
    # A report heard, given or cited, a figure's span, a noun, a need: no duty.
    "Sau khi nghe Chi ủy báo cáo kết quả thực hiện nghị quyết tháng 10, Chi bộ thống nhất:",
    "Trên đây là báo cáo kết quả thực hiện công tác dân vận năm 2026 của Đảng ủy xã.",
    "Thực hiện Công văn số 112-CV/ĐU ngày 05/11/2026 của Đảng ủy xã về báo cáo kết quả thực hiện "
    "Chỉ thị số 05-CT/TW, Chi bộ báo cáo như sau:",
    "Ngày 10/11/2026, Thường trực Đảng ủy họp nghe Ban Tổ chức báo cáo kết quả thực hiện công "
    "tác phát triển đảng viên.",
    "Số liệu thống kê tính từ ngày 16 tháng trước đến ngày 15 của tháng này.",
    "Báo cáo viên cấp xã được bồi dưỡng trước khi thực hiện nhiệm vụ tuyên truyền.",
    "Ban Chỉ đạo báo cáo, tham mưu Đảng ủy điều chỉnh Quy chế khi cần thiết.",
    "Phát huy sức mạnh tổng hợp, tạo khí thế thi đua sôi nổi trong toàn Đảng bộ.",
    "Đơn vị chậm báo cáo 02 kỳ liên tiếp sẽ bị xem xét khi đánh giá thi đua cuối năm.",
    "Tổ chức tọa đàm nhân kỷ niệm 95 năm Ngày thành lập Đoàn (26/3/1931 - 26/3/2026).",
    "Đảng viên nghỉ hưu trong năm vẫn thực hiện kiểm điểm tại chi bộ.",
    "Nhiệm vụ được cụ thể hóa bằng nghị quyết hoặc chương trình công tác hằng năm của chi bộ.",
]

EVENTS = [
    ("Ban Thường vụ Đoàn trường tổ chức Hội nghị tổng kết vào ngày 20/01/2027.", ["2027-01-20"]),
    (
        "Lễ mít tinh kỷ niệm 97 năm thành lập Đảng tổ chức vào 8 giờ 00 ngày 03/02/2027.",
        ["2027-02-03"],
    ),
    ("Đại hội Chi bộ nhiệm kỳ 2027 - 2030 được tổ chức trong tháng 3/2027.", ["2027-03"]),
    (
        "Hội nghị Ban Chấp hành Công đoàn khai mạc lúc 7 giờ 30 phút, ngày 15/12/2026.",
        ["2026-12-15"],
    ),
    (
        "Ủy ban MTTQ xã tổ chức Ngày hội Đại đoàn kết ở các khu dân cư vào ngày 18/11/2027.",
        ["2027-11-18"],
    ),
    ("to chuc hoi nghi so ket vao ngay 15/6/2027 tai hoi truong truong", ["2027-06-15"]),
    ("Hội nghị sẽ diễn ra trong 01 ngày, vào ngày 10/12/2026.", ["2026-12-10"]),
    ("Dự kiến tổ chức Đại hội vào ngày 20/12/2026.", ["2026-12-20"]),
    # A planned day and the day of an occasion.
    ("Vòng chung khảo: dự kiến ngày 15/4/2027 tại Hội trường Đoàn Sở.", ["2027-04-15"]),
    ("Chung kết hội thi dự kiến tổ chức vào ngày 10/01/2027.", ["2027-01-10"]),
    ("Chi đoàn tổ chức lễ trưởng thành đoàn viên nhân dịp 26/3/2027.", ["2027-03-26"]),
    (
        "Công đoàn trường tổ chức gặp mặt nhà giáo lão thành nhân kỷ niệm Ngày Nhà giáo Việt Nam "
        "20/11/2027.",
        ["2027-11-20"],
    ),
    # A meeting of a month is that month.
    ("Chi ủy trình Chi bộ cho ý kiến tại kỳ sinh hoạt tháng 02 năm 2027.", ["2027-02"]),
    ("Các tổ trưởng báo cáo tại kỳ họp thường kỳ tháng 01/2027.", ["2027-01"]),
    # A slot of the school week, a part of the day, a time after a colon.
    (
        "Tổ chức ngoại khóa phòng, chống đuối nước trong tiết chào cờ sáng thứ Hai ngày "
        "11/01/2027.",
        ["2027-01-11"],
    ),
    ("Liên đội trao giải vào tiết chào cờ ngày 05/4/2027.", ["2027-04-05"]),
    ("Trao quà cho học sinh tại buổi sinh hoạt dưới cờ ngày 25/01/2027.", ["2027-01-25"]),
    (
        "Các lớp tổ chức tuyên truyền trong giờ sinh hoạt lớp thứ Sáu ngày 15/01/2027.",
        ["2027-01-15"],
    ),
    ("to chuc ngoai khoa trong tiet chao co sang thu hai ngay 11/01/2027", ["2027-01-11"]),
    ("Sở Văn hóa tổ chức chương trình nghệ thuật chào mừng đêm 02/02/2027.", ["2027-02-02"]),
    ("Công đoàn tổ chức gặp mặt đoàn viên nghỉ hưu tối 23/01/2027.", ["2027-01-23"]),
    (nfd("Tổ chức lễ ra quân chiều thứ Bảy, ngày 09/01/2027."), ["2027-01-09"]),
    (
        "Khai mạc và bốc thăm thứ tự thi: 07 giờ 30 ngày 22/02/2027 tại Trường THPT Lâm Viên.",
        ["2027-02-22"],
    ),
    ("Bế mạc hội thi: 16h00 thứ Sáu, ngày 05/3/2027 tại hội trường.", ["2027-03-05"]),
    # Being present, at a set hour; several days of one event, due on the last.
    (
        "Thí sinh có mặt tại điểm thi để làm thủ tục dự thi lúc 14 giờ 00 ngày 01/6/2027.",
        ["2027-06-01"],
    ),
    ("Đại biểu tập trung tại Hội trường Đảng ủy lúc 7 giờ 15 ngày 12/01/2027.", ["2027-01-12"]),
    ("Kỳ thi tuyển sinh lớp 10 tổ chức trong hai ngày 02 và 03 tháng 6 năm 2027.", ["2027-06-03"]),
    ("Hội thao diễn ra vào các ngày 15, 16 và 17/01/2027 tại sân vận động xã.", ["2027-01-17"]),
    ("Tap huan giao vien trong 02 ngay 08 va 09/01/2027.", ["2027-01-09"]),
    ("Các đơn vị báo cáo số liệu trong 02 ngày 15 và 16/12/2026 để tổng hợp.", ["2026-12-16"]),
    ("Chi đoàn tổ chức mít tinh từ ngày 05/3/2027 đến ngày 08/3/2027.", ["2027-03-08"]),
    (
        "Rà soát số liệu đến nay; tổ chức kiểm tra từ ngày 05/3/2027 đến ngày 08/3/2027.",
        ["2027-03-08"],
    ),
    # A timetable line opens with its day (a part of the day, a time, a weekday) and a colon.
    ("6. Ngày 20/6/2027: Sở công bố điểm thi tuyển sinh lớp 10.", ["2027-06-20"]),
    ("- 20/6/2027: công bố điểm thi tuyển sinh.", ["2027-06-20"]),
    ("Thứ Hai, ngày 11/01/2027: khai mạc Hội thi.", ["2027-01-11"]),
    ("b) Sáng ngày 05/01/2027: các đội đăng ký thi đấu.", ["2027-01-05"]),
    ("14 giờ 00 ngày 01/6/2027: thí sinh làm thủ tục dự thi.", ["2027-06-01"]),
    ("Ngày 05/01/2027 (thứ Ba): khai mạc hội thi.", ["2027-01-05"]),
    ("ngay 20/6/2027: so cong bo diem thi", ["2027-06-20"]),
    (nfd("3. Ngày 15/3/2027: các trường nộp hồ sơ thi đua."), ["2027-03-15"]),
    ("4. Từ 12/4 đến 16/4/2027: học sinh được điều chỉnh nguyện vọng.", ["2027-04-16"]),
    ("2. Từ ngày 01/3 đến ngày 20/3: học sinh đăng ký nguyện vọng.", ["2027-03-20"]),
    # The day of an occasion an activity marks.
    ("Tổ chức gặp mặt truyền thống kỷ niệm Ngày Nhà giáo Việt Nam 20/11/2027.", ["2027-11-20"]),
    ("Chi đoàn tổ chức mít tinh chào mừng Ngày Quốc tế Phụ nữ 08/3/2027.", ["2027-03-08"]),
]

SEVERAL = [
    (
        "Các chi bộ báo cáo sơ kết trước ngày 15/6/2027 và tổng kết trước ngày 15/12/2027.",
        ["2027-06-15", "2027-12-15"],
    ),
    (
        "Các trường gửi kế hoạch trước ngày 10/12/2026, báo cáo kết quả trước ngày 30/5/2027.",
        ["2026-12-10", "2027-05-30"],
    ),
    (
        "Hoàn thành đại hội chi bộ trong quý I/2027, đại hội Đảng bộ trong quý II/2027.",
        ["2027-Q1", "2027-Q2"],
    ),
    (
        "Các chi đoàn báo cáo hằng tháng và gửi báo cáo năm trước ngày 15/12/2026.",
        ["recurring/monthly", "2026-12-15"],
    ),
    (
        "Nộp hồ sơ trước ngày 05/12/2026; tổ chức chấm thi từ ngày 10/12 đến ngày 15/12/2026.",
        ["2026-12-05", "2026-12-15"],
    ),
    (
        "Số liệu tính đến hết ngày 15/12/2026, gửi về Văn phòng trước ngày 20/12/2026.",
        ["2026-12-20"],
    ),
    (
        "Gửi về Sở trước ngày 10/12/2026 (đối với cấp xã) và trước ngày 20/12/2026 (cấp tỉnh).",
        ["2026-12-10", "2026-12-20"],
    ),
    (
        "Gửi kế hoạch trước ngày 30 tháng 11 năm 2026, báo cáo trước ngày 15 tháng 5 năm 2027.",
        ["2026-11-30", "2027-05-15"],
    ),
    # A quarter that names a topic beside the clause's own day or month; a school term
    # dated by the window beside it.
    (
        "Biên soạn tài liệu sinh hoạt cho các chuyên đề quý I, quý II, phát hành trước ngày "
        "10/01/2027; tài liệu quý III, quý IV phát hành trong tháng 6/2027.",
        ["2027-01-10", "2027-06"],
    ),
    (
        "Tổ chức kiểm tra cuối học kỳ I từ ngày 14 đến ngày 19 tháng 12 năm 2026.",
        ["2026-12-19"],
    ),
    # The cycle said first is the reports the sentence then dates.
    (
        "Văn phòng báo cáo Ủy ban nhân dân xã định kỳ 6 tháng, năm; báo cáo 6 tháng gửi trước "
        "ngày 20 tháng 6, báo cáo năm gửi trước ngày 20 tháng 12 hằng năm.",
        ["recurring/yearly", "recurring/yearly"],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CYCLES)
def test_a_cycle(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), RELATIVE)
def test_a_relative_or_open_term(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_TERMS)
def test_no_term(sentence: str) -> None:
    assert codes(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [*EVENTS, *SEVERAL])
def test_a_scheduled_event_or_several_terms(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


# An occasion a duty or an action is tied to: "ngay khi ...", "sau khi kết thúc ...",
# "trước khai giảng / mùa hè", "cùng với báo cáo tổng kết".
OCCASIONS = [
    ("Các chi bộ báo cáo nhanh ngay khi sự việc xảy ra.", ["unspecified"]),
    ("Cac chi bo bao cao nhanh ngay khi su viec xay ra.", ["unspecified"]),
    ("Trao tặng sách ngay khi có danh sách học sinh.", ["unspecified"]),
    ("Tổ chức cho học sinh ký cam kết ngay khi bắt đầu kỳ nghỉ hè.", ["unspecified"]),
    (nfd("Ban Thường trực thông báo ngay khi có quyết định của cấp trên."), ["unspecified"]),
    ("Ngay khi có kết quả, các đơn vị gửi báo cáo về Đảng ủy.", ["unspecified"]),
    ("Niêm yết công khai danh sách sau khi kết thúc Tháng cao điểm.", ["unspecified"]),
    ("Tổ chức tuyên dương các tập thể sau khi kết thúc đợt thi đua.", ["unspecified"]),
    ("Hoàn thành trước khai giảng năm học 2027 - 2028.", ["unspecified"]),
    ("Các trường rà soát cơ sở vật chất trước khai giảng năm học mới.", ["unspecified"]),
    ("Kiểm tra các bể bơi trước mùa hè năm 2027.", ["unspecified"]),
    ("kiem tra cac be boi truoc mua he nam 2027", ["unspecified"]),
    ("Các trường gửi kết quả về Phòng cùng với báo cáo tổng kết năm.", ["unspecified"]),
    ("Các chi bộ gửi bảng tổng hợp cùng với báo cáo sơ kết 6 tháng.", ["unspecified"]),
    (
        "Tổ chức thăm hỏi, tặng quà giáo viên có hoàn cảnh khó khăn trước Tết Nguyên đán.",
        ["unspecified"],
    ),
    ("Các chi đoàn tổ chức trao quà cho đoàn viên khó khăn trước Tết.", ["unspecified"]),
    ("Ký cam kết giữa nhà trường, gia đình và học sinh trước kỳ nghỉ.", ["unspecified"]),
    ("ky cam ket giua nha truong va hoc sinh truoc ky nghi", ["unspecified"]),
]

NOT_OCCASIONS = [
    "Năm 2025, các chi bộ đã báo cáo nhanh ngay khi sự việc xảy ra.",
    "Kinh phí còn lại sau khi kết thúc năm ngân sách được chuyển sang năm sau.",
    "Quyết định này có hiệu lực ngay khi ký.",
    "Quy dinh nay co hieu luc ngay khi ky.",
    "Thời tiết nắng nóng trước mùa hè năm 2027 ảnh hưởng đến sản xuất.",
    "Đảng viên sau khi kết thúc nhiệm vụ được chuyển sinh hoạt về nơi cư trú.",
    "Giám sát việc thực hiện trước, trong và sau khi kết thúc các đợt thi đua.",
    "Sau khi có quyết định nghỉ hưu, cơ quan bảo hiểm thực hiện chi trả theo quy định.",
    "Cán bộ sau khi được bổ nhiệm thì thực hiện chế độ tập sự theo quy định.",
    "Giá cả hàng hóa tăng mạnh trước Tết Nguyên đán.",
    "Nhiều học sinh về quê sau kỳ nghỉ.",
    "Tổng hợp tình hình học sinh đi học trở lại sau Tết.",
]


@pytest.mark.parametrize(("sentence", "expected"), OCCASIONS)
def test_a_duty_tied_to_an_occasion(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


@pytest.mark.parametrize("sentence", NOT_OCCASIONS)
def test_an_occasion_without_a_duty_is_no_term(sentence: str) -> None:
    assert codes(sentence) == []


# The day of a yearly occasion written bare: "vào dịp 15/10" under "Hằng năm," or before
# "hằng năm"; without a word of the cycle it sets no term.
OCCASION_DAYS = [
    ("Hằng năm, các đơn vị tổ chức Ngày hội Dân vận khéo vào dịp 15/10.", ["recurring/yearly"]),
    ("Hang nam, cac don vi to chuc Ngay hoi Dan van kheo vao dip 15/10.", ["recurring/yearly"]),
    ("Các chi hội tổ chức gặp mặt hội viên vào dịp 20/10 hằng năm.", ["recurring/yearly"]),
    (nfd("Hằng năm, Đoàn trường tổ chức tuyên dương vào dịp 26-3."), ["recurring/yearly"]),
    ("Các chi hội tổ chức gặp mặt hội viên vào dịp 20/10.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), OCCASION_DAYS)
def test_the_day_of_a_yearly_occasion(sentence: str, expected: list[str]) -> None:
    assert codes(sentence) == expected


# A periodic report "đúng thời hạn quy định": recurring, its cycle not named.
PERIODIC_ON_TIME = [
    "Văn phòng tổng hợp báo cáo định kỳ gửi Đảng ủy đúng thời hạn quy định.",
    "Van phong tong hop bao cao dinh ky gui Dang uy dung thoi han quy dinh.",
    "Các chi bộ thực hiện chế độ báo cáo định kỳ về Ban Thường vụ đúng thời hạn.",
]


@pytest.mark.parametrize("sentence", PERIODIC_ON_TIME)
def test_a_periodic_report_on_time_recurs(sentence: str) -> None:
    assert codes(sentence) == ["recurring/None"]
