"""Text of the demo report: 'Báo cáo kết quả công tác quý IV năm 2024' (fictional data)."""

from __future__ import annotations

from paperless.demo.official import Block, H, L, P, Table

INTRO = (
    "Thực hiện Quy chế làm việc của Ban Chấp hành Đảng bộ tỉnh khóa XVI, nhiệm kỳ "
    "2020–2025 và Chương trình công tác năm 2024, Ban Thường vụ Tỉnh ủy báo cáo kết quả "
    "lãnh đạo, chỉ đạo thực hiện nhiệm vụ quý IV năm 2024; phương hướng, nhiệm vụ trọng "
    "tâm quý I năm 2025 như sau:"
)

FIGURES = Table(
    caption="Bảng 1. Một số chỉ tiêu kinh tế - xã hội chủ yếu năm 2024",
    unit="(Số liệu ước thực hiện đến ngày 31/12/2024)",
    widths=(6, 38, 12, 14, 14, 14),
    aligns=("center", "left", "center", "right", "right", "right"),
    rows=(
        ("TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch 2024", "Thực hiện 2024", "So với KH (%)"),
        ("1", "Tốc độ tăng trưởng tổng sản phẩm (GRDP)", "%", "7,5", "7,82", "104,3"),
        ("2", "GRDP bình quân đầu người", "triệu đồng", "78,0", "79,6", "102,1"),
        ("3", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "12.500", "13.184", "105,5"),
        ("4", "Tổng vốn đầu tư phát triển toàn xã hội", "tỷ đồng", "41.000", "42.350", "103,3"),
        ("5", "Kim ngạch xuất khẩu hàng hóa", "triệu USD", "2.150", "2.236", "104,0"),
        ("6", "Số doanh nghiệp thành lập mới", "doanh nghiệp", "900", "946", "105,1"),
        ("7", "Số xã đạt chuẩn nông thôn mới (lũy kế)", "xã", "112", "114", "101,8"),
        ("8", "Tỷ lệ hộ nghèo (theo chuẩn đa chiều)", "%", "3,1", "2,87", "Đạt"),
        ("9", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "94,5", "94,8", "Đạt"),
        (
            "10",
            "Tỷ lệ hồ sơ thủ tục hành chính trực tuyến toàn trình",
            "%",
            "55,0",
            "61,4",
            "111,6",
        ),
        ("11", "Tỷ lệ che phủ rừng", "%", "52,0", "52,1", "Đạt"),
    ),
)

PROJECTS = Table(
    caption="Bảng 2. Tiến độ một số công trình, dự án trọng điểm",
    widths=(6, 40, 16, 14, 24),
    aligns=("center", "left", "right", "center", "left"),
    rows=(
        ("TT", "Công trình, dự án", "Tổng mức đầu tư (tỷ đồng)", "Giải ngân (%)", "Tình hình"),
        (
            "1",
            "Đường tỉnh 279 kết nối cao tốc, đoạn qua huyện Suối Ngọc",
            "1.240",
            "86,5",
            "Dự kiến thông xe quý II/2025",
        ),
        ("2", "Cầu Vân Giang và đường dẫn hai đầu cầu", "968", "72,0", "Đang thi công trụ tháp"),
        (
            "3",
            "Bệnh viện Đa khoa tỉnh (cơ sở 2), quy mô 500 giường",
            "1.050",
            "64,2",
            "Hoàn thiện phần thô",
        ),
        (
            "4",
            "Khu công nghiệp Tây Vân Sơn — giai đoạn 1",
            "2.300",
            "48,7",
            "Bàn giao 85% mặt bằng",
        ),
        (
            "5",
            "Trung tâm dữ liệu tỉnh và hệ thống họp không giấy",
            "186",
            "91,0",
            "Vận hành thử nghiệm",
        ),
    ),
)

BLOCKS: tuple[Block, ...] = (
    P(INTRO),
    H(1, "I. KẾT QUẢ LÃNH ĐẠO, CHỈ ĐẠO THỰC HIỆN NHIỆM VỤ QUÝ IV NĂM 2024"),
    H(2, "1. Công tác xây dựng Đảng và hệ thống chính trị"),
    H(3, "1.1. Công tác chính trị, tư tưởng"),
    P(
        "Ban Thường vụ Tỉnh ủy đã lãnh đạo tổ chức nghiên cứu, học tập, quán triệt và triển "
        "khai thực hiện các nghị quyết, chỉ thị, kết luận của Trung ương bảo đảm nghiêm túc, "
        "đúng tiến độ; 100% tổ chức cơ sở đảng hoàn thành việc xây dựng chương trình hành "
        "động. Công tác nắm bắt tình hình tư tưởng cán bộ, đảng viên và nhân dân được thực "
        "hiện thường xuyên; dư luận xã hội cơ bản đồng thuận, tin tưởng vào sự lãnh đạo của "
        "Đảng, sự quản lý, điều hành của chính quyền các cấp."
    ),
    P(
        "Công tác tuyên truyền kỷ niệm các ngày lễ lớn, sự kiện quan trọng của đất nước và "
        "của tỉnh được tổ chức trang trọng, thiết thực, tiết kiệm. Việc đấu tranh phản bác "
        "các quan điểm sai trái, thù địch trên không gian mạng được tăng cường; Ban Chỉ đạo "
        "35 tỉnh đã chỉ đạo gỡ bỏ, xử lý 126 tin, bài có nội dung xấu, độc."
    ),
    H(3, "1.2. Công tác tổ chức, cán bộ"),
    P(
        "Tập trung lãnh đạo việc tổng kết Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương "
        "khóa XII về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh "
        "gọn, hoạt động hiệu lực, hiệu quả; xây dựng phương án sắp xếp, kiện toàn các cơ quan "
        "tham mưu, giúp việc của Tỉnh ủy và các sở, ngành theo định hướng của Trung ương. "
        "Trong quý, Ban Thường vụ đã điều động, luân chuyển 14 cán bộ, bổ nhiệm 9 cán bộ "
        "thuộc diện Ban Thường vụ Tỉnh ủy quản lý, bảo đảm đúng quy trình, quy định."
    ),
    P(
        "Công tác chuẩn bị đại hội đảng bộ các cấp tiến tới Đại hội đại biểu Đảng bộ tỉnh "
        "lần thứ XVII được triển khai chặt chẽ: ban hành kế hoạch tổ chức đại hội; thành lập "
        "các tiểu ban phục vụ đại hội; hoàn thành rà soát, bổ sung quy hoạch cấp ủy nhiệm "
        "kỳ 2025–2030. Toàn Đảng bộ kết nạp mới 862 đảng viên, đạt 107,8% kế hoạch năm."
    ),
    H(3, "1.3. Công tác kiểm tra, giám sát và thi hành kỷ luật đảng"),
    P(
        "Cấp ủy, ủy ban kiểm tra các cấp đã kiểm tra 148 tổ chức đảng và 305 đảng viên, giám "
        "sát chuyên đề 97 tổ chức đảng và 214 đảng viên. Qua kiểm tra, giám sát đã kịp thời "
        "chấn chỉnh những hạn chế, thiếu sót; thi hành kỷ luật 37 đảng viên vi phạm, trong "
        "đó có 2 đảng viên thuộc diện Ban Thường vụ Tỉnh ủy quản lý."
    ),
    H(3, "1.4. Công tác dân vận, Mặt trận Tổ quốc và các đoàn thể"),
    P(
        "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội tiếp tục đổi mới nội dung, "
        'phương thức hoạt động, hướng mạnh về cơ sở. Cuộc vận động "Toàn dân đoàn kết xây '
        'dựng nông thôn mới, đô thị văn minh" đạt nhiều kết quả; Quỹ "Vì người nghèo" các '
        "cấp tiếp nhận 38,6 tỷ đồng, hỗ trợ xây dựng, sửa chữa 412 nhà đại đoàn kết."
    ),
    H(2, "2. Lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội"),
    P(
        "Kinh tế của tỉnh tiếp tục phục hồi và tăng trưởng khá; tốc độ tăng trưởng GRDP năm "
        "2024 ước đạt 7,82%, cao hơn mức bình quân chung của vùng. Cơ cấu kinh tế chuyển dịch "
        "đúng hướng: khu vực công nghiệp - xây dựng chiếm 38,4%; dịch vụ 41,2%; nông, lâm "
        "nghiệp và thủy sản 15,1%; thuế sản phẩm trừ trợ cấp sản phẩm 5,3%. Thu ngân sách nhà "
        "nước vượt dự toán; giải ngân vốn đầu tư công đến ngày 31/12/2024 đạt 91,3% kế hoạch "
        "Thủ tướng Chính phủ giao."
    ),
    FIGURES,
    P(
        "Sản xuất nông nghiệp ổn định; tổng sản lượng lương thực đạt 612 nghìn tấn. Chương "
        "trình mỗi xã một sản phẩm (OCOP) tiếp tục được quan tâm, toàn tỉnh có thêm 46 sản "
        "phẩm đạt 3 sao trở lên. Công tác trồng, chăm sóc và bảo vệ rừng được thực hiện tốt, "
        "không để xảy ra cháy rừng lớn."
    ),
    P(
        "Môi trường đầu tư kinh doanh tiếp tục được cải thiện; trong quý IV, tỉnh cấp mới "
        "chủ trương đầu tư cho 11 dự án với tổng vốn đăng ký 6.820 tỷ đồng. Hoạt động thương "
        "mại, dịch vụ sôi động; tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng năm "
        "2024 ước tăng 11,4% so với năm 2023. Ngành du lịch đón 3,2 triệu lượt khách, tăng "
        "18% so với cùng kỳ."
    ),
    PROJECTS,
    P(
        "Lĩnh vực văn hóa - xã hội có nhiều chuyển biến tích cực. Chất lượng giáo dục toàn "
        "diện được nâng lên; tỷ lệ trường đạt chuẩn quốc gia đạt 81,5%. Công tác chăm sóc sức "
        "khỏe nhân dân được bảo đảm; các chính sách an sinh xã hội, chăm lo người có công, "
        "hộ nghèo, đồng bào dân tộc thiểu số được thực hiện đầy đủ, kịp thời."
    ),
    P(
        "Chuyển đổi số được đẩy mạnh: hệ thống thông tin giải quyết thủ tục hành chính của "
        "tỉnh kết nối, chia sẻ dữ liệu với Cơ sở dữ liệu quốc gia về dân cư; 100% văn bản "
        "giữa các cơ quan Đảng, chính quyền cấp tỉnh được gửi, nhận dưới dạng điện tử, trừ "
        "văn bản mật; hệ thống họp không giấy đã được đưa vào sử dụng thử nghiệm tại các "
        "phiên họp của Ban Thường vụ Tỉnh ủy."
    ),
    H(2, "3. Quốc phòng, an ninh và công tác đối ngoại"),
    P(
        "Quốc phòng, an ninh được giữ vững; tình hình an ninh chính trị, trật tự, an toàn xã "
        "hội ổn định. Tổ chức thành công diễn tập khu vực phòng thủ huyện Suối Ngọc và 18 "
        "cuộc diễn tập chiến đấu phòng thủ cấp xã. Lực lượng công an đã điều tra, làm rõ 92,6% "
        "số vụ phạm tội về trật tự xã hội; tai nạn giao thông giảm cả ba tiêu chí."
    ),
    P(
        "Công tác đối ngoại được triển khai chủ động; tỉnh đã tổ chức thành công Hội nghị "
        "xúc tiến đầu tư năm 2024, ký kết 6 biên bản ghi nhớ hợp tác với các đối tác trong "
        "và ngoài nước."
    ),
    H(2, "4. Hạn chế, khuyết điểm và nguyên nhân"),
    L(
        "Tiến độ một số công trình, dự án trọng điểm còn chậm; công tác giải phóng mặt bằng "
        "ở một số địa phương còn vướng mắc, kéo dài."
    ),
    L(
        "Thu hút đầu tư vào các khu, cụm công nghiệp chưa đạt kỳ vọng; quy mô doanh nghiệp "
        "nhỏ, năng lực cạnh tranh còn hạn chế."
    ),
    L(
        "Việc khai thác, sử dụng các nền tảng số ở một số cơ quan, đơn vị còn mang tính hình "
        "thức; nguồn nhân lực công nghệ thông tin còn thiếu."
    ),
    L("Một bộ phận cán bộ, đảng viên còn né tránh, đùn đẩy trách nhiệm, ngại đổi mới."),
    P(
        "Nguyên nhân chủ yếu là do tác động của tình hình kinh tế thế giới và trong nước; "
        "một số cấp ủy, người đứng đầu chưa quyết liệt trong lãnh đạo, chỉ đạo; công tác phối "
        "hợp giữa các ngành, các cấp có lúc chưa chặt chẽ."
    ),
    H(1, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM QUÝ I NĂM 2025"),
    L(
        "Tổ chức quán triệt, triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của "
        "Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển "
        "đổi số quốc gia; ban hành Kế hoạch chuyển đổi số trong các cơ quan Đảng của tỉnh "
        "giai đoạn 2025–2030."
    ),
    L(
        "Khẩn trương hoàn thành phương án sắp xếp tổ chức bộ máy của hệ thống chính trị tỉnh "
        "theo chỉ đạo của Trung ương; làm tốt công tác chính trị, tư tưởng, chính sách đối "
        "với cán bộ, công chức chịu tác động của việc sắp xếp."
    ),
    L(
        "Lãnh đạo tổ chức đại hội điểm đảng bộ cơ sở; chuẩn bị văn kiện và phương án nhân "
        "sự Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII."
    ),
    L(
        "Tập trung tháo gỡ khó khăn, vướng mắc về mặt bằng, đẩy nhanh tiến độ giải ngân vốn "
        "đầu tư công ngay từ đầu năm; phấn đấu tăng trưởng GRDP quý I đạt trên 7%."
    ),
    L(
        "Chăm lo cho nhân dân vui Xuân, đón Tết Nguyên đán Ất Tỵ năm 2025 an toàn, lành mạnh, "
        "tiết kiệm; bảo đảm mọi người, mọi nhà đều có Tết; giữ vững an ninh chính trị, trật "
        "tự, an toàn xã hội trước, trong và sau Tết."
    ),
    L(
        "Nâng cao chất lượng, hiệu quả công tác kiểm tra, giám sát; tập trung giải quyết dứt "
        "điểm các vụ việc khiếu nại, tố cáo phức tạp, kéo dài."
    ),
    H(1, "III. ĐỀ XUẤT, KIẾN NGHỊ"),
    P(
        "Đề nghị Chính phủ, các bộ, ngành Trung ương quan tâm bố trí vốn hỗ trợ đầu tư các "
        "công trình giao thông kết nối liên vùng; sớm hướng dẫn cơ chế tài chính cho các "
        "nhiệm vụ chuyển đổi số dùng chung của các cơ quan Đảng, Nhà nước ở địa phương."
    ),
    P(
        "Trên đây là báo cáo kết quả công tác quý IV năm 2024, phương hướng, nhiệm vụ trọng "
        "tâm quý I năm 2025 của Ban Thường vụ Tỉnh ủy."
    ),
)

RECIPIENTS = (
    "- Ban Bí thư Trung ương Đảng (để b/c),",
    "- Văn phòng Trung ương Đảng,",
    "- Các đồng chí Tỉnh ủy viên,",
    "- Các ban, đảng đoàn, ban cán sự đảng,",
    "- Lưu Văn phòng Tỉnh ủy.",
)
