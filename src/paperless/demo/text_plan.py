"""Text of the demo draft plan: 'Kế hoạch chuyển đổi số trong các cơ quan Đảng'."""

from __future__ import annotations

from paperless.demo.official import Block, H, L, P, Table

INTRO = (
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát "
    "triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia; Quyết định số "
    "749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số "
    "quốc gia đến năm 2025, định hướng đến năm 2030, Ban Thường vụ Tỉnh ủy ban hành Kế "
    "hoạch thực hiện chuyển đổi số trong các cơ quan Đảng tỉnh Vân Sơn giai đoạn 2025–2030 "
    "như sau:"
)

TARGETS = Table(
    caption="Bảng 1. Một số chỉ tiêu chuyển đổi số trong các cơ quan Đảng",
    widths=(6, 52, 14, 14, 14),
    aligns=("center", "left", "center", "center", "center"),
    rows=(
        ("TT", "Chỉ tiêu", "Năm 2025", "Năm 2027", "Năm 2030"),
        (
            "1",
            "Văn bản điện tử gửi, nhận giữa các cơ quan Đảng (trừ văn bản mật)",
            "100%",
            "100%",
            "100%",
        ),
        ("2", "Hồ sơ công việc được xử lý trên môi trường mạng ở cấp tỉnh", "80%", "90%", "100%"),
        (
            "3",
            "Cuộc họp của cấp ủy cấp tỉnh, cấp huyện sử dụng hệ thống họp không giấy",
            "60%",
            "90%",
            "100%",
        ),
        ("4", "Cán bộ, công chức được bồi dưỡng kỹ năng số cơ bản", "70%", "90%", "100%"),
        ("5", "Hệ thống thông tin được phê duyệt cấp độ an toàn thông tin", "100%", "100%", "100%"),
        ("6", "Đảng viên sử dụng ứng dụng Sổ tay đảng viên điện tử", "50%", "80%", "95%"),
    ),
)

TASKS = Table(
    caption="Phụ lục. Danh mục nhiệm vụ, dự án chuyển đổi số trọng tâm",
    widths=(6, 44, 26, 24),
    aligns=("center", "left", "left", "center"),
    rows=(
        ("TT", "Nhiệm vụ, dự án", "Cơ quan chủ trì", "Thời gian hoàn thành"),
        (
            "1",
            "Nâng cấp mạng diện rộng của các cơ quan Đảng, kết nối đến cấp xã",
            "Văn phòng Tỉnh ủy",
            "Quý IV/2025",
        ),
        (
            "2",
            "Mở rộng hệ thống họp không giấy cho các đảng bộ trực thuộc",
            "Văn phòng Tỉnh ủy",
            "Quý II/2026",
        ),
        (
            "3",
            "Xây dựng cơ sở dữ liệu đảng viên và tổ chức đảng của tỉnh",
            "Ban Tổ chức Tỉnh ủy",
            "Quý IV/2026",
        ),
        (
            "4",
            "Số hóa hồ sơ, tài liệu lưu trữ của Tỉnh ủy giai đoạn 1930–2020",
            "Văn phòng Tỉnh ủy",
            "Năm 2028",
        ),
        (
            "5",
            "Nền tảng theo dõi, giám sát thực hiện nghị quyết của cấp ủy",
            "Ủy ban Kiểm tra Tỉnh ủy",
            "Quý IV/2027",
        ),
        (
            "6",
            "Trung tâm giám sát an toàn thông tin các cơ quan Đảng",
            "Văn phòng Tỉnh ủy, Công an tỉnh",
            "Quý II/2027",
        ),
        ("7", "Bồi dưỡng kỹ năng số cho cán bộ, đảng viên", "Trường Chính trị tỉnh", "Hằng năm"),
    ),
)

PURPOSE: tuple[Block, ...] = (
    H(1, "I. MỤC ĐÍCH, YÊU CẦU"),
    H(2, "1. Mục đích"),
    P(
        "Quán triệt sâu sắc, cụ thể hóa và tổ chức thực hiện có hiệu quả chủ trương của "
        "Đảng về chuyển đổi số; xác định chuyển đổi số là nhiệm vụ chính trị trọng tâm, là "
        "động lực đổi mới phương thức lãnh đạo của Đảng, nâng cao năng lực lãnh đạo và sức "
        "chiến đấu của các tổ chức đảng."
    ),
    P(
        "Xây dựng các cơ quan Đảng của tỉnh hoạt động trên môi trường số một cách an toàn, "
        "bảo mật; từng bước hình thành cơ quan Đảng số, góp phần thúc đẩy chuyển đổi số "
        "trong toàn hệ thống chính trị và trên địa bàn tỉnh."
    ),
    H(2, "2. Yêu cầu"),
    L(
        "Chuyển đổi số phải gắn với cải cách hành chính trong Đảng, đổi mới lề lối, phương "
        "pháp làm việc; lấy hiệu quả phục vụ công tác lãnh đạo, chỉ đạo làm thước đo."
    ),
    L(
        "Bảo đảm nguyên tắc an toàn, an ninh thông tin, bảo vệ bí mật nhà nước trong mọi "
        "hoạt động chuyển đổi số; tuân thủ quy định về cấp độ an toàn hệ thống thông tin."
    ),
    L(
        "Người đứng đầu cấp ủy, cơ quan, đơn vị trực tiếp chỉ đạo và chịu trách nhiệm về kết "
        "quả chuyển đổi số tại cơ quan, đơn vị mình."
    ),
)

GOALS: tuple[Block, ...] = (
    H(1, "II. MỤC TIÊU"),
    H(2, "1. Mục tiêu chung"),
    P(
        "Đến năm 2030, các cơ quan Đảng của tỉnh cơ bản hoàn thành chuyển đổi số trong hoạt "
        "động lãnh đạo, chỉ đạo, điều hành; dữ liệu số trở thành tài nguyên quan trọng phục "
        "vụ ra quyết định; cán bộ, đảng viên có đủ kỹ năng số để làm việc hiệu quả trên môi "
        "trường số."
    ),
    H(2, "2. Mục tiêu cụ thể"),
    P(
        "Các chỉ tiêu chuyển đổi số chủ yếu trong các cơ quan Đảng của tỉnh đến năm 2025, "
        "2027 và 2030 được xác định tại Bảng 1."
    ),
    TARGETS,
)

TASK_BLOCKS: tuple[Block, ...] = (
    H(1, "III. NHIỆM VỤ, GIẢI PHÁP"),
    H(2, "1. Nâng cao nhận thức về chuyển đổi số"),
    P(
        "Tăng cường tuyên truyền, quán triệt để cán bộ, đảng viên nhận thức đầy đủ vai trò, "
        "ý nghĩa của chuyển đổi số; đưa nội dung chuyển đổi số vào chương trình sinh hoạt "
        "chuyên đề của chi bộ. Biểu dương, nhân rộng các mô hình hay, cách làm hiệu quả trong "
        "chuyển đổi số ở cơ sở."
    ),
    H(2, "2. Hoàn thiện quy chế, quy định phục vụ chuyển đổi số"),
    P(
        "Rà soát, sửa đổi quy chế làm việc của cấp ủy theo hướng công nhận giá trị pháp lý "
        "của văn bản điện tử, chữ ký số và hồ sơ điện tử; ban hành quy chế quản lý, vận hành "
        "hệ thống họp không giấy, quy định về lưu trữ tài liệu điện tử của các cơ quan Đảng."
    ),
    H(2, "3. Phát triển hạ tầng số"),
    P(
        "Nâng cấp mạng diện rộng của các cơ quan Đảng kết nối thông suốt từ tỉnh đến cấp xã; "
        "đầu tư trung tâm dữ liệu dùng chung bảo đảm dự phòng, sao lưu; trang bị thiết bị "
        "đầu cuối an toàn cho cán bộ lãnh đạo phục vụ chuyển đổi số trong công tác lãnh đạo, "
        "chỉ đạo."
    ),
    H(2, "4. Phát triển dữ liệu số"),
    P(
        "Xây dựng cơ sở dữ liệu đảng viên, tổ chức đảng, văn kiện, nghị quyết của cấp ủy "
        "theo chuẩn thống nhất, kết nối với cơ sở dữ liệu của Trung ương; số hóa tài liệu "
        "lưu trữ lịch sử; dữ liệu được cập nhật thường xuyên, đầy đủ, chính xác. Dữ liệu là "
        "nền tảng cốt lõi của chuyển đổi số trong các cơ quan Đảng."
    ),
    H(2, "5. Nền tảng và ứng dụng số"),
    P(
        "Triển khai đồng bộ hệ thống quản lý văn bản và điều hành; mở rộng hệ thống họp "
        "không giấy cho các cuộc họp của Ban Chấp hành, Ban Thường vụ, Thường trực Tỉnh ủy "
        "và cấp ủy cấp huyện. Tài liệu họp được ký số, mã hóa đầu cuối, chỉ người được phân "
        "quyền mới đọc được; tài liệu mật được quản lý, thu hồi theo quy định."
    ),
    P(
        "Phát triển ứng dụng Sổ tay đảng viên điện tử, nền tảng theo dõi thực hiện nghị "
        "quyết, kết luận của cấp ủy; ứng dụng trí tuệ nhân tạo trong tổng hợp, phân tích "
        "thông tin phục vụ lãnh đạo, bảo đảm phù hợp với lộ trình chuyển đổi số chung."
    ),
    H(2, "6. Bảo đảm an toàn, an ninh mạng"),
    P(
        "Triển khai mô hình bảo vệ bốn lớp; định kỳ kiểm tra, đánh giá an toàn thông tin; "
        "xây dựng phương án ứng cứu sự cố. Tuyệt đối không soạn thảo, lưu trữ, truyền đưa "
        "thông tin bí mật nhà nước trên máy tính, thiết bị có kết nối Internet. An toàn thông "
        "tin là điều kiện tiên quyết để chuyển đổi số bền vững."
    ),
    H(2, "7. Phát triển nguồn nhân lực số"),
    P(
        "Kiện toàn bộ phận công nghệ thông tin của Văn phòng Tỉnh ủy; có chính sách thu hút "
        "chuyên gia; tổ chức bồi dưỡng kỹ năng số cho cán bộ, đảng viên; đưa nội dung chuyển "
        "đổi số vào chương trình đào tạo của Trường Chính trị tỉnh."
    ),
    H(2, "8. Kinh phí thực hiện"),
    P(
        "Kinh phí thực hiện chuyển đổi số trong các cơ quan Đảng được bố trí từ ngân sách nhà "
        "nước theo phân cấp hiện hành, lồng ghép với các chương trình, dự án và huy động các "
        "nguồn hợp pháp khác; ưu tiên bố trí vốn cho hạ tầng dùng chung và an toàn thông tin."
    ),
)

IMPLEMENTATION: tuple[Block, ...] = (
    H(1, "IV. TỔ CHỨC THỰC HIỆN"),
    P(
        "Văn phòng Tỉnh ủy là cơ quan thường trực, chủ trì, phối hợp với các ban xây dựng "
        "Đảng, Sở Thông tin và Truyền thông tham mưu Ban Thường vụ Tỉnh ủy tổ chức thực hiện "
        "Kế hoạch; hằng năm tổng hợp, báo cáo kết quả chuyển đổi số trong các cơ quan Đảng."
    ),
    P(
        "Các huyện ủy, thành ủy, đảng ủy trực thuộc xây dựng kế hoạch chuyển đổi số của địa "
        "phương, đơn vị; bố trí nguồn lực; định kỳ 6 tháng báo cáo Ban Thường vụ Tỉnh ủy (qua "
        "Văn phòng Tỉnh ủy). Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo bố trí kinh phí "
        "thực hiện chuyển đổi số theo Kế hoạch."
    ),
    P(
        "Ban Tuyên giáo Tỉnh ủy chỉ đạo công tác tuyên truyền về chuyển đổi số; Ủy ban Kiểm "
        "tra Tỉnh ủy đưa nội dung thực hiện Kế hoạch vào chương trình kiểm tra, giám sát."
    ),
    P(
        "Kế hoạch này được phổ biến đến chi bộ. Trong quá trình thực hiện, nếu có vướng mắc, "
        "các cơ quan, đơn vị báo cáo Ban Thường vụ Tỉnh ủy (qua Văn phòng Tỉnh ủy) để xem xét, "
        "điều chỉnh cho phù hợp."
    ),
)

SECTIONS: tuple[tuple[Block, ...], ...] = (PURPOSE, GOALS, TASK_BLOCKS, IMPLEMENTATION)

RECIPIENTS = (
    "- Văn phòng Trung ương Đảng,",
    "- Các đồng chí Tỉnh ủy viên,",
    "- Các huyện ủy, thành ủy, đảng ủy trực thuộc,",
    "- Các ban, đảng đoàn, ban cán sự đảng,",
    "- Lưu Văn phòng Tỉnh ủy.",
)


# Version 2 of the draft (the demo's revised session): a sentence added at the start, the
# second paragraph of "1. Mục đích" dropped — so notes carry over, and one cannot be placed.
REVISION_NOTE = (
    "Tiếp thu ý kiến của các đồng chí Ủy viên Ban Thường vụ tại phiên họp thứ 12, Văn phòng "
    "Tỉnh ủy đã hoàn chỉnh dự thảo Kế hoạch này. "
)


def revised_sections() -> tuple[tuple[Block, ...], ...]:
    purpose = tuple(b for i, b in enumerate(PURPOSE) if i != 3)
    return (purpose, GOALS, TASK_BLOCKS, IMPLEMENTATION)
