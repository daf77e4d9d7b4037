"""Text of the demo confidential personnel item (every person in it is fictional)."""

from __future__ import annotations

from paperless.demo.official import Block, H, L, P, Table

CANDIDATES = Table(
    caption="Bảng tóm tắt thông tin nhân sự được giới thiệu",
    widths=(5, 20, 9, 30, 16, 20),
    aligns=("center", "left", "center", "left", "left", "center"),
    rows=(
        (
            "TT",
            "Họ và tên",
            "Năm sinh",
            "Chức vụ hiện nay",
            "Trình độ",
            "Tín nhiệm tại Hội nghị Tỉnh ủy",
        ),
        (
            "1",
            "Hoàng Minh Đức",
            "1976",
            "Tỉnh ủy viên, Giám đốc Sở Kế hoạch và Đầu tư",
            "Tiến sĩ Kinh tế; Cao cấp LLCT",
            "42/47 (89,4%)",
        ),
        (
            "2",
            "Vũ Thị Lan",
            "1979",
            "Tỉnh ủy viên, Bí thư Huyện ủy Suối Ngọc",
            "Thạc sĩ Quản lý công; Cao cấp LLCT",
            "39/47 (83,0%)",
        ),
    ),
)

BLOCKS: tuple[Block, ...] = (
    H(1, "I. SỰ CẦN THIẾT"),
    P(
        "Ủy ban nhân dân tỉnh nhiệm kỳ 2021–2026 hiện có Chủ tịch và 03 Phó Chủ tịch, thiếu "
        "01 Phó Chủ tịch so với cơ cấu được phê duyệt do một đồng chí nghỉ hưu theo chế độ "
        "từ ngày 01/12/2024. Để bảo đảm sự lãnh đạo, chỉ đạo, điều hành của Ủy ban nhân dân "
        "tỉnh trong lĩnh vực kinh tế, đầu tư, việc kiện toàn chức danh Phó Chủ tịch Ủy ban "
        "nhân dân tỉnh là cần thiết."
    ),
    H(1, "II. TIÊU CHUẨN, ĐIỀU KIỆN"),
    L(
        "Đáp ứng tiêu chuẩn chung của cán bộ và tiêu chuẩn chức danh theo quy định của Bộ "
        "Chính trị; có trong quy hoạch chức danh Phó Chủ tịch Ủy ban nhân dân tỉnh."
    ),
    L(
        "Có bản lĩnh chính trị vững vàng, phẩm chất đạo đức tốt; có năng lực tham mưu, "
        "tổ chức thực hiện trong lĩnh vực kinh tế, đầu tư; đủ sức khỏe và tuổi công tác."
    ),
    H(1, "III. QUY TRÌNH VÀ KẾT QUẢ GIỚI THIỆU NHÂN SỰ"),
    P(
        "Ban Tổ chức Tỉnh ủy đã tham mưu thực hiện quy trình giới thiệu nhân sự theo quy "
        "định, gồm: hội nghị Ban Thường vụ Tỉnh ủy định hướng và giới thiệu nhân sự (bước 1); "
        "hội nghị Ban Chấp hành Đảng bộ tỉnh giới thiệu nhân sự (bước 2); hội nghị Ban "
        "Thường vụ Tỉnh ủy xem xét, lựa chọn nhân sự (bước 3)."
    ),
    CANDIDATES,
    P(
        "Kết quả xác minh, thẩm định tiêu chuẩn chính trị, kê khai tài sản, thu nhập của hai "
        "đồng chí không có vấn đề phải xem xét thêm. Ủy ban Kiểm tra Tỉnh ủy có văn bản kết "
        "luận về tiêu chuẩn chính trị và việc chấp hành quy định của Đảng đối với hai đồng chí."
    ),
    H(1, "IV. ĐỀ XUẤT"),
    P(
        [
            (
                "Ban Tổ chức Tỉnh ủy đề nghị Ban Thường vụ Tỉnh ủy xem xét, thống nhất giới thiệu "
                "đồng chí ",
                "R",
            ),
            ("Hoàng Minh Đức", "B"),
            (
                ", Tỉnh ủy viên, Giám đốc Sở Kế hoạch và Đầu tư để Hội đồng nhân dân tỉnh bầu giữ "
                "chức Phó Chủ tịch Ủy ban nhân dân tỉnh nhiệm kỳ 2021–2026 tại kỳ họp chuyên đề "
                "tháng 01/2025.",
                "R",
            ),
        ]
    ),
    P(
        "Ban Thường vụ Tỉnh ủy biểu quyết bằng phiếu kín theo quy định. Tài liệu này là tài "
        "liệu mật, chỉ phục vụ hội nghị, thu hồi sau khi kết thúc phiên họp.",
        align="left",
    ),
)

RECIPIENTS = (
    "- Đồng chí Bí thư Tỉnh ủy (để b/c),",
    "- Lưu Ban Tổ chức Tỉnh ủy (01 bản).",
)
