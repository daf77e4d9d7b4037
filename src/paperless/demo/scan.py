# PyMuPDF ships partial type annotations; its unannotated calls are fine here.
# mypy: disable-error-code="no-untyped-call"
"""The scanned demo letter: text pages rendered to greyscale images with paper tint, a
slight skew and grain, then rebuilt as a PDF of JPEG page images with no text layer.

Only PyMuPDF is used (no numpy): the grain is a random grey+alpha pixmap laid over the
page before rendering, so all per-pixel work happens inside MuPDF.
"""

from __future__ import annotations

import math
import random
from datetime import date
from pathlib import Path

import pymupdf

from paperless.demo.layout import MM, RED, Builder
from paperless.demo.official import signature, state_header

DPI = 150
JPEG_QUALITY = 55

KINH_GUI = (
    "- Các sở, ban, ngành, đoàn thể tỉnh;",
    "- Ủy ban nhân dân các huyện, thành phố.",
)
BODY = (
    "Để nhân dân trong tỉnh đón Tết Nguyên đán Ất Tỵ năm 2025 vui tươi, lành mạnh, an toàn, "
    "tiết kiệm, Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, Ủy ban nhân dân các huyện, "
    "thành phố tập trung thực hiện tốt một số nội dung sau:",
    "1. Tổ chức các hoạt động mừng Đảng, mừng Xuân, kỷ niệm 95 năm Ngày thành lập Đảng Cộng "
    "sản Việt Nam (03/02/1930 – 03/02/2025) trang trọng, thiết thực; trang trí cờ, hoa, "
    "khẩu hiệu tại trụ sở cơ quan, nơi công cộng, các trục đường chính.",
    "2. Chăm lo đời sống vật chất, tinh thần cho nhân dân, nhất là gia đình chính sách, "
    "người có công với cách mạng, hộ nghèo, hộ cận nghèo, người lao động có hoàn cảnh khó "
    "khăn; bảo đảm mọi người, mọi nhà đều có Tết. Không để người dân nào bị đói, rét trong "
    "dịp Tết.",
    "3. Bảo đảm cân đối cung - cầu, bình ổn giá cả các mặt hàng thiết yếu; tăng cường kiểm "
    "tra, kiểm soát thị trường, chống buôn lậu, gian lận thương mại, hàng giả, hàng kém "
    "chất lượng; bảo đảm an toàn thực phẩm.",
    "4. Giữ vững an ninh chính trị, trật tự, an toàn xã hội; tăng cường tuần tra, kiểm soát, "
    "xử lý nghiêm các vi phạm về trật tự an toàn giao thông, đặc biệt là vi phạm nồng độ "
    "cồn; phòng, chống cháy nổ; nghiêm cấm sản xuất, buôn bán, tàng trữ, sử dụng pháo nổ.",
    "5. Thực hiện nghiêm việc không tổ chức đi thăm, chúc Tết cấp trên và lãnh đạo các cấp; "
    "không tặng quà Tết cho lãnh đạo các cấp dưới mọi hình thức; không sử dụng ngân sách "
    "nhà nước, phương tiện, tài sản công trái quy định.",
    "6. Thủ trưởng các cơ quan, đơn vị bố trí lịch trực Tết, phân công lãnh đạo trực, bảo "
    "đảm giải quyết kịp thời công việc phát sinh; báo cáo tình hình trước, trong và sau Tết "
    "về Ủy ban nhân dân tỉnh (qua Văn phòng Ủy ban nhân dân tỉnh) trước ngày 07/02/2025.",
    "Ủy ban nhân dân tỉnh yêu cầu các cơ quan, đơn vị, địa phương nghiêm túc triển khai "
    "thực hiện./.",
)


def _letter(code: str, marker: str) -> pymupdf.Document:
    b = Builder()
    b.new_page()
    state_header(
        b,
        issuer=("ỦY BAN NHÂN DÂN", "TỈNH VÂN SƠN"),
        number="Số: 56/UBND-VX",
        when=date(2025, 1, 9),
        about="V/v tổ chức các hoạt động mừng Đảng, mừng Xuân Ất Tỵ năm 2025",
    )
    b.paragraph([("Kính gửi:", "R")], align="center", indent=-30 * MM, after=0)
    for line in KINH_GUI:
        b.paragraph(line, left=52 * MM, indent=0, after=0)
    b.space(8)
    for text in BODY:
        b.paragraph(text, size=12.5)
    cx, name_y = signature(
        b,
        lines=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        name="Ngô Thanh Tùng",
        recipients=(
            "- Như trên;",
            "- TT Tỉnh ủy, TT HĐND tỉnh;",
            "- CT, các PCT UBND tỉnh;",
            "- Lưu: VT, VX.",
        ),
    )
    # A round seal overlapping the left of the signature, and a hand-drawn signature.
    sx, sy = cx - 42, name_y - 26
    b.circle(sx, sy, 33, color=RED, width=1.6)
    b.circle(sx, sy, 24, color=RED, width=0.8)
    b.text_at(
        "UBND TỈNH",
        x0=sx - 30,
        x1=sx + 30,
        y=sy - 10,
        face="B",
        size=6.5,
        align="center",
        color=RED,
    )
    b.text_at(
        "VÂN SƠN", x0=sx - 30, x1=sx + 30, y=sy + 1, face="B", size=6.5, align="center", color=RED
    )
    rng = random.Random(56)
    b.polyline(
        [
            (
                cx - 25 + t * 1.5,
                name_y - 28 + 8 * math.sin(t / 2.1) - t * 0.25 + rng.uniform(-0.8, 0.8),
            )
            for t in range(50)
        ],
        width=1.1,
    )
    b.text_at(
        f"Mã tài liệu: {code}",
        x0=b.left,
        x1=b.right,
        y=b.height - 19 * MM,
        size=7.5,
        align="right",
        page=0,
    )
    return b.document(metadata={"keywords": marker})


def _grain(rng: random.Random, width: int, height: int) -> pymupdf.Pixmap:
    """Grey+alpha noise: faint grain everywhere and a few dark specks."""
    n = width * height
    grey = rng.randbytes(n)
    alpha_src = rng.randbytes(n)
    table = bytes(130 if v == 255 else (20 if v >= 215 else 0) for v in range(256))
    grey_table = bytes(50 if v < 60 else 255 for v in range(256))
    samples = bytearray(2 * n)
    samples[0::2] = grey.translate(grey_table)
    samples[1::2] = alpha_src.translate(table)
    return pymupdf.Pixmap(pymupdf.csGRAY, width, height, bytes(samples), True)


def write_scanned_letter(path: Path, *, code: str, marker: str) -> Path:
    rng = random.Random(2025)
    letter = _letter(code, marker)
    out = pymupdf.open()
    try:
        for pno in range(letter.page_count):
            paper = pymupdf.open()
            page = paper.new_page(width=letter[pno].rect.width, height=letter[pno].rect.height)
            rect = page.rect
            page.draw_rect(rect, color=None, fill=(0.91, 0.90, 0.88))
            for i in range(6):  # the scanner lid's shadow on one edge
                page.draw_rect(
                    pymupdf.Rect(0, 0, 3 + 2 * i, rect.height),
                    color=None,
                    fill=(0.5, 0.5, 0.5),
                    fill_opacity=0.08,
                )
            inner = rect + (4 * MM, 3 * MM, -2 * MM, -3 * MM)
            page.show_pdf_page(inner, letter, pno, rotate=rng.uniform(-0.9, 0.9))
            page.insert_image(rect, pixmap=_grain(rng, 620, 877))
            pix = page.get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY, alpha=False)
            paper.close()
            jpeg = pix.tobytes("jpeg", jpg_quality=JPEG_QUALITY)
            target = out.new_page(width=rect.width, height=rect.height)
            target.insert_image(target.rect, stream=jpeg)
        out.set_metadata(
            {
                "title": "Công văn số 56/UBND-VX (bản quét)",
                "author": "Ủy ban nhân dân tỉnh Vân Sơn",
                "producer": "Paperless demo generator",
                "subject": f"Mã tài liệu: {code}",
                "keywords": marker,
            }
        )
        out.save(str(path), garbage=3, deflate=True)
    finally:
        out.close()
        letter.close()
    return path
