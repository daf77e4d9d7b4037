"""The long demo document: a 100+ page draft provincial plan, generated from phrase tables.

Paragraphs are assembled from sentence templates with a seeded random generator, so the
output is the same on every run while every page reads differently.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from paperless.demo.layout import Builder
from paperless.demo.official import contents, doc_code, state_header, title

SECTORS = (
    "nông nghiệp ứng dụng công nghệ cao",
    "công nghiệp chế biến, chế tạo",
    "du lịch sinh thái và văn hóa",
    "dịch vụ logistics",
    "năng lượng tái tạo",
    "lâm nghiệp bền vững",
    "thương mại điện tử",
    "kinh tế số",
    "đô thị thông minh",
    "nuôi trồng thủy sản nước ngọt",
    "công nghiệp hỗ trợ",
    "dược liệu dưới tán rừng",
    "giáo dục nghề nghiệp",
    "y tế chuyên sâu",
    "dịch vụ tài chính, ngân hàng",
)
AREAS = (
    "vùng đồi núi phía Tây",
    "hành lang kinh tế dọc sông Vân Giang",
    "khu vực đô thị trung tâm thành phố Vân Sơn",
    "các huyện phía Bắc",
    "vùng đồng bằng phía Đông",
    "huyện Suối Ngọc",
    "khu vực ven hồ Ngọc Tuyền",
    "các xã vùng cao, vùng đồng bào dân tộc thiểu số",
    "khu kinh tế phía Nam",
    "dải đô thị dọc trục đường tỉnh 279",
)
VERBS = (
    "tập trung phát triển",
    "ưu tiên đầu tư",
    "từng bước hình thành",
    "nâng cấp, mở rộng",
    "khai thác hiệu quả",
    "quy hoạch tập trung",
    "thu hút đầu tư vào",
    "tái cơ cấu",
)
LINKS = (
    "gắn với bảo vệ môi trường sinh thái",
    "gắn với xây dựng nông thôn mới",
    "trên cơ sở liên kết vùng",
    "theo hướng xanh, tuần hoàn",
    "gắn với chuyển đổi số",
    "phù hợp với điều kiện tự nhiên của từng tiểu vùng",
    "gắn với bảo tồn các giá trị văn hóa truyền thống",
)
GOALS = (
    "tạo động lực tăng trưởng mới cho tỉnh",
    "nâng cao thu nhập và đời sống của người dân",
    "nâng cao năng lực cạnh tranh cấp tỉnh",
    "bảo đảm phát triển nhanh và bền vững",
    "thu hẹp khoảng cách phát triển giữa các vùng",
    "chủ động thích ứng với biến đổi khí hậu",
    "huy động hiệu quả nguồn lực xã hội",
)
METRICS = (
    ("tỷ lệ đô thị hóa", "%", 35.0, 55.0),
    ("GRDP bình quân đầu người", "triệu đồng", 90, 160),
    ("tỷ trọng kinh tế số trong GRDP", "%", 10, 25),
    ("tỷ lệ che phủ rừng", "%", 52, 56),
    ("tỷ lệ lao động qua đào tạo", "%", 70, 85),
    ("số giường bệnh trên một vạn dân", "giường", 32, 45),
    ("tỷ lệ chất thải rắn đô thị được xử lý", "%", 95, 100),
    ("tỷ lệ hộ dân dùng nước sạch", "%", 90, 100),
    ("diện tích cây ăn quả tập trung", "nghìn ha", 12, 25),
    ("công suất điện mặt trời lắp đặt", "MW", 150, 600),
)
OBSERVATIONS = (
    "tiềm năng, lợi thế của tỉnh chưa được khai thác tương xứng",
    "kết cấu hạ tầng còn thiếu đồng bộ, chưa đáp ứng yêu cầu phát triển",
    "quy mô sản xuất còn nhỏ lẻ, liên kết chuỗi giá trị còn yếu",
    "chất lượng nguồn nhân lực chưa đáp ứng yêu cầu của các ngành công nghệ cao",
    "áp lực về môi trường ngày càng gia tăng tại các khu đô thị",
    "nguồn vốn đầu tư còn phụ thuộc nhiều vào ngân sách nhà nước",
)
SOLUTIONS = (
    "đổi mới mạnh mẽ phương thức xúc tiến, thu hút đầu tư",
    "ưu tiên nguồn lực cho các công trình hạ tầng có tính kết nối",
    "đẩy mạnh ứng dụng khoa học, công nghệ và chuyển đổi số",
    "hoàn thiện cơ chế, chính sách đặc thù của tỉnh",
    "tăng cường phối hợp giữa các sở, ngành và địa phương",
    "phát huy vai trò chủ thể của người dân và doanh nghiệp",
)
TEMPLATES = (
    "Thời kỳ 2021–2030, tỉnh {verb} {sector} tại {area}, {link}, nhằm {goal}.",
    "Phấn đấu đến năm {year}, {metric} đạt khoảng {value}{unit}; tầm nhìn đến năm 2050 "
    "đạt {value2}{unit}.",
    "Thực tiễn giai đoạn vừa qua cho thấy {obs}; vì vậy, cần {sol}.",
    "Đối với {area}, định hướng {verb} {sector} {link}.",
    "Các sở, ngành và địa phương cần {sol}, bảo đảm {goal}.",
    "Bên cạnh đó, {obs} là thách thức cần được giải quyết trong thời kỳ quy hoạch.",
    "Việc {verb} {sector} phải được đặt trong tổng thể phát triển chung của vùng và cả "
    "nước, {link}.",
)
CHAPTERS = (
    (
        "Chương I. SỰ CẦN THIẾT LẬP QUY HOẠCH VÀ CÁC CĂN CỨ PHÁP LÝ",
        (
            "Sự cần thiết lập quy hoạch",
            "Căn cứ pháp lý",
            "Phạm vi, ranh giới quy hoạch",
            "Quan điểm, nguyên tắc lập quy hoạch",
            "Phương pháp tiếp cận",
        ),
    ),
    (
        "Chương II. PHÂN TÍCH, ĐÁNH GIÁ CÁC YẾU TỐ, ĐIỀU KIỆN PHÁT TRIỂN ĐẶC THÙ",
        (
            "Vị trí địa lý và vai trò trong vùng",
            "Điều kiện tự nhiên",
            "Tài nguyên thiên nhiên",
            "Dân số và nguồn nhân lực",
            "Bối cảnh trong nước và quốc tế",
        ),
    ),
    (
        "Chương III. ĐÁNH GIÁ THỰC TRẠNG PHÁT TRIỂN KINH TẾ - XÃ HỘI",
        (
            "Tăng trưởng và chuyển dịch cơ cấu kinh tế",
            "Thực trạng các ngành kinh tế",
            "Thực trạng phát triển xã hội",
            "Thực trạng kết cấu hạ tầng",
            "Đánh giá chung về thực trạng phát triển",
        ),
    ),
    (
        "Chương IV. QUAN ĐIỂM, MỤC TIÊU VÀ CÁC ĐỘT PHÁ PHÁT TRIỂN",
        (
            "Quan điểm phát triển",
            "Mục tiêu tổng quát",
            "Các chỉ tiêu cụ thể",
            "Các nhiệm vụ trọng tâm và khâu đột phá",
            "Tầm nhìn đến năm 2050",
        ),
    ),
    (
        "Chương V. PHƯƠNG ÁN PHÁT TRIỂN CÁC NGÀNH QUAN TRỌNG",
        (
            "Ngành nông, lâm nghiệp và thủy sản",
            "Ngành công nghiệp",
            "Ngành thương mại, dịch vụ",
            "Ngành du lịch",
            "Kinh tế số",
            "Giáo dục, y tế, văn hóa và thể thao",
        ),
    ),
    (
        "Chương VI. PHƯƠNG ÁN TỔ CHỨC HOẠT ĐỘNG KINH TẾ - XÃ HỘI",
        (
            "Tổ chức không gian phát triển",
            "Phát triển các vùng động lực",
            "Phương án phát triển hệ thống đô thị",
            "Phương án tổ chức lãnh thổ khu vực nông thôn",
            "Phương án phát triển các khu chức năng",
        ),
    ),
    (
        "Chương VII. PHƯƠNG ÁN PHÁT TRIỂN KẾT CẤU HẠ TẦNG",
        (
            "Mạng lưới giao thông",
            "Hạ tầng cấp điện và năng lượng",
            "Hạ tầng thông tin và truyền thông",
            "Hạ tầng thủy lợi, cấp nước",
            "Hạ tầng xã hội",
        ),
    ),
    (
        "Chương VIII. PHƯƠNG ÁN PHÂN BỔ VÀ KHOANH VÙNG ĐẤT ĐAI",
        (
            "Hiện trạng sử dụng đất",
            "Chỉ tiêu sử dụng đất đến năm 2030",
            "Phương án khoanh vùng đất đai",
            "Tổ chức thực hiện phương án sử dụng đất",
        ),
    ),
    (
        "Chương IX. BẢO VỆ MÔI TRƯỜNG VÀ ỨNG PHÓ VỚI BIẾN ĐỔI KHÍ HẬU",
        (
            "Phân vùng môi trường",
            "Bảo tồn đa dạng sinh học",
            "Quản lý chất thải rắn",
            "Phòng, chống thiên tai",
            "Ứng phó với biến đổi khí hậu",
        ),
    ),
    (
        "Chương X. GIẢI PHÁP, NGUỒN LỰC THỰC HIỆN QUY HOẠCH",
        (
            "Giải pháp huy động vốn đầu tư",
            "Giải pháp phát triển nguồn nhân lực",
            "Giải pháp về khoa học, công nghệ và chuyển đổi số",
            "Giải pháp về cơ chế, chính sách",
            "Tổ chức thực hiện và giám sát quy hoạch",
        ),
    ),
)
PARAGRAPHS_PER_SECTION = 10


def _num(x: float) -> str:
    return f"{x:.1f}".replace(".", ",")


@dataclass(frozen=True)
class Phrases:
    """The long plan's phrase tables and sentence templates; every draw comes from ``rng``."""

    sectors: tuple[str, ...]
    areas: tuple[str, ...]
    verbs: tuple[str, ...]
    links: tuple[str, ...]
    goals: tuple[str, ...]
    metrics: tuple[tuple[str, str, float, float], ...]  # name, unit, low, high
    observations: tuple[str, ...]
    solutions: tuple[str, ...]
    templates: tuple[str, ...]

    def sentence(self, rng: random.Random) -> str:
        metric, unit, low, high = rng.choice(self.metrics)
        value = rng.uniform(low, high)
        return rng.choice(self.templates).format(
            verb=rng.choice(self.verbs),
            sector=rng.choice(self.sectors),
            area=rng.choice(self.areas),
            link=rng.choice(self.links),
            goal=rng.choice(self.goals),
            obs=rng.choice(self.observations),
            sol=rng.choice(self.solutions),
            year=rng.choice((2025, 2030)),
            metric=metric,
            unit=unit if unit == "%" else " " + unit,
            value=_num(value),
            value2=_num(value * rng.uniform(1.1, 1.6)),
        )

    def paragraph(self, rng: random.Random) -> str:
        text = " ".join(self.sentence(rng) for _ in range(rng.randint(3, 6)))
        return text[0].upper() + text[1:]

    def table(self, rng: random.Random) -> tuple[tuple[str, ...], ...]:
        rows = [("TT", "Chỉ tiêu", "Đơn vị", "Năm 2020", "Năm 2025", "Năm 2030")]
        for i, (metric, unit, low, high) in enumerate(rng.sample(self.metrics, 5), start=1):
            a = rng.uniform(low * 0.8, low)
            b = rng.uniform(a, high)
            rows.append(
                (
                    str(i),
                    metric[0].upper() + metric[1:],
                    unit,
                    _num(a),
                    _num(b),
                    _num(rng.uniform(b, high * 1.1)),
                )
            )
        return tuple(rows)


PHRASES = Phrases(SECTORS, AREAS, VERBS, LINKS, GOALS, METRICS, OBSERVATIONS, SOLUTIONS, TEMPLATES)


def write_long_plan(path: Path, *, code: str, marker: str) -> Path:
    rng = random.Random(20212030)
    b = Builder()
    b.new_page()
    state_header(
        b,
        issuer=("ỦY BAN NHÂN DÂN", "TỈNH VÂN SƠN"),
        number="Số: 15/BC-UBND",
        when=date(2025, 1, 6),
        draft=True,
    )
    title(
        b,
        "QUY HOẠCH TỈNH VÂN SƠN",
        ["thời kỳ 2021–2030, tầm nhìn đến năm 2050", "(Báo cáo tổng hợp)"],
    )
    b.paragraph(
        "Tài liệu trình Ban Thường vụ Tỉnh ủy cho ý kiến trước khi trình Hội đồng "
        "nhân dân tỉnh. Báo cáo gồm 10 chương; số liệu trong báo cáo là số liệu dự "
        "báo, sẽ được cập nhật trong quá trình hoàn thiện hồ sơ quy hoạch.",
        face="I",
        size=11.5,
    )
    b.heading("MỤC LỤC", align="center", indent=0, before=6)
    toc_top = b.y
    where: dict[str, tuple[int, float]] = {}
    for c, (chapter, sections) in enumerate(CHAPTERS, start=1):
        b.new_page()
        where[chapter] = (b.page, b.y)
        chap_no, _, chap_title = chapter.partition(". ")
        b.heading(chap_no, align="center", indent=0, size=13, before=0)
        b.toc.append((1, chapter, b.page, b.margins.top))
        b.paragraph(chap_title, face="B", size=13, align="center", indent=0, after=8)
        for s, section in enumerate(sections, start=1):
            b.heading(f"{s}. {section}", level=2)
            for k in range(PARAGRAPHS_PER_SECTION):
                b.paragraph(PHRASES.paragraph(rng))
                if k == 5 and (c + s) % 3 == 0:
                    b.paragraph(
                        f"Bảng {c}.{s}. Dự báo một số chỉ tiêu chủ yếu",
                        face="BI",
                        size=11.5,
                        align="center",
                        indent=0,
                        before=4,
                        after=2,
                        keep=90,
                    )
                    b.table(
                        PHRASES.table(rng),
                        (6, 40, 14, 13, 13, 14),
                        aligns=("center", "left", "center", "right", "right", "right"),
                    )
    contents(b, [(chapter, 1) for chapter, _ in CHAPTERS], where, toc_top, size=10)
    doc_code(b, code, marker)
    b.save(
        path,
        metadata={
            "title": "Quy hoạch tỉnh Vân Sơn thời kỳ 2021–2030, tầm nhìn đến năm 2050 (dự thảo)",
            "author": "Ủy ban nhân dân tỉnh Vân Sơn",
            "subject": f"Mã tài liệu: {code}",
            "keywords": marker,
        },
    )
    return path
