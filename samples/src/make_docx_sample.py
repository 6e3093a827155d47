"""Builds samples/mau-04-cong-van-bao-cao-nhanh.docx (a sample công văn with a header table).

Run: .venv/bin/python samples/src/make_docx_sample.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parents[1] / "mau-04-cong-van-bao-cao-nhanh.docx"

HEADER = (
    (
        "ĐẢNG ỦY SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố 127-CV/ĐU",
        "ĐẢNG CỘNG SẢN VIỆT NAM\nTP. Hồ Chí Minh, ngày 16 tháng 11 năm 2026",
    ),
)
BODY = [
    "VĂN BẢN MẪU - CHỈ DÙNG ĐỂ CHẠY THỬ, KHÔNG PHẢI VĂN BẢN THẬT",
    "Về báo cáo nhanh tình hình tư tưởng cán bộ, đảng viên cuối năm 2026",
    "Kính gửi: Các chi bộ, đảng bộ cơ sở trực thuộc",
    "Thực hiện Kế hoạch số 61-KH/ĐU ngày 20 tháng 10 năm 2026 của Ban Thường vụ Đảng ủy Sở, "
    "để kịp thời nắm tình hình tư tưởng trong đội ngũ, Ban Thường vụ Đảng ủy Sở đề nghị:",
    "1. Các chi bộ tổ chức nắm tình hình tư tưởng của cán bộ, đảng viên, giáo viên, người lao "
    "động; chú ý những vấn đề về chế độ, chính sách, áp lực công việc cuối học kỳ.",
    "2. Báo cáo nhanh bằng văn bản gửi về Văn phòng Đảng ủy Sở trước ngày 05 tháng 12 năm 2026; "
    "nội dung ngắn gọn, nêu rõ kiến nghị, đề xuất.",
    "3. Ban Tuyên giáo Đảng ủy tổng hợp, tham mưu Ban Thường vụ định hướng thông tin.",
    "Nơi nhận:",
    "- Như trên,",
    "- Lưu Văn phòng Đảng ủy.",
    "T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ",
    "Lê Minh Châu (mẫu)",
]


def build(path: Path = OUT) -> Path:
    """Write the sample .docx and return its path."""
    document = Document()
    table = document.add_table(rows=1, cols=2)
    for cell, text in zip(table.rows[0].cells, HEADER[0], strict=True):
        cell.text = text
    for paragraph in BODY:
        document.add_paragraph(paragraph)
    document.core_properties.author = "danvan (mẫu)"
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
