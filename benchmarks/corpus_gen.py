"""Synthetic directives in the style of the department's documents, for benchmarks.

`generate(n, seed)` yields (file name, text) pairs: Party, State and legal numbering,
a header that is sometimes lost (as in real Word extractions), references to other
generated numbers, roman parts with numbered subsections, unit task blocks, deadline
sentences, "Nơi nhận" and a signer; about 30 sections each. The vocabulary is written
here; no text comes from the seed documents. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

# (code, display name, family, issuers the type is used with)
_TYPES = [
    ("KH", "Kế hoạch", "party", ["ĐU", "TU", "QU", "HU"]),
    ("HD", "Hướng dẫn", "party", ["ĐU", "BDVTU", "BTGTU", "TU"]),
    ("CTr", "Chương trình", "party", ["ĐU", "TU", "BCĐTP"]),
    ("CV", "Công văn", "party", ["ĐU", "TU"]),
    ("NQ", "Nghị quyết", "party", ["ĐU", "TU", "TW"]),
    ("QĐ", "Quyết định", "party", ["ĐU", "TU", "TW"]),
    ("TB", "Thông báo", "party", ["ĐU", "TW", "TU"]),
    ("CT", "Chỉ thị", "party", ["TW", "TU"]),
    ("KL", "Kết luận", "party", ["TW", "TU"]),
    ("BC", "Báo cáo", "party", ["ĐU"]),
    ("KH", "Kế hoạch", "state", ["UBND", "SGDĐT"]),
    ("QĐ", "Quyết định", "state", ["UBND", "TTg"]),
    ("NQ", "Nghị quyết", "state", ["HĐND", "CP"]),
    ("CT", "Chỉ thị", "state", ["TTg", "UBND"]),
    ("", "Công văn", "state", ["UBND-VX", "SGDĐT-VP"]),
    ("NĐ", "Nghị định", "legal", ["CP"]),
    ("TT", "Thông tư", "legal", ["BGDĐT", "BNV"]),
]
_WEIGHTS = [16, 12, 6, 8, 4, 4, 3, 2, 2, 3, 10, 6, 4, 2, 8, 3, 3]

_ISSUER_NAMES = {
    "ĐU": "Đảng ủy Sở Giáo dục và Đào tạo",
    "TU": "Ban Thường vụ Thành ủy",
    "QU": "Ban Thường vụ Quận ủy",
    "HU": "Ban Thường vụ Huyện ủy",
    "BDVTU": "Ban Dân vận Thành ủy",
    "BTGTU": "Ban Tuyên giáo Thành ủy",
    "BCĐTP": "Ban Chỉ đạo Thành phố",
    "TW": "Bộ Chính trị",
    "UBND": "Ủy ban nhân dân Thành phố",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "TTg": "Thủ tướng Chính phủ",
    "HĐND": "Hội đồng nhân dân Thành phố",
    "CP": "Chính phủ",
    "UBND-VX": "Ủy ban nhân dân Thành phố",
    "SGDĐT-VP": "Sở Giáo dục và Đào tạo",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BNV": "Bộ Nội vụ",
}

_TOPICS = [
    "công tác dân vận của chính quyền",
    "quy chế dân chủ ở cơ sở",
    "chuyển đổi số trong ngành giáo dục",
    "cải cách hành chính và văn thư điện tử",
    "phòng, chống tham nhũng, tiêu cực",
    "xây dựng, chỉnh đốn Đảng và hệ thống chính trị",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "phong trào thi đua Dân vận khéo",
    "an toàn trường học và phòng, chống bạo lực học đường",
    "bồi dưỡng lý luận chính trị cho đảng viên mới",
    "kiểm tra, giám sát việc thực hiện nghị quyết",
    "công tác tuyên truyền, giáo dục chính trị tư tưởng",
    "phát triển đảng viên trong trường học",
    "đổi mới chương trình giáo dục phổ thông",
    "chăm lo đời sống nhà giáo và người lao động",
    "bảo vệ nền tảng tư tưởng của Đảng",
    "công tác thi đua, khen thưởng năm học",
    "phòng, chống thiên tai và dịch bệnh",
    "xây dựng trường học hạnh phúc",
    "tổ chức đại hội chi bộ nhiệm kỳ mới",
]
_PLACES = [
    "thành phố Thủ Đức",
    "Quận 1",
    "Quận 3",
    "Quận 7",
    "Quận Bình Thạnh",
    "Quận Gò Vấp",
    "huyện Củ Chi",
    "huyện Cần Giờ",
    "huyện Hóc Môn",
    "huyện Bình Chánh",
    "Quận Tân Bình",
]
_UNITS = [
    "Văn phòng Đảng ủy Sở",
    "Ủy ban Kiểm tra Đảng ủy",
    "Ban Tuyên giáo Đảng ủy",
    "Ban Tổ chức Đảng ủy",
    "Công đoàn ngành giáo dục",
    "Đoàn Thanh niên Sở",
    "Ban Dân vận Đảng ủy",
    "Phòng Tổ chức cán bộ Sở",
    "Các chi bộ trực thuộc",
]
_VERBS = [
    "Tăng cường",
    "Đẩy mạnh",
    "Tổ chức quán triệt",
    "Nâng cao chất lượng",
    "Tiếp tục thực hiện",
    "Chỉ đạo triển khai",
    "Rà soát, đánh giá",
    "Phối hợp tổ chức",
    "Chủ động xây dựng",
    "Kiện toàn",
    "Theo dõi, đôn đốc",
    "Tuyên truyền sâu rộng",
]
_OBJECTS = [
    "nhận thức của cán bộ, đảng viên, viên chức và người lao động",
    "vai trò, trách nhiệm của người đứng đầu cơ quan, đơn vị",
    "sự phối hợp giữa chính quyền và các đoàn thể chính trị - xã hội",
    "các mô hình, cách làm hay, sáng tạo trong nhà trường",
    "việc tiếp nhận, giải quyết kiến nghị của phụ huynh học sinh",
    "công tác nắm tình hình tư tưởng trong đội ngũ nhà giáo",
    "hiệu quả ứng dụng công nghệ thông tin trong quản lý",
    "kỷ luật, kỷ cương hành chính trong cơ sở giáo dục",
    "chất lượng sinh hoạt chi bộ định kỳ hằng tháng",
    "việc công khai, minh bạch các khoản thu chi đầu năm học",
    "đời sống vật chất, tinh thần của giáo viên, nhân viên",
    "công tác bồi dưỡng, giới thiệu quần chúng ưu tú",
]
_TAILS = [
    "gắn với nhiệm vụ chính trị của từng đơn vị",
    "bảo đảm thiết thực, hiệu quả, tránh hình thức",
    "phù hợp với điều kiện thực tiễn của cơ sở",
    "tạo sự đồng thuận trong tập thể sư phạm",
    "góp phần hoàn thành thắng lợi nhiệm vụ năm học",
    "kịp thời phát hiện, biểu dương điển hình tiên tiến",
    "không để phát sinh điểm nóng, khiếu kiện đông người",
]
_PARTS = [
    "MỤC ĐÍCH, YÊU CẦU",
    "NHIỆM VỤ TRỌNG TÂM",
    "NỘI DUNG VÀ GIẢI PHÁP",
    "PHÂN CÔNG THỰC HIỆN",
    "TỔ CHỨC THỰC HIỆN",
    "CHẾ ĐỘ BÁO CÁO",
]
_ROMAN = ["I", "II", "III", "IV", "V", "VI"]
_SIGNERS = ["Nguyễn Văn An", "Trần Thị Bích", "Lê Minh Châu", "Phạm Quốc Dũng", "Võ Thanh Hải"]
_SIGNER_TITLES = [
    ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"),
    ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("", "TRƯỞNG PHÒNG"),
]


@dataclass(frozen=True)
class _Num:
    """A generated document number with what a citation says about it."""

    printed: str
    type_name: str
    issuer_name: str
    day: int
    month: int
    year: int
    topic: str

    def cite(self) -> str:
        """How another document cites it."""
        return (
            f"{self.type_name} số {self.printed} ngày {self.day:02d} tháng {self.month:02d} "
            f"năm {self.year} của {self.issuer_name} về {self.topic}"
        )


def _make_number(rng: random.Random, counters: dict[tuple[str, str, int], int]) -> _Num:
    code, name, family, issuers = rng.choices(_TYPES, weights=_WEIGHTS)[0]
    issuer = rng.choice(issuers)
    year = rng.randint(2012, 2025)
    key = (code + family, issuer, year)
    # Numbering restarts every year, so the same "89-KH/TU" recurs across years.
    counters[key] = counters.get(key, 0) + rng.randint(1, 6)
    num = str(counters[key])
    if family == "party":
        printed = f"{num.zfill(2)}-{code}/{issuer}"
    elif family == "legal":
        printed = f"{num}/{year}/{code}-{issuer}"
    else:
        printed = f"{num}/{code}-{issuer}" if code else f"{num}/{issuer}"
    topic = rng.choice(_TOPICS)
    if rng.random() < 0.3:
        topic += f" năm {year}"
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return _Num(printed, name, _ISSUER_NAMES[issuer], day, month, year, topic)


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)}, {rng.choice(_TAILS)}."


def _deadline(rng: random.Random, year: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        return (
            f"Báo cáo kết quả gửi về Văn phòng Đảng ủy trước ngày {day} tháng {month} năm {year}."
        )
    if kind == 1:
        return "Báo cáo 6 tháng (ngày 10/5), báo cáo năm (ngày 10/11) về Đảng ủy Sở để tổng hợp."
    if kind == 2:
        quarter = rng.randint(1, 4)
        return f"Thực hiện trong quý {quarter}/{year}; chậm nhất ngày 15/{rng.randint(1, 12)}."
    return f"Định kỳ báo cáo kết quả thực hiện hằng quý và cả năm {year}."


class _Writer:
    """Writes one directive given the numbers generated so far."""

    def __init__(self, rng: random.Random, pool: list[_Num]) -> None:
        self.rng = rng
        self.pool = pool

    def directive(self, own: _Num) -> str:
        rng = self.rng
        lines = self._header(own)
        cited = rng.sample(self.pool, min(len(self.pool), rng.randint(1, 4)))
        if cited:
            lines.append(f"Thực hiện {cited[0].cite()};")
        for ref in cited[1:2]:
            lines.append(f"Căn cứ {ref.cite()};")
        lines.append(f"{own.issuer_name} xây dựng {own.type_name.lower()} thực hiện như sau:")
        for index, part in enumerate(rng.sample(_PARTS, 4)):
            lines.append("")
            lines.append(f"{_ROMAN[index]}. {part}")
            lines.extend(self._part(own, cited))
        lines.extend(self._footer())
        return "\n".join(lines) + "\n"

    def _header(self, own: _Num) -> list[str]:
        rng = self.rng
        lines = [""]
        if rng.random() < 0.6:  # real extractions often lose the header table
            lines += [own.issuer_name.upper(), "*", f"Số {own.printed}"]
            place = "Thành phố Hồ Chí Minh"
            lines.append(f"{place}, ngày {own.day} tháng {own.month} năm {own.year}")
        lines += ["", own.type_name.upper(), ""]
        about = own.topic if "năm" in own.topic else f"{own.topic} năm {own.year}"
        if rng.random() < 0.3:
            about += f" tại {rng.choice(_PLACES)}"
        lines += [about[0].upper() + about[1:], ""]
        return lines

    def _part(self, own: _Num, cited: list[_Num]) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        for number in range(1, rng.randint(6, 8) + 1):
            lines.append("")
            if rng.random() < 0.35:
                unit = rng.choice(_UNITS)
                lines.append(f"{number}. {unit}")
                lines.append(f"- {_sentence(rng)}")
                lines.append(f"- {_sentence(rng)} {_deadline(rng, own.year)}")
                continue
            lines.append(f"{number}. {rng.choice(_VERBS)} {rng.choice(_TOPICS)}")
            body = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
            if cited and rng.random() < 0.15:
                body += f" Bám sát {rng.choice(cited).cite()}."
            lines.append(body)
        return lines

    def _footer(self) -> list[str]:
        rng = self.rng
        lines = ["", "Nơi nhận:"]
        lines += [f"- {unit}," for unit in rng.sample(_UNITS, 3)]
        lines += ["- Lưu Văn phòng Đảng ủy.", ""]
        upper, lower = rng.choice(_SIGNER_TITLES)
        lines += [f"**{upper}\n{lower}**" if upper else f"**{lower}**", "", rng.choice(_SIGNERS)]
        return lines


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """Yield n (file name, text) synthetic directives, the same ones for the same seed."""
    rng = random.Random(seed)
    counters: dict[tuple[str, str, int], int] = {}
    # Cited-only directives: numbers other documents cite but that are never generated.
    pool = [_make_number(rng, counters) for _ in range(max(10, n // 5))]
    writer = _Writer(rng, pool)
    for index in range(n):
        own = _make_number(rng, counters)
        text = writer.directive(own)
        pool.append(own)
        yield f"gen_{seed}_{index:05d}.txt", text


if __name__ == "__main__":  # print one sample for a quick look
    for name, body in generate(1, seed=1):
        print(name)
        print(body)
