<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>About</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/about.py" line="+14" />
        <source>About Paperless</source>
        <translation>Giới thiệu Paperless</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Paperless %1</source>
        <translation>Paperless %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A secure, offline reader for paperless committee meetings. Session files are signed by the office and encrypted for each member; nothing decrypted is ever written to this computer's disk.

Licence: GNU AGPL version 3 or later. Fonts: Noto Sans (SIL Open Font Licence).</source>
        <translation>Phần mềm đọc tài liệu an toàn, không cần mạng, dành cho các cuộc họp không giấy. Tệp phiên họp do Văn phòng ký số và mã hóa riêng cho từng đồng chí; không có nội dung đã giải mã nào được ghi ra ổ đĩa của máy tính này.

Giấy phép: GNU AGPL phiên bản 3 trở về sau. Phông chữ: Noto Sans (Giấy phép SIL Open Font).</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../src/paperless/gui/actions.py" line="+154" />
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open a session file…</source>
        <translation>&amp;Mở tệp phiên họp…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Recent sessions</source>
        <translation>Phiên họp &amp;gần đây</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sessions on this &amp;computer</source>
        <translation>&amp;Các phiên họp trên máy này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close the session</source>
        <translation>Đó&amp;ng phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Trust an office card…</source>
        <translation>&amp;Tin cậy thẻ của Văn phòng…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save my public card…</source>
        <translation>&amp;Lưu thẻ công khai của tôi…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Export annotated PDF…</source>
        <translation>Xuất &amp;PDF có chú thích…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export my &amp;notes…</source>
        <translation>&amp;Xuất ghi chú của tôi…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Connect to the office ser&amp;ver…</source>
        <translation>&amp;Kết nối máy chủ văn phòng…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>S&amp;ync my notes now</source>
        <translation>Đồng &amp;bộ ghi chú ngay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Fetch new sessions</source>
        <translation>Tải phiên họp &amp;mới</translation>
    </message>
    <message>
        <location line="+1" />
        <source>My &amp;devices…</source>
        <translation>&amp;Thiết bị của tôi…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Clerk's &amp;workspace…</source>
        <translation>&amp;Không gian làm việc của Văn phòng…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Lock now</source>
        <translation>&amp;Khóa ngay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit</source>
        <translation>&amp;Chỉnh sửa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Bookmark this page</source>
        <translation>Đánh dấu &amp;trang này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Search the whole session</source>
        <translation>&amp;Tìm kiếm trong toàn bộ phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Zoom &amp;in</source>
        <translation>&amp;Phóng to</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Zoom &amp;out</source>
        <translation>Th&amp;u nhỏ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fit &amp;width</source>
        <translation>Vừa chiều &amp;rộng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fit &amp;page</source>
        <translation>Vừa tr&amp;ang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Actual size</source>
        <translation>&amp;Kích thước thực</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Night reading mode</source>
        <translation>Chế độ đọc &amp;ban đêm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>F&amp;ull screen</source>
        <translation>Toàn &amp;màn hình</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A&amp;genda</source>
        <translation>&amp;Chương trình hội nghị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>My &amp;notes</source>
        <translation>&amp;Ghi chú của tôi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Comments to the office</source>
        <translation>&amp;Góp ý gửi Văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Thumbnails</source>
        <translation>&amp;Hình thu nhỏ các trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>O&amp;utline</source>
        <translation>Mục &amp;lục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;About Paperless</source>
        <translation>&amp;Giới thiệu Paperless</translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/action_state.py" line="+82" />
        <source>Open a session file you received from the office</source>
        <translation>Mở tệp phiên họp đồng chí nhận được từ Văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show the sessions already opened on this computer</source>
        <translation>Xem các phiên họp đã mở trên máy này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close this session and go back to the list of sessions</source>
        <translation>Đóng phiên họp này và quay về danh sách các phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Accept session files signed by an office, after checking its fingerprint</source>
        <translation>Chấp nhận các tệp phiên họp do một Văn phòng ký, sau khi đã đối chiếu dấu vân tay</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save your public card to a file, to give it to the office</source>
        <translation>Lưu thẻ công khai của đồng chí ra tệp để gửi cho Văn phòng</translation>
    </message>
    <message>
        <location line="-24" />
        <source>Save a copy of this document with your annotations, readable by other programs (not protected)</source>
        <translation>Lưu một bản sao của tài liệu này kèm các chú thích của đồng chí, mở được bằng phần mềm khác (không được bảo vệ)</translation>
    </message>
    <message>
        <location line="-14" />
        <source>This session has expired: its documents can no longer be printed or exported</source>
        <translation>Phiên họp này đã hết hạn: không thể in hoặc xuất tài liệu của phiên họp nữa</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This document is classified: it may not be copied, printed or exported</source>
        <translation>Tài liệu mật: không được sao chép, in hoặc xuất ra</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The office does not allow copying this session's text</source>
        <translation>Văn phòng không cho phép sao chép nội dung của phiên họp này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The office does not allow printing or exporting this session's documents</source>
        <translation>Văn phòng không cho phép in hoặc xuất tài liệu của phiên họp này</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Save all your notes of this session as one document (not protected)</source>
        <translation>Lưu toàn bộ ghi chú của đồng chí trong phiên họp này thành một tài liệu (không được bảo vệ)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Bookmark the page you are reading</source>
        <translation>Đánh dấu trang đang đọc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show or hide your notes, bookmarks and annotations on the right</source>
        <translation>Hiện hoặc ẩn ghi chú, dấu trang và chú thích của đồng chí ở bên phải</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show or hide your comments to the office on drafts and the polls of this session</source>
        <translation>Hiện hoặc ẩn các góp ý gửi Văn phòng về dự thảo và phiếu lấy ý kiến của phiên họp này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Close Paperless</source>
        <translation>Đóng Paperless</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hide the documents now; your passphrase is asked to go on</source>
        <translation>Ẩn tài liệu ngay; muốn đọc tiếp phải nhập mật khẩu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Keep your notes in step between your computers through the office server, with the file the office gave you</source>
        <translation>Đồng bộ ghi chú giữa các máy tính của đồng chí qua máy chủ văn phòng, bằng tệp do văn phòng cung cấp</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Send and fetch your notes through the office server now</source>
        <translation>Gửi và nhận ghi chú qua máy chủ văn phòng ngay bây giờ</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+4" />
        <source>Connect to the office server first (File menu)</source>
        <translation>Hãy kết nối máy chủ văn phòng trước (trình đơn Tệp)</translation>
    </message>
    <message>
        <location line="-3" />
        <source>The computers that hold your notes; revoke a lost one</source>
        <translation>Các máy tính đang giữ ghi chú của đồng chí; vô hiệu hoá máy bị mất</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Prepare, publish and follow a session for the committee</source>
        <translation>Chuẩn bị, phát hành và theo dõi một phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Download the sessions the office published for you on its server</source>
        <translation>Tải về các phiên họp Văn phòng đã gửi cho đồng chí qua máy chủ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Show or hide the search across every document of the session</source>
        <translation>Hiện hoặc ẩn khung tìm kiếm trong mọi tài liệu của phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Make the page bigger</source>
        <translation>Phóng to trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Make the page smaller</source>
        <translation>Thu nhỏ trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Make the page as wide as the window</source>
        <translation>Phóng trang vừa chiều rộng cửa sổ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show the whole page in the window</source>
        <translation>Hiện trọn cả trang trong cửa sổ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show the page at its printed size</source>
        <translation>Hiện trang đúng kích thước khi in</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Light text on a dark page, easier on the eyes at night</source>
        <translation>Chữ sáng trên nền trang tối, đỡ mỏi mắt khi đọc ban đêm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show only the document, on the whole screen</source>
        <translation>Chỉ hiện tài liệu trên toàn màn hình</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show or hide the agenda on the left</source>
        <translation>Hiện hoặc ẩn chương trình hội nghị ở bên trái</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show or hide small pictures of the pages</source>
        <translation>Hiện hoặc ẩn hình thu nhỏ các trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show or hide the document's table of contents</source>
        <translation>Hiện hoặc ẩn mục lục của tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The version of Paperless and its licence</source>
        <translation>Phiên bản và giấy phép sử dụng của Paperless</translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/actions.py" line="+1" />
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/action_state.py" line="-55" />
        <source>Print this document with the watermark and your annotations</source>
        <translation>In tài liệu này kèm hình mờ và chú thích của đồng chí</translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/agenda_page.py" line="+128" />
        <source>Agenda</source>
        <translation>Chương trình hội nghị</translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <location filename="../../src/paperless/gui/agenda.py" line="+347" />
        <source>Mark as unread</source>
        <translation>Đánh dấu là chưa đọc</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mark as read</source>
        <translation>Đánh dấu là đã đọc</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+1" />
        <source>Agenda</source>
        <translation>Chương trình hội nghị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Items and their documents. Press Enter to open a document.</source>
        <translation>Các mục và tài liệu kèm theo. Nhấn Enter để mở tài liệu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>No session is open.</source>
        <translation>Chưa mở phiên họp nào.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>%1 unread documents</source>
        <translation>%1 tài liệu chưa đọc</translation>
    </message>
    <message>
        <location line="+4" />
        <source>This session expired on %1; documents can no longer be opened.</source>
        <translation>Phiên họp này đã hết hạn lúc %1; không thể mở tài liệu nữa.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Written opinion poll: %1</source>
        <translation>Phiếu lấy ý kiến: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the poll to answer it (by %1)</source>
        <translation>Mở phiếu để trả lời (hạn %1)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Presented by %1</source>
        <translation>Trình bày: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Restricted to: %1</source>
        <translation>Chỉ dành cho: %1</translation>
    </message>
</context>
<context>
    <name>Annotating</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_make.py" line="+120" />
        <source>The text of this page could not be read: nothing was marked.</source>
        <translation>Không đọc được nội dung văn bản của trang này nên chưa đánh dấu được gì.</translation>
    </message>
</context>
<context>
    <name>AnnotationEditing</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_edit.py" line="+138" />
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
</context>
<context>
    <name>AnnotationKind</name>
    <message>
        <location filename="../../src/paperless/gui/notes/kinds.py" line="+23" />
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Strike-out</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drawing</source>
        <translation>Nét vẽ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sticky note</source>
        <translation>Ghi chú dán</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Text box</source>
        <translation>Hộp văn bản</translation>
    </message>
</context>
<context>
    <name>AnnotationMenu</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_menu.py" line="+27" />
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Edit the text…</source>
        <translation>Sửa nội dung…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Edit the comment…</source>
        <translation>Sửa ý kiến…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add a comment…</source>
        <translation>Thêm ý kiến…</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
</context>
<context>
    <name>AnnotationToolBar</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/toolbar.py" line="+160" />
        <source>Select</source>
        <translation>Chọn</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Select text or an annotation to move, change or delete it</source>
        <translation>Chọn đoạn văn bản, hoặc chọn một chú thích để di chuyển, sửa hay xóa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Highlight text: drag over it, or select it first</source>
        <translation>Tô sáng văn bản: kéo chuột qua đoạn cần tô, hoặc chọn đoạn đó trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Underline</source>
        <translation>Gạch chân</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Underline text: drag over it, or select it first</source>
        <translation>Gạch chân văn bản: kéo chuột qua đoạn cần gạch, hoặc chọn đoạn đó trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Strike out</source>
        <translation>Gạch ngang</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Strike out text: drag over it, or select it first</source>
        <translation>Gạch ngang văn bản: kéo chuột qua đoạn cần gạch, hoặc chọn đoạn đó trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pen</source>
        <translation>Bút vẽ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Draw freehand with the mouse, touchpad or pen</source>
        <translation>Vẽ tự do bằng chuột, bàn di chuột hoặc bút cảm ứng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Eraser</source>
        <translation>Tẩy</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Erase pen strokes: drag over them</source>
        <translation>Xóa nét vẽ: kéo chuột qua các nét cần xóa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sticky note</source>
        <translation>Ghi chú dán</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Add a sticky note: click where it goes</source>
        <translation>Thêm ghi chú dán: bấm vào chỗ cần đặt ghi chú</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Text box</source>
        <translation>Hộp văn bản</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Write on the page: drag a box, then type</source>
        <translation>Viết lên trang: kéo chuột để tạo khung, rồi gõ chữ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Yellow</source>
        <translation>Vàng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Green</source>
        <translation>Xanh lá</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Blue</source>
        <translation>Xanh dương</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pink</source>
        <translation>Hồng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Red</source>
        <translation>Đỏ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Black</source>
        <translation>Đen</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Fine</source>
        <translation>Mảnh</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Medium</source>
        <translation>Vừa</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Thick</source>
        <translation>Dày</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Marker</source>
        <translation>Bút dạ</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Annotations</source>
        <translation>Chú thích</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Annotation tools</source>
        <translation>Công cụ chú thích</translation>
    </message>
    <message>
        <location line="+9" />
        <source>{name} ({points} pt)</source>
        <translation>{name} ({points} pt)</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+132" />
        <source>Colour</source>
        <translation>Màu</translation>
    </message>
    <message>
        <location line="-130" />
        <location line="+146" />
        <source>Pen width</source>
        <translation>Độ dày nét</translation>
    </message>
    <message>
        <location line="-138" />
        <source>Undo the last change to your annotations ({keys})</source>
        <translation>Hoàn tác thay đổi gần nhất trong các chú thích của đồng chí ({keys})</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Redo the change you undid ({keys})</source>
        <translation>Làm lại thay đổi vừa hoàn tác ({keys})</translation>
    </message>
    <message>
        <location line="+118" />
        <source>Colour: {name}</source>
        <translation>Màu: {name}</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Pen width: {points} pt</source>
        <translation>Độ dày nét: {points} pt</translation>
    </message>
</context>
<context>
    <name>AnnotationsTab</name>
    <message>
        <location filename="../../src/paperless/gui/notes/annotation_list.py" line="+172" />
        <source>Not placed: their text changed in this version</source>
        <translation>Chưa đặt lại được: đoạn văn đã thay đổi trong phiên bản này</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pages %1–%2</source>
        <translation>Trang %1–%2</translation>
    </message>
    <message>
        <location line="+20" />
        <source>version from another device</source>
        <translation>phiên bản từ thiết bị khác</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Changed on another of your devices at the same time as this one's version; both are kept. Delete the one you do not want.</source>
        <translation>Được sửa trên một thiết bị khác của đồng chí cùng lúc với bản trên máy này; cả hai bản được giữ. Hãy xoá bản không cần.</translation>
    </message>
    <message>
        <location line="+27" />
        <source>Place it in the document on screen</source>
        <translation>Đặt vào tài liệu đang mở</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drop it</source>
        <translation>Bỏ chú thích này</translation>
    </message>
    <message>
        <location line="+18" />
        <location line="+63" />
        <source>All documents</source>
        <translation>Tất cả tài liệu</translation>
    </message>
    <message>
        <location line="-49" />
        <source>All kinds</source>
        <translation>Tất cả các loại</translation>
    </message>
    <message>
        <location line="+16" />
        <source>All colours</source>
        <translation>Tất cả các màu</translation>
    </message>
    <message>
        <location line="+12" />
        <source>No session is open.</source>
        <translation>Chưa mở phiên họp nào.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Opening your notes…</source>
        <translation>Đang mở ghi chú của đồng chí…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Nothing matches these filters.</source>
        <translation>Không có chú thích nào khớp với các bộ lọc này.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>You have not marked anything in this session yet. Select text on a page to highlight it, or use the drawing and note tools.</source>
        <translation>Đồng chí chưa đánh dấu nội dung nào trong phiên họp này. Hãy chọn đoạn văn bản trên trang để tô sáng, hoặc dùng các công cụ vẽ và ghi chú.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Show the annotations of</source>
        <translation>Hiện chú thích thuộc tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show annotations of the kind</source>
        <translation>Hiện chú thích thuộc loại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show annotations of the colour</source>
        <translation>Hiện chú thích có màu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>My annotations in this session</source>
        <translation>Chú thích của tôi trong phiên họp này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Press Enter to go to the annotation. One that could not be placed: Enter places it in the document on screen, Delete drops it.</source>
        <translation>Nhấn Enter để đến chú thích. Với chú thích chưa đặt lại được: Enter đặt nó vào tài liệu đang mở, Delete bỏ nó.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../src/paperless/gui/banner.py" line="+140" />
        <source>Information</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Warning</source>
        <translation>Lưu ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Problem</source>
        <translation>Sự cố</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+1" />
        <source>Close this message</source>
        <translation>Đóng thông báo này</translation>
    </message>
</context>
<context>
    <name>BookmarksTab</name>
    <message>
        <location filename="../../src/paperless/gui/notes/bookmarks.py" line="+139" />
        <location line="+101" />
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <location line="-37" />
        <source>Go to this page</source>
        <translation>Chuyển đến trang này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rename…</source>
        <translation>Đổi tên…</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+28" />
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="-5" />
        <source>No document is open.</source>
        <translation>Chưa mở tài liệu nào.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Label</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Bookmarks of this document</source>
        <translation>Dấu trang của tài liệu này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Bookmark this page</source>
        <translation>Đánh dấu trang này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Bookmark the page you are reading (Ctrl+D)</source>
        <translation>Đánh dấu trang đang đọc (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Delete the selected bookmark (Del)</source>
        <translation>Xóa dấu trang đã chọn (Del)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No bookmarks in this document yet. Press Ctrl+D to bookmark the page you are reading.</source>
        <translation>Tài liệu này chưa có dấu trang nào. Nhấn Ctrl+D để đánh dấu trang đang đọc.</translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/card_view.py" line="+65" />
        <source>Fingerprint</source>
        <translation>Dấu vân tay</translation>
    </message>
    <message>
        <location line="+5" />
        <source>office (signer)</source>
        <translation>Văn phòng (người ký)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>member</source>
        <translation>thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Role: %1 — fingerprint:</source>
        <translation>Vai trò: %1 — dấu vân tay:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This card file was made by an older version of Paperless: check these 40 digits, not the 20 written on it.</source>
        <translation>Tệp thẻ này do phiên bản Paperless cũ tạo: hãy đối chiếu 40 chữ số này, không phải 20 chữ số ghi trên thẻ.</translation>
    </message>
</context>
<context>
    <name>Classification</name>
    <message>
        <location filename="../../src/paperless/gui/classification.py" line="+30" />
        <source>Confidential (Mật)</source>
        <translation>Mật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Secret (Tối mật)</source>
        <translation>Tối mật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Top secret (Tuyệt mật)</source>
        <translation>Tuyệt mật</translation>
    </message>
    <message>
        <location line="+9" />
        <source>%1 document: it may not be copied, printed or exported, and will be recalled after the meeting.</source>
        <translation>Tài liệu %1: không được sao chép, in hoặc xuất ra; tài liệu sẽ được thu hồi sau hội nghị.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 document: it may not be copied, printed or exported.</source>
        <translation>Tài liệu %1: không được sao chép, in hoặc xuất ra.</translation>
    </message>
</context>
<context>
    <name>ClerkPassphraseDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/passphrase.py" line="+83" />
        <source>Sign the bundle</source>
        <translation>Ký gói tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The office's passphrase</source>
        <translation>Mật khẩu của Văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The bundle is signed with the office's key:
%1 (fingerprint %2)</source>
        <translation>Gói tài liệu được ký bằng khóa của Văn phòng:
%1 (dấu vân tay %2)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Sign</source>
        <translation>&amp;Ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Please type the passphrase.</source>
        <translation>Xin hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Checking the passphrase…</source>
        <translation>Đang kiểm tra mật khẩu…</translation>
    </message>
    <message>
        <location line="+31" />
        <source>Wrong passphrase. You can try again in %1 s.</source>
        <translation>Sai mật khẩu. Có thể thử lại sau %1 giây.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Wrong passphrase. Please try again.</source>
        <translation>Sai mật khẩu. Xin hãy thử lại.</translation>
    </message>
</context>
<context>
    <name>ClerkSteps</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/steps.py" line="+95" />
        <source>Session</source>
        <translation>Phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agenda and documents</source>
        <translation>Chương trình và tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Build and publish</source>
        <translation>Tạo gói và phát hành</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow</source>
        <translation>Theo dõi</translation>
    </message>
</context>
<context>
    <name>ClerkWindow</name>
    <message numerus="yes">
        <location filename="../../src/paperless/gui/clerk/window.py" line="+195" />
        <source>%n thing(s) to fix on this step</source>
        <translation>
            <numerusform>%n điều cần sửa ở bước này</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n thing(s) to fix before building</source>
        <translation>
            <numerusform>Còn %n điều cần sửa trước khi tạo gói</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0" />
        <source>Ready to build</source>
        <translation>Sẵn sàng tạo gói</translation>
    </message>
    <message>
        <location line="+1" />
        <source>New session</source>
        <translation>Phiên họp mới</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Prepare a session — %1%2</source>
        <translation>Chuẩn bị phiên họp — %1%2</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Undo: %1</source>
        <translation>&amp;Hoàn tác: %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Redo: %1</source>
        <translation>&amp;Làm lại: %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Edit</source>
        <translation>&amp;Sửa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Go</source>
        <translation>Đ&amp;i tới</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;New session</source>
        <translation>Phiên họp &amp;mới</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open a session…</source>
        <translation>&amp;Mở một phiên họp…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save &amp;as…</source>
        <translation>Lưu &amp;thành…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close the workspace</source>
        <translation>Đó&amp;ng không gian làm việc</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Choose an empty folder for the new session</source>
        <translation>Chọn một thư mục trống cho phiên họp mới</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Open a session</source>
        <translation>Mở một phiên họp</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Session (session.toml *.toml)</source>
        <translation>Phiên họp (session.toml *.toml)</translation>
    </message>
    <message>
        <location line="+14" />
        <location line="+15" />
        <source>Saved</source>
        <translation>Đã lưu</translation>
    </message>
    <message>
        <location line="-8" />
        <source>Save the session as</source>
        <translation>Lưu phiên họp thành</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Session (*.toml)</source>
        <translation>Phiên họp (*.toml)</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Could not save</source>
        <translation>Không lưu được</translation>
    </message>
    <message>
        <location line="+22" />
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The session has changes that are not saved. Save them?</source>
        <translation>Phiên họp có thay đổi chưa được lưu. Lưu lại không?</translation>
    </message>
</context>
<context>
    <name>Colour</name>
    <message>
        <location filename="../../src/paperless/gui/notes/kinds.py" line="+48" />
        <source>Black</source>
        <translation>Đen</translation>
    </message>
    <message>
        <location line="+2" />
        <source>White</source>
        <translation>Trắng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Grey</source>
        <translation>Xám</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Red</source>
        <translation>Đỏ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Orange</source>
        <translation>Cam</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Yellow</source>
        <translation>Vàng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Green</source>
        <translation>Xanh lá</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Turquoise</source>
        <translation>Xanh ngọc</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Blue</source>
        <translation>Xanh dương</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Purple</source>
        <translation>Tím</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Pink</source>
        <translation>Hồng</translation>
    </message>
</context>
<context>
    <name>CommentEditor</name>
    <message>
        <location filename="../../src/paperless/gui/consultation/widgets.py" line="+185" />
        <location line="+44" />
        <source>Comment to the office</source>
        <translation>Góp ý gửi Văn phòng</translation>
    </message>
    <message>
        <location line="-43" />
        <source>Keep what you wrote as a draft?</source>
        <translation>Giữ lại nội dung đồng chí đã viết làm bản nháp?</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Discard</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Go on writing</source>
        <translation>Viết tiếp</translation>
    </message>
    <message>
        <location line="+42" />
        <source>Your comment on “%1”</source>
        <translation>Góp ý của đồng chí về “%1”</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Your comment on the item as a whole: “%1”</source>
        <translation>Góp ý chung về nội dung: “%1”</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+3" />
        <source>The passage you selected:</source>
        <translation>Đoạn đồng chí đã chọn:</translation>
    </message>
    <message>
        <location line="-2" />
        <location line="+3" />
        <source>Where in the draft (you may change it):</source>
        <translation>Vị trí trong dự thảo (đồng chí có thể sửa):</translation>
    </message>
    <message>
        <location line="-2" />
        <location line="+3" />
        <source>Your comment:</source>
        <translation>Nội dung góp ý:</translation>
    </message>
    <message>
        <location line="-52" />
        <location line="+53" />
        <source>Save draft</source>
        <translation>Lưu nháp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The deadline for comments (%1) has passed: you can still send, and the office will mark the comment as late.</source>
        <translation>Đã quá hạn góp ý (%1): đồng chí vẫn gửi được, Văn phòng sẽ ghi là gửi sau hạn.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Deadline for comments: %1. A draft stays on this computer until you send it.</source>
        <translation>Hạn góp ý: %1. Bản nháp chỉ lưu trên máy này cho đến khi đồng chí gửi.</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <location line="+282" />
        <source>General comments</source>
        <translation>Ý kiến chung</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Written opinion polls</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <location line="+6" />
        <source>closed at %1</source>
        <translation>đã hết hạn lúc %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>answer by %1</source>
        <translation>hạn trả lời: %1</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Deadline for comments: %1</source>
        <translation>Hạn góp ý: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>passed: comments sent now are marked late</source>
        <translation>đã quá hạn: góp ý gửi bây giờ sẽ ghi là gửi sau hạn</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Draft</source>
        <translation>Nháp</translation>
    </message>
    <message>
        <location line="-184" />
        <location line="+186" />
        <source>Sent — waiting for sync</source>
        <translation>Đã gửi — chờ đồng bộ</translation>
    </message>
    <message>
        <location line="-190" />
        <source>Not answered yet</source>
        <translation>Chưa trả lời</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+190" />
        <source>Received by the office (%1)</source>
        <translation>Văn phòng đã nhận (%1)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Sent after the deadline</source>
        <translation>Gửi sau hạn</translation>
    </message>
    <message>
        <location line="+65" />
        <source>Agreed with the draft (sent)</source>
        <translation>Đã gửi: nhất trí với dự thảo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agree with the draft, no comments</source>
        <translation>Nhất trí với dự thảo, không có ý kiến</translation>
    </message>
    <message>
        <location line="+35" />
        <location line="+1" />
        <source>Comments to the office</source>
        <translation>Góp ý gửi Văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed and sealed to the office; sent at the next sync.</source>
        <translation>Được ký và mã hoá gửi Văn phòng; gửi đi ở lần đồng bộ tới.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Comment on the item…</source>
        <translation>Góp ý chung…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Amend…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Withdraw…</source>
        <translation>Rút lại…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send all drafts</source>
        <translation>Gửi tất cả bản nháp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the poll…</source>
        <translation>Mở phiếu…</translation>
    </message>
</context>
<context>
    <name>CommentsView</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_views.py" line="+279" />
        <source>Export the consolidation table (Ctrl+E)</source>
        <translation>Xuất bảng tổng hợp ý kiến (Ctrl+E)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Writes the table “Bản tổng hợp, giải trình, tiếp thu ý kiến” with your answers, as Word and Excel files, into the session's folder.</source>
        <translation>Ghi “Bản tổng hợp, giải trình, tiếp thu ý kiến” kèm ý kiến giải trình của Văn phòng, thành tệp Word và Excel, vào thư mục của phiên họp.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The office's &amp;answer to this comment (Ý kiến giải trình, tiếp thu):</source>
        <translation>Ý kiến &amp;giải trình, tiếp thu của Văn phòng cho góp ý này:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Place and comment</source>
        <translation>Vị trí và nội dung góp ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Office's answer</source>
        <translation>Ý kiến giải trình, tiếp thu</translation>
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>{title} — %n comment(s)</source>
        <translation>
            <numerusform>{title} — %n ý kiến</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>General comments</source>
        <translation>Ý kiến chung</translation>
    </message>
    <message>
        <location line="+6" />
        <source>sent after the deadline</source>
        <translation>gửi sau hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>amended</source>
        <translation>đã sửa</translation>
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>%n comment(s) received.</source>
        <translation>
            <numerusform>Đã nhận %n ý kiến góp ý.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>No comment has arrived yet. Members who send nothing are deemed to agree.</source>
        <translation>Chưa có ý kiến góp ý nào. Đồng chí không gửi ý kiến được xem như thống nhất với dự thảo.</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n refused (not counted): </source>
        <translation>
            <numerusform>%n ý kiến bị từ chối (không tính): </numerusform>
        </translation>
    </message>
    <message>
        <location line="+24" />
        <source>Choose a comment above to read it whole and write the office's answer.</source>
        <translation>Chọn một ý kiến ở trên để đọc đầy đủ và ghi ý kiến giải trình, tiếp thu của Văn phòng.</translation>
    </message>
</context>
<context>
    <name>ConnectOffice</name>
    <message>
        <location filename="../../src/paperless/gui/sync/connect.py" line="+27" />
        <source>Office server files (*.toml);;All files (*)</source>
        <translation>Tệp máy chủ văn phòng (*.toml);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location line="+12" />
        <location line="+15" />
        <location line="+84" />
        <source>Connect to the office server</source>
        <translation>Kết nối máy chủ văn phòng</translation>
    </message>
    <message>
        <location line="-83" />
        <source>This file, signed by your office, names the office server %1. Your notes will be kept in step between your computers through it, encrypted so that the server cannot read them.</source>
        <translation>Tệp này, có chữ ký của văn phòng, chỉ định máy chủ văn phòng %1. Ghi chú của đồng chí sẽ được đồng bộ giữa các máy tính qua máy chủ này, được mã hoá để máy chủ không đọc được.</translation>
    </message>
    <message>
        <location line="+6" />
        <location line="+68" />
        <source>C&amp;onnect</source>
        <translation>&amp;Kết nối</translation>
    </message>
    <message>
        <location line="-4" />
        <source>The office has sent the address of its server with this session:
%1
Connect to keep your notes in step between your computers?</source>
        <translation>Văn phòng đã gửi kèm địa chỉ máy chủ trong phiên họp này:
%1
Kết nối để đồng bộ ghi chú giữa các máy tính của đồng chí?</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The office has sent the address of a new server with this session:
%1
This computer now syncs your notes with:
%2
Change to the new server?</source>
        <translation>Văn phòng đã gửi kèm địa chỉ máy chủ mới trong phiên họp này:
%1
Máy này đang đồng bộ ghi chú của đồng chí với:
%2
Chuyển sang máy chủ mới?</translation>
    </message>
    <message>
        <location line="+6" />
        <source>C&amp;hange server</source>
        <translation>&amp;Chuyển máy chủ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Your notes are encrypted: the server cannot read them. You can also connect later (File menu).</source>
        <translation>Ghi chú của đồng chí được mã hoá: máy chủ không đọc được. Đồng chí cũng có thể kết nối sau (trình đơn Tệp).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Not now</source>
        <translation>Để &amp;sau</translation>
    </message>
</context>
<context>
    <name>ConsultationPart</name>
    <message>
        <location filename="../../src/paperless/gui/consultation/part.py" line="+88" />
        <source>Copy</source>
        <translation>Sao chép</translation>
    </message>
    <message>
        <location line="+235" />
        <source>Withdraw the comment</source>
        <translation>Rút lại góp ý</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Withdraw this comment? The office will no longer count it.</source>
        <translation>Rút lại góp ý này? Văn phòng sẽ không tính góp ý này nữa.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Withdraw</source>
        <translation>Rút lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Comment to the office…</source>
        <translation>Góp ý gửi Văn phòng…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send the office a comment on the selected passage (%1)</source>
        <translation>Gửi Văn phòng góp ý về đoạn đã chọn (%1)</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/control.py" line="+391" />
        <source>&amp;Attendance</source>
        <translation>Điểm &amp;danh</translation>
    </message>
    <message>
        <location line="+118" />
        <source>&amp;Speaking</source>
        <translation>&amp;Phát biểu</translation>
    </message>
    <message>
        <location line="-116" />
        <source>&amp;Voting</source>
        <translation>&amp;Biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Presenting</source>
        <translation>&amp;Trình chiếu</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+6" />
        <location line="+14" />
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="-20" />
        <location line="+21" />
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location line="-21" />
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mark the chosen member absent</source>
        <translation>Ghi vắng mặt cho thành viên đã chọn trong danh sách</translation>
    </message>
    <message>
        <location line="+1" />
        <source>R&amp;eason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. on a work trip</source>
        <translation>ví dụ: đi công tác</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Mark absent</source>
        <translation>Ghi &amp;vắng mặt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Requests to speak, in order:</source>
        <translation>&amp;Người đăng ký phát biểu, theo thứ tự:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Agenda item</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Topic</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Asked at</source>
        <translation>Đăng ký lúc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Give the floor to the first</source>
        <translation>&amp;Mời người đầu tiên phát biểu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Give the floor to the &amp;chosen member</source>
        <translation>Mời người đã &amp;chọn phát biểu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;lose the floor</source>
        <translation>&amp;Kết thúc phát biểu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open a vote</source>
        <translation>Mở cuộc biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Motion:</source>
        <translation>&amp;Nội dung biểu quyết:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. Adopt the draft resolution on item 2</source>
        <translation>ví dụ: Thông qua dự thảo Nghị quyết tại nội dung 2</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agenda &amp;item:</source>
        <translation>Thuộc nội dung &amp;số:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open the vote</source>
        <translation>Bắt đầ&amp;u biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Vote under way</source>
        <translation>Đang biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;End the vote…</source>
        <translation>&amp;Kết thúc biểu quyết…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Results</source>
        <translation>Kết quả biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Vo&amp;te:</source>
        <translation>&amp;Chọn cuộc biểu quyết:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choice</source>
        <translation>Lựa chọn</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Who voted how</source>
        <translation>Kết quả từng người</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Presenting</source>
        <translation>Trình chiếu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>While presenting is on, the item and page open on this laptop show on every member's screen.</source>
        <translation>Khi đang trình chiếu, nội dung và trang đang mở trên máy này hiện trên màn hình của mọi thành viên.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Hand the presentation to:</source>
        <translation>&amp;Giao quyền trình chiếu cho:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Hand &amp;over</source>
        <translation>Gia&amp;o quyền</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Take the presentation back</source>
        <translation>&amp;Lấy lại quyền trình chiếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>E&amp;xport the minutes (attendance and votes)…</source>
        <translation>&amp;Xuất biên bản (điểm danh và biểu quyết)…</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Item {n}</source>
        <translation>Nội dung {n}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>For</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Against</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Blank</source>
        <translation>Phiếu trắng</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not connected to the meeting room yet.</source>
        <translation>Chưa kết nối với phòng họp.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Connected to the meeting room.</source>
        <translation>Đã kết nối với phòng họp.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>⚠ Connection to the office server lost — trying again. The buttons work again once it is back.</source>
        <translation>⚠ Mất kết nối với máy chủ văn phòng — đang thử kết nối lại. Các nút sẽ dùng được khi kết nối trở lại.</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Quorum reached: {n}/{total} attending — {needed} needed</source>
        <translation>Đủ số lượng: {n}/{total} có mặt — cần {needed}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No quorum yet: {n}/{total} attending — {needed} needed</source>
        <translation>Chưa đủ số lượng: {n}/{total} có mặt — cần {needed}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Present: {present} · Online: {online} · Absent: {absent} · Not checked in yet: {none}</source>
        <translation>Có mặt: {present} · Trực tuyến: {online} · Vắng: {absent} · Chưa điểm danh: {none}</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Not checked in yet</source>
        <translation>Chưa điểm danh</translation>
    </message>
    <message>
        <location line="+2" />
        <source>✓ Present in the room</source>
        <translation>✓ Có mặt tại phòng họp</translation>
    </message>
    <message>
        <location line="+2" />
        <source>✓ Online</source>
        <translation>✓ Dự họp trực tuyến</translation>
    </message>
    <message>
        <location line="+2" />
        <source>✗ Absent: {reason}</source>
        <translation>✗ Vắng mặt: {reason}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Secretariat</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Has the floor: {name}</source>
        <translation>Đang phát biểu: đồng chí {name}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Nobody has the floor.</source>
        <translation>Hiện không có ai phát biểu.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Nobody has asked to speak.</source>
        <translation>Chưa có ai đăng ký phát biểu.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>(not tied to an item)</source>
        <translation>(không thuộc nội dung nào)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Motion: {motion}</source>
        <translation>Nội dung biểu quyết: {motion}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agenda item: {title}</source>
        <translation>Thuộc nội dung: {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+131" />
        <source>Votes cast: {cast}/{total}</source>
        <translation>Đã bỏ phiếu: {cast}/{total}</translation>
    </message>
    <message>
        <location line="-128" />
        <source>{n} members attending may vote. Who voted how shows when the vote ends.</source>
        <translation>{n} thành viên có mặt được bỏ phiếu. Kết quả từng người hiện khi kết thúc biểu quyết.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>{n}. {motion}</source>
        <translation>{n}. {motion}</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Receiving the ballots ({counted} of {cast})…</source>
        <translation>Đang nhận phiếu ({counted}/{cast})…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>ADOPTED: {n} of {total} members voted for (more than half: {needed})</source>
        <translation>THÔNG QUA: {n}/{total} thành viên đồng ý (cần quá nửa: {needed})</translation>
    </message>
    <message>
        <location line="+4" />
        <source>NOT ADOPTED: {n} of {total} members voted for (more than half needed: {needed})</source>
        <translation>KHÔNG THÔNG QUA: {n}/{total} thành viên đồng ý (cần quá nửa: {needed})</translation>
    </message>
    <message>
        <location line="+4" />
        <source>For: {f} · Against: {a} · Blank: {b} · Did not vote: {none}</source>
        <translation>Đồng ý: {f} · Không đồng ý: {a} · Phiếu trắng: {b} · Không bỏ phiếu: {none}</translation>
    </message>
    <message>
        <location line="+4" />
        <source>— did not vote</source>
        <translation>— không bỏ phiếu</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Presentin&amp;g: ON — members follow this laptop</source>
        <translation>Đa&amp;ng trình chiếu — thành viên xem theo máy này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Presentin&amp;g: OFF — press to start</source>
        <translation>Chưa trình chiếu — &amp;nhấn để bắt đầu</translation>
    </message>
    <message>
        <location line="+8" />
        <source>On members' screens: {item}, page {page}</source>
        <translation>Trên màn hình thành viên: {item}, trang {page}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Nothing is presented yet.</source>
        <translation>Chưa trình chiếu nội dung nào.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The pages are moved by: the secretariat</source>
        <translation>Người chuyển trang: thư ký</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The pages are moved by: you</source>
        <translation>Người chuyển trang: đồng chí (máy này)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The pages are moved by: {name} (handed over)</source>
        <translation>Người chuyển trang: đồng chí {name} (được giao quyền)</translation>
    </message>
    <message>
        <location line="+48" />
        <source>End the vote</source>
        <translation>Kết thúc biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>End the vote? After it ends nobody can vote any more.</source>
        <translation>Kết thúc biểu quyết? Sau khi kết thúc không thể bỏ phiếu nữa.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;End the vote</source>
        <translation>&amp;Kết thúc biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Co&amp;ntinue voting</source>
        <translation>&amp;Tiếp tục biểu quyết</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../src/paperless/gui/sync/devices.py" line="+105" />
        <source>My devices</source>
        <translation>Thiết bị của tôi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The computers that hold your notes. If one is lost or given away, revoke it: the office server refuses it at once, and it deletes your notes and sessions the next time it connects.</source>
        <translation>Các máy tính đang giữ ghi chú của đồng chí. Nếu một máy bị mất hoặc đã cho người khác, hãy vô hiệu hoá máy đó: máy chủ văn phòng từ chối máy ấy ngay, và máy ấy sẽ xoá ghi chú cùng các phiên họp của đồng chí vào lần kết nối tiếp theo.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Device</source>
        <translation>Thiết bị</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Added</source>
        <translation>Ngày thêm</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Last seen</source>
        <translation>Kết nối lần cuối</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Revoke this device…</source>
        <translation>&amp;Vô hiệu hoá thiết bị này…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Approve this device…</source>
        <translation>&amp;Duyệt thiết bị này…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Asking the office server…</source>
        <translation>Đang hỏi máy chủ văn phòng…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The office server could not be asked: %1</source>
        <translation>Không hỏi được máy chủ văn phòng: %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>%1 (this computer)</source>
        <translation>%1 (máy này)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 (revoked)</source>
        <translation>%1 (đã vô hiệu hoá)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 (waiting for approval)</source>
        <translation>%1 (đang chờ duyệt)</translation>
    </message>
    <message>
        <location line="+40" />
        <source>Revoke a device</source>
        <translation>Vô hiệu hoá thiết bị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Revoke “%1”? It will no longer reach your notes, and it deletes your notes and sessions the next time it connects.</source>
        <translation>Vô hiệu hoá “%1”? Máy đó sẽ không truy cập được ghi chú của đồng chí nữa, và sẽ xoá ghi chú cùng các phiên họp vào lần kết nối tiếp theo.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Revoke</source>
        <translation>&amp;Vô hiệu hoá</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Revoking…</source>
        <translation>Đang vô hiệu hoá…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Approve a device</source>
        <translation>Duyệt thiết bị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Approve “%1”? Approve only a computer you set up yourself just now: it will receive all your notes.</source>
        <translation>Duyệt “%1”? Chỉ duyệt máy tính mà chính đồng chí vừa cài đặt: máy đó sẽ nhận toàn bộ ghi chú của đồng chí.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Approve</source>
        <translation>&amp;Duyệt</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Approving…</source>
        <translation>Đang duyệt…</translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/document_view.py" line="+101" />
        <source>Pages</source>
        <translation>Các trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contents</source>
        <translation>Mục lục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Side panel</source>
        <translation>Khung bên</translation>
    </message>
    <message>
        <location line="+309" />
        <source>Opening “{title}”…</source>
        <translation>Đang mở “{title}”…</translation>
    </message>
    <message>
        <location line="-126" />
        <source>Copying text is not allowed for this document.</source>
        <translation>Tài liệu này không cho phép sao chép nội dung.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Select some text with the mouse first.</source>
        <translation>Hãy dùng chuột chọn đoạn văn bản trước.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Copied {count} characters.</source>
        <translation>Đã sao chép {count} ký tự.</translation>
    </message>
    <message>
        <location line="+23" />
        <location line="+98" />
        <source>the document has no pages</source>
        <translation>tài liệu không có trang nào</translation>
    </message>
    <message>
        <location line="+1" />
        <source>“{title}” cannot be displayed: {detail}</source>
        <translation>Không hiển thị được “{title}”: {detail}</translation>
    </message>
    <message>
        <location line="-100" />
        <source>The document cannot be displayed.</source>
        <translation>Không hiển thị được tài liệu.</translation>
    </message>
    <message>
        <location line="+84" />
        <source>External link not opened (this reader works offline): {uri}</source>
        <translation>Không mở liên kết bên ngoài (phần mềm hoạt động không cần mạng): {uri}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Selecting text is not allowed for this document.</source>
        <translation>Tài liệu này không cho phép chọn văn bản.</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/documents_panel.py" line="+248" />
        <location line="+22" />
        <source>Only PDF, DOCX, DOC, ODT and RTF files can be added; left out: {names}</source>
        <translation>Chỉ thêm được tệp PDF, DOCX, DOC, ODT và RTF; đã bỏ qua: {names}</translation>
    </message>
    <message>
        <location line="-12" />
        <source>Add a document</source>
        <translation>Thêm tài liệu</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Replace the document</source>
        <translation>Thay tài liệu</translation>
    </message>
    <message>
        <location line="+102" />
        <source>Documents ({kinds})</source>
        <translation>Tài liệu ({kinds})</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Documents of item {number}</source>
        <translation>Tài liệu của mục {number}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drag PDF, Word (DOCX, DOC), ODT or RTF files here, or press Add. Word and ODT files are converted to PDF: what you see on the right is what members will see.</source>
        <translation>Kéo tệp PDF, Word (DOCX, DOC), ODT hoặc RTF vào đây, hoặc bấm Thêm. Tệp Word và ODT được chuyển sang PDF: trang hiện bên phải là đúng những gì thành viên sẽ thấy.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Add a document (Insert)</source>
        <translation>Thêm tài liệu (Insert)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Put another file in this document's place</source>
        <translation>Đặt một tệp khác vào đúng chỗ của tài liệu này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Remove the document from the item (Delete); Undo brings it back</source>
        <translation>Bỏ tài liệu khỏi nội dung (Delete); Hoàn tác sẽ lấy lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move &amp;up</source>
        <translation>Chuyển &amp;lên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move up (Ctrl+Up)</source>
        <translation>Chuyển lên (Ctrl+Mũi tên lên)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move do&amp;wn</source>
        <translation>Chuyển &amp;xuống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move down (Ctrl+Down)</source>
        <translation>Chuyển xuống (Ctrl+Mũi tên xuống)</translation>
    </message>
    <message>
        <location line="-9" />
        <source>A&amp;dd…</source>
        <translation>Thêm tài liệ&amp;u…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Replace…</source>
        <translation>Th&amp;ay tệp khác…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Re&amp;move</source>
        <translation>&amp;Bỏ</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Tr&amp;y again</source>
        <translation>&amp;Kiểm tra lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Convert and check the file again</source>
        <translation>Chuyển đổi và kiểm tra lại tệp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No documents yet: drag files here from a folder, or press Add.</source>
        <translation>Chưa có tài liệu nào: kéo tệp từ thư mục vào đây, hoặc bấm Thêm.</translation>
    </message>
    <message>
        <location line="+75" />
        <source>The file is missing from the session's folder: {path}</source>
        <translation>Không tìm thấy tệp trong thư mục phiên họp: {path}</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Waiting to be converted to PDF…</source>
        <translation>Đang chờ chuyển sang PDF…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Converting to PDF…</source>
        <translation>Đang chuyển sang PDF…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reading the scanned pages (%1 of %2)…</source>
        <translation>Đang đọc các trang scan (%1/%2)…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>1 page</source>
        <translation>1 trang</translation>
    </message>
    <message>
        <location line="+0" />
        <source>{count} pages</source>
        <translation>{count} trang</translation>
    </message>
    <message>
        <location line="+3" />
        <source>{pages} · members see it as “{title}”</source>
        <translation>{pages} · thành viên thấy tên “{title}”</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cannot be used: {reason}</source>
        <translation>Không dùng được: {reason}</translation>
    </message>
    <message>
        <location line="+34" />
        <source>Drop documents here.</source>
        <translation>Thả tài liệu vào đây.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/errors.py" line="+28" />
        <source>This file is not from an office you trust</source>
        <translation>Tệp này không phải do Văn phòng mà đồng chí tin cậy gửi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This file has been altered or damaged</source>
        <translation>Tệp này đã bị sửa đổi hoặc hư hỏng</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This is not a session file</source>
        <translation>Đây không phải là tệp phiên họp</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This session has expired</source>
        <translation>Phiên họp này đã hết hạn</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This is an older copy of the session</source>
        <translation>Đây là bản cũ của phiên họp</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This session was not sent to you</source>
        <translation>Phiên họp này không được gửi cho đồng chí</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This document is restricted</source>
        <translation>Tài liệu này thuộc diện hạn chế</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Wrong passphrase</source>
        <translation>Sai mật khẩu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This public card cannot be used</source>
        <translation>Không dùng được thẻ công khai này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Your reading library cannot be opened</source>
        <translation>Không mở được thư viện đọc của đồng chí</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The action could not be completed</source>
        <translation>Không thực hiện được thao tác</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Do not use this file. If the office has a new card, ask them to read its fingerprint to you, then choose File ▸ Trust an office card…</source>
        <translation>Đừng dùng tệp này. Nếu Văn phòng có thẻ mới, hãy đề nghị Văn phòng đọc dấu vân tay của thẻ cho đồng chí, rồi chọn Tệp ▸ Tin cậy thẻ của Văn phòng…</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Do not use this file; ask the office for a new copy.</source>
        <translation>Đừng dùng tệp này; hãy đề nghị Văn phòng gửi bản mới.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A newer version was already opened on this computer. Ask the office for the latest copy.</source>
        <translation>Máy tính này đã mở một phiên bản mới hơn. Hãy đề nghị Văn phòng gửi bản mới nhất.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>If you should have received it, contact the office.</source>
        <translation>Nếu đồng chí lẽ ra phải nhận được tệp này, hãy liên hệ với Văn phòng.</translation>
    </message>
    <message>
        <location line="+10" />
        <location line="+15" />
        <source>Paperless</source>
        <translation>Paperless</translation>
    </message>
    <message>
        <location line="-8" />
        <location line="+15" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="-9" />
        <source>Something unexpected went wrong. This is a bug in Paperless, not your fault.</source>
        <translation>Đã xảy ra lỗi ngoài dự kiến. Đây là lỗi của phần mềm Paperless, không phải do đồng chí.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Please tell the office what you were doing. Your documents are safe.</source>
        <translation>Xin hãy báo cho Văn phòng biết đồng chí đang thao tác gì. Tài liệu của đồng chí vẫn an toàn.</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../src/paperless/gui/notes/exporting.py" line="+112" />
        <source>Export annotated PDF</source>
        <translation>Xuất PDF có chú thích</translation>
    </message>
    <message>
        <location line="+1" />
        <source>annotated</source>
        <translation>có chú thích</translation>
    </message>
    <message>
        <location line="+6" />
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Export my notes</source>
        <translation>Xuất ghi chú của tôi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>My notes</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <location line="+6" />
        <source>PDF documents (*.pdf);;Markdown text (*.md)</source>
        <translation>Tài liệu PDF (*.pdf);;Văn bản Markdown (*.md)</translation>
    </message>
    <message>
        <location line="+17" />
        <source>The exported file will not be protected.</source>
        <translation>Tệp xuất ra sẽ không được bảo vệ.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Anyone who gets this file can read it: it is not encrypted and has no password. Save it only where it is safe, and delete it when you no longer need it.</source>
        <translation>Bất kỳ ai có được tệp này đều đọc được nội dung: tệp không được mã hóa và không có mật khẩu. Chỉ lưu tệp ở nơi an toàn và hãy xóa tệp khi không còn cần đến.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Do not warn me again in this session</source>
        <translation>Không cảnh báo lại trong phiên họp này</translation>
    </message>
    <message numerus="yes">
        <location line="+27" />
        <source>The annotated copy of “%1” was saved, with %n annotations.</source>
        <translation>
            <numerusform>Đã lưu bản sao có chú thích của “%1”, gồm %n chú thích.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 could not be written into it.</source>
        <translation>Không ghi được %1 chú thích vào bản này.</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Your notes were saved.</source>
        <translation>Đã lưu ghi chú của đồng chí.</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+1" />
        <source>Exporting…</source>
        <translation>Đang xuất…</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+32" />
        <source>Export</source>
        <translation>Xuất tệp</translation>
    </message>
    <message>
        <location line="-1" />
        <source>Saved to %1</source>
        <translation>Đã lưu vào %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Saved to: %1
This file is not protected.</source>
        <translation>Đã lưu vào: %1
Tệp này không được bảo vệ.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open the folder</source>
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../src/paperless/gui/search/find_bar.py" line="+296" />
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>No results</source>
        <translation>Không có kết quả</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1/%2…</source>
        <translation>%1/%2…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+16" />
        <location line="+1" />
        <location line="+14" />
        <source>Find in document</source>
        <translation>Tìm trong tài liệu</translation>
    </message>
    <message>
        <location line="-13" />
        <source>Text to find</source>
        <translation>Nội dung cần tìm</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Words typed without accents match any accents; words typed with accents match exactly</source>
        <translation>Gõ không dấu sẽ tìm mọi cách viết có dấu; gõ có dấu sẽ tìm đúng từ đó</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Matches</source>
        <translation>Kết quả khớp</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Next match (Enter, %1)</source>
        <translation>Kết quả tiếp theo (Enter, %1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next match</source>
        <translation>Kết quả tiếp theo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Previous match (Shift+Enter, %1)</source>
        <translation>Kết quả trước (Shift+Enter, %1)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Previous match</source>
        <translation>Kết quả trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close the find bar</source>
        <translation>Đóng thanh tìm kiếm</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Find next</source>
        <translation>Tìm tiếp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Find previous</source>
        <translation>Tìm ngược lại</translation>
    </message>
</context>
<context>
    <name>FingerprintDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/members_page.py" line="+87" />
        <source>Check a member's card</source>
        <translation>Kiểm tra thẻ của thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A new card, from the file %1. Read it back to the member on the phone: call them on a number you already know, and read these digits to them group by group.</source>
        <translation>Thẻ mới, từ tệp %1. Hãy đọc lại cho thành viên qua điện thoại: gọi vào số máy bạn đã biết, đọc từng nhóm chữ số dưới đây.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Accept the card only if the member has the same digits on their screen. If one digit differs, refuse it and ask for the card again.</source>
        <translation>Chỉ nhận thẻ khi trên màn hình của thành viên có đúng các chữ số này. Nếu sai một chữ số, hãy từ chối và xin lại thẻ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Accept: the digits are the same</source>
        <translation>&amp;Nhận: các chữ số trùng khớp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Refuse</source>
        <translation>&amp;Từ chối</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/first_run.py" line="+190" />
        <location line="+1" />
        <source>Welcome to Paperless</source>
        <translation>Chào mừng đến với Paperless</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Paperless keeps the committee's session documents encrypted on this computer. First you need your own identity: a personal key protected by a passphrase that only you know.</source>
        <translation>Paperless lưu giữ tài liệu các phiên họp ở dạng mã hóa trên máy tính này. Trước hết, đồng chí cần có danh tính riêng: một khóa cá nhân được bảo vệ bằng mật khẩu mà chỉ đồng chí biết.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Create my identity</source>
        <translation>&amp;Tạo danh tính của tôi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Use an existing identity folder…</source>
        <translation>&amp;Dùng thư mục danh tính đã có…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Create my identity</source>
        <translation>Tạo danh tính của tôi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Choose a passphrase you will remember: a short sentence is best. Nobody, not even the office, can recover it if it is forgotten.</source>
        <translation>Hãy chọn mật khẩu dễ nhớ với đồng chí, tốt nhất là một câu ngắn. Nếu quên mật khẩu, không ai, kể cả Văn phòng, có thể khôi phục được.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Full &amp;name:</source>
        <translation>&amp;Họ và tên:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Repeat passphrase:</source>
        <translation>&amp;Nhập lại mật khẩu:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Back</source>
        <translation>&amp;Quay lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;reate</source>
        <translation>T&amp;ạo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your public card</source>
        <translation>Thẻ công khai của đồng chí</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Give your public card to the office, and read these 20 digits aloud to them so that they can check it. The card holds no secret.</source>
        <translation>Hãy gửi thẻ công khai cho Văn phòng và đọc to 20 chữ số này để Văn phòng đối chiếu. Thẻ không chứa thông tin bí mật nào.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Save card…</source>
        <translation>&amp;Lưu thẻ…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Next</source>
        <translation>&amp;Tiếp theo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Trust the office</source>
        <translation>Tin cậy Văn phòng</translation>
    </message>
    <message>
        <location line="+2" />
        <source>To open session files, Paperless needs the public card of the office that signs them. Choose the card file the office gave you. You can also do this later from the File menu.</source>
        <translation>Để mở tệp phiên họp, Paperless cần thẻ công khai của Văn phòng, nơi ký các tệp đó. Hãy chọn tệp thẻ do Văn phòng cung cấp. Đồng chí cũng có thể làm việc này sau, trong trình đơn Tệp.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Choose the office's card…</source>
        <translation>&amp;Chọn thẻ của Văn phòng…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Skip for now</source>
        <translation>&amp;Bỏ qua lúc này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Finish</source>
        <translation>&amp;Hoàn tất</translation>
    </message>
    <message>
        <location line="+15" />
        <source>too short (at least 8 characters)</source>
        <translation>quá ngắn (cần ít nhất 8 ký tự)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>weak</source>
        <translation>yếu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>fair</source>
        <translation>trung bình</translation>
    </message>
    <message>
        <location line="+1" />
        <source>good</source>
        <translation>khá</translation>
    </message>
    <message>
        <location line="+0" />
        <source>strong</source>
        <translation>mạnh</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Strength: %1.</source>
        <translation>Độ mạnh: %1.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Make it longer, or mix words, capitals, digits and accented letters.</source>
        <translation>Hãy đặt dài hơn, hoặc kết hợp nhiều từ, chữ hoa, chữ số và chữ có dấu.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The two passphrases are not the same.</source>
        <translation>Hai mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Creating your keys…</source>
        <translation>Đang tạo khóa của đồng chí…</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Choose your identity folder</source>
        <translation>Chọn thư mục danh tính của đồng chí</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Saved to %1</source>
        <translation>Đã lưu vào %1</translation>
    </message>
</context>
<context>
    <name>FollowPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_page.py" line="+196" />
        <source>Updating from the office server…</source>
        <translation>Đang cập nhật từ máy chủ của Văn phòng…</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Unlock the office's identity to read the members' comments and poll answers.</source>
        <translation>Hãy mở khoá danh tính của Văn phòng để đọc ý kiến góp ý và phiếu trả lời của các đồng chí.</translation>
    </message>
    <message>
        <location line="+9" />
        <source> Shown: the data as of {time}.</source>
        <translation> Đang hiển thị số liệu lúc {time}.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>As of {time}; updated every minute while this page is shown (F5: now).</source>
        <translation>Số liệu lúc {time}; tự cập nhật mỗi phút khi trang này đang mở (F5: cập nhật ngay).</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Follow: {title}</source>
        <translation>Theo dõi: {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refresh (F5)</source>
        <translation>Cập nhật (F5)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Receipts</source>
        <translation>Nhận và đọc tài liệu</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Comments</source>
        <translation>Ý kiến góp ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Polls</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+82" />
        <location line="+4" />
        <source>Recall</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <location line="-82" />
        <source>Not yet updated from the office server.</source>
        <translation>Chưa cập nhật từ máy chủ của Văn phòng.</translation>
    </message>
    <message>
        <location line="+28" />
        <source>Nothing to export yet: refresh from the office server first (F5).</source>
        <translation>Chưa có gì để xuất: hãy cập nhật từ máy chủ của Văn phòng trước (F5).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Writing the consolidation table…</source>
        <translation>Đang ghi bảng tổng hợp…</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Written: {files} in the session's folder (&lt;a href="{folder}"&gt;open the folder&lt;/a&gt;).</source>
        <translation>Đã ghi: {files} vào thư mục của phiên họp (&lt;a href="{folder}"&gt;mở thư mục&lt;/a&gt;).</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Recall the whole session “{title}” from every member's computer?</source>
        <translation>Thu hồi toàn bộ phiên họp “{title}” khỏi máy của tất cả các đồng chí?</translation>
    </message>
    <message>
        <location line="+3" />
        <source>At its next connection to the office server, each computer deletes the session's documents: the file, its copies, its pages and its search index. This cannot be undone: to give the documents back, publish the session again as a new version.</source>
        <translation>Ở lần kết nối tới máy chủ của Văn phòng, mỗi máy sẽ xoá tài liệu của phiên họp: tệp, các bản sao, các trang và chỉ mục tìm kiếm. Không thể hoàn tác: muốn gửi lại tài liệu, phải phát hành lại phiên họp thành một phiên bản mới.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Recall item {n}. {title} from every member's computer?</source>
        <translation>Thu hồi mục {n}. {title} khỏi máy của tất cả các đồng chí?</translation>
    </message>
    <message>
        <location line="+3" />
        <source>One file holds every item of the session, so each computer deletes its whole copy of the session at its next connection. To let members keep reading the other items, publish a new version without this item. This cannot be undone.</source>
        <translation>Mọi mục của phiên họp nằm chung trong một tệp, nên ở lần kết nối tới, mỗi máy sẽ xoá toàn bộ bản phiên họp của mình. Để các đồng chí tiếp tục đọc các mục khác, hãy phát hành một phiên bản mới không có mục này. Không thể hoàn tác.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>⚠ The meeting has not started yet (it starts at {when}).</source>
        <translation>⚠ Cuộc họp chưa bắt đầu (bắt đầu lúc {when}).</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Each computer confirms in the table on this page.</source>
        <translation>Mỗi máy sẽ xác nhận trong bảng ở trang này.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Sending the recall to the office server…</source>
        <translation>Đang gửi lệnh thu hồi tới máy chủ của Văn phòng…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Recall of {what} sent. Each computer carries it out at its next connection and confirms here.</source>
        <translation>Đã gửi lệnh thu hồi {what}. Mỗi máy sẽ thực hiện ở lần kết nối tới và xác nhận tại đây.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The recall was not sent: {why}</source>
        <translation>Chưa gửi được lệnh thu hồi: {why}</translation>
    </message>
</context>
<context>
    <name>FollowStep</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_step.py" line="+82" />
        <source>This session has not been published from this folder yet. Build and publish it (step 4); then the receipts, comments, polls and recalls are followed here.</source>
        <translation>Phiên họp này chưa được phát hành từ thư mục này. Hãy tạo gói và phát hành (bước 4); sau đó việc nhận tài liệu, góp ý, phiếu hỏi ý kiến và thu hồi được theo dõi tại đây.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The record of the published session cannot be read: %1</source>
        <translation>Không đọc được bản ghi của phiên họp đã phát hành: %1</translation>
    </message>
</context>
<context>
    <name>Follower</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/follow.py" line="+184" />
        <source>The presenter is on page %1</source>
        <translation>Người trình bày đang ở trang %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The presenter is on page %1 of “%2”</source>
        <translation>Người trình bày đang ở trang %1 của tài liệu “%2”</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The presenter is showing a document that is not available to you</source>
        <translation>Người trình bày đang trình bày tài liệu mà đồng chí không được xem</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Follow the presenter</source>
        <translation>Theo dõi người trình bày</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Go back to the page the presenter is showing (%1)</source>
        <translation>Quay lại trang người trình bày đang trình bày (%1)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Restricted document — not available to you</source>
        <translation>Tài liệu hạn chế — đồng chí không được xem</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Item %1 is being presented. Your screen follows the presenter again when they move on.</source>
        <translation>Đang trình bày mục %1. Màn hình của đồng chí sẽ tự theo người trình bày khi chuyển sang nội dung khác.</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../src/paperless/gui/idle_lock.py" line="+267" />
        <source>Please type your passphrase.</source>
        <translation>Xin hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Wrong passphrase. Please try again.</source>
        <translation>Sai mật khẩu. Xin hãy thử lại.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The passphrase could not be checked.</source>
        <translation>Không kiểm tra được mật khẩu.</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/item_editor.py" line="+349" />
        <source>Choose an item on the left, or add one (Insert).</source>
        <translation>Chọn một mục ở bên trái, hoặc thêm mục mới (phím Insert).</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Item %1</source>
        <translation>Mục %1</translation>
    </message>
    <message>
        <location line="+44" />
        <source>%1 (not a member)</source>
        <translation>%1 (không có trong danh sách thành viên)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>The session has no members yet: add them on the Members page.</source>
        <translation>Phiên họp chưa có thành viên: thêm ở trang Thành viên.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>All %1 members can read this</source>
        <translation>Cả %1 thành viên được đọc</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 of %2 members can read this</source>
        <translation>%1 trong %2 thành viên được đọc</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Polls about this item: %1</source>
        <translation>Phiếu lấy ý kiến về mục này: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No poll about this item.</source>
        <translation>Chưa có phiếu lấy ý kiến về mục này.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Not classified: the session's own rules on copying and printing apply.</source>
        <translation>Không mật: áp dụng quy định chung của phiên họp về sao chép và in.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Mật: never copied, printed or exported; always watermarked; the reader locks after 5 minutes unused.</source>
        <translation>Mật: không được sao chép, in hay xuất ra tệp; luôn có dấu chìm; máy tự khoá sau 5 phút không dùng.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Tối mật: as Mật, the reader locks after 2 minutes, and the documents must be recalled after the meeting.</source>
        <translation>Tối mật: như Mật, máy tự khoá sau 2 phút, và tài liệu phải được thu hồi sau hội nghị.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Tuyệt mật: the highest level. As Tối mật: locks after 2 minutes, recalled after the meeting.</source>
        <translation>Tuyệt mật: mức cao nhất. Như Tối mật: tự khoá sau 2 phút, thu hồi sau hội nghị.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>&amp;Title:</source>
        <translation>Tên mụ&amp;c:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Presented by:</source>
        <translation>&amp;Người trình bày:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;lassification:</source>
        <translation>Độ &amp;mật:</translation>
    </message>
    <message>
        <location line="+16" />
        <source>E&amp;very member</source>
        <translation>Mọi thành &amp;viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only the members tic&amp;ked below</source>
        <translation>C&amp;hỉ những thành viên được chọn dưới đây</translation>
    </message>
    <message>
        <location line="-16" />
        <source>Comments:</source>
        <translation>Góp ý:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. Báo cáo kết quả công tác quý IV</source>
        <translation>ví dụ: Báo cáo kết quả công tác quý IV</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. Văn phòng Tỉnh ủy</source>
        <translation>ví dụ: Văn phòng Tỉnh ủy</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Not classified</source>
        <translation>Không mật</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Mật (confidential)</source>
        <translation>Mật</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tối mật (secret)</source>
        <translation>Tối mật</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Tuyệt mật (top secret)</source>
        <translation>Tuyệt mật</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Open for &amp;comments until</source>
        <translation>Mở để &amp;góp ý đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Who may read this item</source>
        <translation>Ai được đọc mục này</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Documents</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No document yet.</source>
        <translation>Chưa có tài liệu.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add a poll about this item</source>
        <translation>Thêm phiếu lấy ý kiến về mục này</translation>
    </message>
</context>
<context>
    <name>ItemNoteEditor</name>
    <message>
        <location filename="../../src/paperless/gui/notes/item_note.py" line="+251" />
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Saved</source>
        <translation>Đã lưu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not saved yet — trying again</source>
        <translation>Chưa lưu được — đang thử lại</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Choose an agenda item to write your note on it.</source>
        <translation>Hãy chọn một mục trong chương trình hội nghị để viết ghi chú.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Type your note on this item here.</source>
        <translation>Gõ ghi chú về mục này tại đây.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your private note on this agenda item. Only you can read it; it is saved as you type.</source>
        <translation>Ghi chú riêng của đồng chí về mục này trong chương trình hội nghị. Chỉ đồng chí đọc được ghi chú này; nội dung được lưu ngay trong khi gõ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Private note on the agenda item</source>
        <translation>Ghi chú riêng về mục trong chương trình hội nghị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Bold</source>
        <translation>Chữ đậm</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Italic</source>
        <translation>Chữ nghiêng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Bulleted list</source>
        <translation>Danh sách gạch đầu dòng</translation>
    </message>
</context>
<context>
    <name>ItemsList</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/agenda_items.py" line="+296" />
        <source>Item %1 removed.</source>
        <translation>Đã xoá mục %1.</translation>
    </message>
    <message>
        <location line="+53" />
        <source>&amp;Agenda items</source>
        <translation>&amp;Danh sách mục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drag an item to reorder, or Alt+Up / Alt+Down.</source>
        <translation>Kéo thả một mục để đổi thứ tự, hoặc bấm Alt+↑ / Alt+↓.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add item (Insert)</source>
        <translation>Thêm mục (Insert)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove (Delete)</source>
        <translation>Xoá mục (Delete)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move up</source>
        <translation>Chuyển lên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Move down</source>
        <translation>Chuyển xuống</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Agenda items</source>
        <translation>Danh sách mục</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location line="-280" />
        <source>(no title yet)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>restricted</source>
        <translation>giới hạn người đọc</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../src/paperless/gui/library_view.py" line="+216" />
        <location line="+1" />
        <source>Sessions on this computer</source>
        <translation>Các phiên họp trên máy này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Press Enter to read the chosen session.</source>
        <translation>Nhấn Enter để đọc phiên họp đã chọn.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Paperless is locked. Unlock it with your passphrase to see your sessions.</source>
        <translation>Paperless đang khóa. Hãy mở khóa bằng mật khẩu để xem các phiên họp của đồng chí.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No sessions yet. Open a session file you received from the office, or drag it onto this window.</source>
        <translation>Chưa có phiên họp nào. Hãy mở tệp phiên họp nhận được từ Văn phòng, hoặc kéo tệp thả vào cửa sổ này.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Choose a session to read it, or open a new session file.</source>
        <translation>Chọn một phiên họp để đọc, hoặc mở tệp phiên họp mới.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open a session file…</source>
        <translation>&amp;Mở tệp phiên họp…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Unlock…</source>
        <translation>Mở &amp;khóa…</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/paperless/gui/idle_lock.py" line="-129" />
        <source>Paperless is locked</source>
        <translation>Paperless đang khóa</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The documents are hidden. Enter your passphrase to go on reading where you were.
Identity: %1</source>
        <translation>Tài liệu đang được ẩn. Hãy nhập mật khẩu để đọc tiếp từ chỗ đang đọc.
Danh tính: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khóa</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/paperless/gui/main_window.py" line="+223" />
        <source>Checking and opening %1…</source>
        <translation>Đang kiểm tra và mở %1…</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Decrypting the document…</source>
        <translation>Đang giải mã tài liệu…</translation>
    </message>
    <message>
        <location line="+63" />
        <source>Nothing new on the office server.</source>
        <translation>Máy chủ văn phòng chưa có phiên họp mới.</translation>
    </message>
    <message>
        <location line="+79" />
        <source>Unlocked: %1</source>
        <translation>Đã mở khóa: %1</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Answer the poll</source>
        <translation>Trả lời phiếu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Comments to the office</source>
        <translation>Góp ý gửi Văn phòng</translation>
    </message>
    <message>
        <location line="-4" />
        <location line="+27" />
        <source>Open this session</source>
        <translation>Mở phiên họp này</translation>
    </message>
    <message>
        <location line="+3" />
        <source>A new session could not be downloaded: %1</source>
        <translation>Không tải được phiên họp mới: %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The office recalled the documents of the session “%1” after the meeting. They have been deleted from this computer.</source>
        <translation>Văn phòng đã thu hồi tài liệu của phiên họp “%1” sau hội nghị. Tài liệu đã được xoá khỏi máy này.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>The office recalled a session after the meeting; its documents have been deleted from this computer.</source>
        <translation>Văn phòng đã thu hồi một phiên họp sau hội nghị; tài liệu của phiên họp đó đã được xoá khỏi máy này.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Connected to the office server. Please note: the office sees which documents you opened, and when, and whether you read them to the end.</source>
        <translation>Đã kết nối máy chủ văn phòng. Xin lưu ý: Văn phòng biết đồng chí đã mở tài liệu nào, vào lúc nào, và đã đọc hết hay chưa.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Export my notes…</source>
        <translation>Xuất ghi chú của tôi…</translation>
    </message>
    <message>
        <location line="+64" />
        <source>Open a session file</source>
        <translation>Mở tệp phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Session files (*.paperless);;All files (*)</source>
        <translation>Tệp phiên họp (*.paperless);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+183" />
        <source>No document of this session is available to you.</source>
        <translation>Phiên họp này không có tài liệu nào dành cho đồng chí.</translation>
    </message>
    <message>
        <location line="-111" />
        <source>Page %1 of %2</source>
        <translation>Trang %1/%2</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Preparing the search: %1 of %2 pages</source>
        <translation>Đang chuẩn bị tìm kiếm: %1/%2 trang</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The whole session can now be searched.</source>
        <translation>Đã có thể tìm kiếm trong toàn bộ phiên họp.</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Full screen: press Esc or %1 to leave.</source>
        <translation>Toàn màn hình: nhấn Esc hoặc %1 để thoát.</translation>
    </message>
</context>
<context>
    <name>MeetingPart</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/part.py" line="+218" />
        <source>Joining the meeting room…</source>
        <translation>Đang vào phòng họp…</translation>
    </message>
    <message>
        <location line="+101" />
        <source>Meeting room: connected</source>
        <translation>Phòng họp: đã kết nối</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Meeting room: reconnecting…</source>
        <translation>Phòng họp: đang kết nối lại…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Meeting room: connecting…</source>
        <translation>Phòng họp: đang kết nối…</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Checked in: present</source>
        <translation>Đã điểm danh: có mặt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checked in: online</source>
        <translation>Đã điểm danh: trực tuyến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Marked absent</source>
        <translation>Được ghi là vắng mặt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not checked in yet</source>
        <translation>Chưa điểm danh</translation>
    </message>
    <message>
        <location line="+2" />
        <source>You have the floor</source>
        <translation>Đồng chí đang được phát biểu</translation>
    </message>
    <message>
        <location line="+4" />
        <source>You are number %1 in the queue to speak</source>
        <translation>Đồng chí đứng thứ %1 trong danh sách phát biểu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Browsing freely</source>
        <translation>Đang xem tự do</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Presenting: members follow your page</source>
        <translation>Đang trình bày: các đồng chí khác xem theo trang của đồng chí</translation>
    </message>
    <message>
        <location line="+12" />
        <source>You have the floor: the chair invites you to speak now.</source>
        <translation>Đồng chí được mời phát biểu ngay bây giờ.</translation>
    </message>
    <message>
        <location line="+20" />
        <source>You have asked to speak: you are number %1 in the queue.</source>
        <translation>Đồng chí đã đăng ký phát biểu: đứng thứ %1 trong danh sách.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Withdraw my request</source>
        <translation>Rút đăng ký</translation>
    </message>
    <message>
        <location line="+57" />
        <source>A vote has opened. Check in first (Meeting ▸ Check in) to vote.</source>
        <translation>Đang có biểu quyết. Đồng chí cần điểm danh trước (Phòng họp ▸ Điểm danh) để biểu quyết.</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The vote “%1” has closed; counting the ballots…</source>
        <translation>Biểu quyết “%1” đã kết thúc; đang kiểm phiếu…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Result of the vote “%1”: for %2, against %3, blank %4 — %5</source>
        <translation>Kết quả biểu quyết “%1”: đồng ý %2, không đồng ý %3, phiếu trắng %4 — %5</translation>
    </message>
    <message>
        <location line="+3" />
        <source>adopted</source>
        <translation>được thông qua</translation>
    </message>
    <message>
        <location line="+0" />
        <source>not adopted</source>
        <translation>không được thông qua</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Check in first to vote.</source>
        <translation>Đồng chí cần điểm danh trước khi biểu quyết.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>For</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Against</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Blank</source>
        <translation>Phiếu trắng</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Your vote was recorded: %1.</source>
        <translation>Đã ghi nhận phiếu của đồng chí: %1.</translation>
    </message>
    <message>
        <location line="+35" />
        <source>Save the minutes (attendance list; the votes file is saved beside it)</source>
        <translation>Lưu biên bản (danh sách điểm danh; tệp biểu quyết được lưu bên cạnh)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Replace the votes file?</source>
        <translation>Thay tệp biểu quyết?</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file “%1” already exists. Replace it with this meeting’s votes?</source>
        <translation>Tệp “%1” đã có. Thay bằng kết quả biểu quyết của cuộc họp này?</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Replace</source>
        <translation>&amp;Thay tệp cũ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Keep the old file</source>
        <translation>&amp;Giữ tệp cũ</translation>
    </message>
    <message>
        <location line="+29" />
        <source>The minutes were saved: the attendance list, and the votes in “%1”.</source>
        <translation>Đã lưu biên bản: danh sách điểm danh, và kết quả biểu quyết trong “%1”.</translation>
    </message>
    <message>
        <location line="-44" />
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+113" />
        <source>&amp;Meeting</source>
        <translation>Phòng &amp;họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Join the meeting room</source>
        <translation>&amp;Vào phòng họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Join the meeting room: follow the presenter, check in, ask to speak and vote (%1)</source>
        <translation>Vào phòng họp: theo dõi người trình bày, điểm danh, đăng ký phát biểu và biểu quyết (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Follow the presenter</source>
        <translation>&amp;Theo dõi người trình bày</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Check in</source>
        <translation>Điểm &amp;danh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Present in the meeting room</source>
        <translation>&amp;Có mặt tại phòng họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Online</source>
        <translation>&amp;Trực tuyến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Ask to speak…</source>
        <translation>Đăng ký &amp;phát biểu…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Withdraw my request to speak</source>
        <translation>&amp;Rút đăng ký phát biểu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Vote…</source>
        <translation>&amp;Biểu quyết…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Present from &amp;my screen</source>
        <translation>Trình bày từ &amp;màn hình của tôi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The members' screens follow the document and page on yours</source>
        <translation>Màn hình của các đồng chí khác sẽ theo tài liệu và trang trên màn hình của đồng chí</translation>
    </message>
</context>
<context>
    <name>MemberPreviewDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/preview_dialog.py" line="+97" />
        <source>Preview as a member</source>
        <translation>Xem trước như một thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>See the session as &amp;member:</source>
        <translation>Xem phiên họp như &amp;thành viên:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>This is what the chosen member will see: locked items are restricted to other members. The preview uses your own copies of the documents; no member's key is used.</source>
        <translation>Đây là những gì thành viên đã chọn sẽ thấy: nội dung có khóa là nội dung chỉ dành cho thành viên khác. Bản xem trước dùng chính các tài liệu của Văn phòng, không dùng khóa của thành viên nào.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <location line="+3" />
        <location line="+27" />
        <source>Choose a document in the agenda to see it as this member will.</source>
        <translation>Chọn một tài liệu trong chương trình để xem như thành viên này sẽ thấy.</translation>
    </message>
    <message>
        <location line="-12" />
        <source>Watermark on every page: %1</source>
        <translation>Hình mờ trên mỗi trang: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>No watermark (classified documents always carry one).</source>
        <translation>Không có hình mờ (tài liệu mật thì luôn có).</translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/members_page.py" line="+201" />
        <source>Members</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Each member gives you their public card (card.toml). Add it here: the first time, read its fingerprint back to the member on the phone.</source>
        <translation>Mỗi thành viên gửi cho văn phòng thẻ công khai của mình (card.toml). Thêm thẻ tại đây: lần đầu, hãy đọc lại dấu vân tay cho thành viên qua điện thoại.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Import cards… (Ctrl+I)</source>
        <translation>&amp;Nhập thẻ… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add from the r&amp;oster…</source>
        <translation>Thêm từ &amp;danh sách…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save to the roster</source>
        <translation>&amp;Lưu vào danh sách</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Drop card files here</source>
        <translation>Kéo thả tệp thẻ vào đây</translation>
    </message>
    <message>
        <location line="+52" />
        <location line="+8" />
        <source>Remove</source>
        <translation>Bỏ khỏi phiên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove %1</source>
        <translation>Bỏ %1 khỏi phiên</translation>
    </message>
    <message>
        <location line="+10" />
        <source>office</source>
        <translation>văn phòng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>member</source>
        <translation>thành viên</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 · fingerprint %2</source>
        <translation>%1 · dấu vân tay %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fingerprint: %1
File: %2</source>
        <translation>Dấu vân tay: %1
Tệp: %2</translation>
    </message>
    <message>
        <location line="+61" />
        <source>Choose a member's card</source>
        <translation>Chọn thẻ của thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Public cards (*.toml);;All files (*)</source>
        <translation>Thẻ công khai (*.toml);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+119" />
        <source>the card file is missing or damaged</source>
        <translation>tệp thẻ bị mất hoặc bị hỏng</translation>
    </message>
    <message>
        <location line="+4" />
        <source>already in this session</source>
        <translation>đã có trong phiên này</translation>
    </message>
</context>
<context>
    <name>NotePopup</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/editors.py" line="+109" />
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type your note…</source>
        <translation>Gõ ghi chú…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Note text</source>
        <translation>Nội dung ghi chú</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete this note</source>
        <translation>Xóa ghi chú này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close the note (Esc); what you typed is kept</source>
        <translation>Đóng ghi chú (Esc); nội dung đã gõ vẫn được giữ lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Close the note</source>
        <translation>Đóng ghi chú</translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/paperless/gui/notes/panel.py" line="+72" />
        <location line="+8" />
        <source>My notes</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Private: only you can read them.</source>
        <translation>Riêng tư: chỉ đồng chí đọc được.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Item note</source>
        <translation>Theo mục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Bookmarks</source>
        <translation>Dấu trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Annotations</source>
        <translation>Chú thích</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Your private note on the current agenda item</source>
        <translation>Ghi chú riêng của đồng chí về mục đang xem trong chương trình hội nghị</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pages you bookmarked in this document</source>
        <translation>Các trang đồng chí đã đánh dấu trong tài liệu này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Everything you marked in this session</source>
        <translation>Mọi nội dung đồng chí đã đánh dấu trong phiên họp này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Parts of my notes</source>
        <translation>Các phần trong Ghi chú của tôi</translation>
    </message>
</context>
<context>
    <name>NotesPart</name>
    <message numerus="yes">
        <location filename="../../src/paperless/gui/notes/part.py" line="+146" />
        <source>%n of your notes moved to the revised documents.</source>
        <translation>
            <numerusform>%n ghi chú đã được chuyển sang tài liệu đã sửa đổi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n could not be placed (their text changed); see My notes.</source>
        <translation>
            <numerusform>%n ghi chú không đặt lại được (đoạn văn đã thay đổi); xem Ghi chú của tôi.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+51" />
        <source>Open the document where it belongs first.</source>
        <translation>Hãy mở tài liệu chứa đoạn văn tương ứng trước.</translation>
    </message>
</context>
<context>
    <name>OpenFlow</name>
    <message>
        <location filename="../../src/paperless/gui/open_flow.py" line="+99" />
        <source>Trust an office card…</source>
        <translation>Tin cậy thẻ của Văn phòng…</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/outline.py" line="+27" />
        <source>Document outline</source>
        <translation>Mục lục tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Contents: click an entry to go there</source>
        <translation>Mục lục: bấm vào một mục để chuyển đến</translation>
    </message>
    <message>
        <location line="+29" />
        <source>{title} — page {page}</source>
        <translation>{title} — trang {page}</translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/canvas.py" line="+93" />
        <source>Document pages</source>
        <translation>Các trang tài liệu</translation>
    </message>
    <message>
        <location line="+100" />
        <source>Page {page} could not be displayed.</source>
        <translation>Không hiển thị được trang {page}.</translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/viewer/pointer.py" line="+115" />
        <source>External link (not opened; this reader works offline): {uri}</source>
        <translation>Liên kết bên ngoài (không mở; phần mềm hoạt động không cần mạng): {uri}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Go to page {page}</source>
        <translation>Chuyển đến trang {page}</translation>
    </message>
</context>
<context>
    <name>PagePreview</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/page_preview.py" line="+122" />
        <source>◀ Previous page</source>
        <translation>◀ Trang trước</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Previous page (Page Up)</source>
        <translation>Trang trước (Page Up)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next page ▶</source>
        <translation>Trang sau ▶</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Next page (Page Down)</source>
        <translation>Trang sau (Page Down)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Page preview</source>
        <translation>Xem trước trang</translation>
    </message>
    <message>
        <location line="+25" />
        <source>The document cannot be read.</source>
        <translation>Không đọc được tài liệu.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The document cannot be shown: {error}</source>
        <translation>Không hiển thị được tài liệu: {error}</translation>
    </message>
    <message>
        <location line="+22" />
        <source>This page cannot be shown: {error}</source>
        <translation>Không hiển thị được trang này: {error}</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Page {page} of {pages}</source>
        <translation>Trang {page} / {pages}</translation>
    </message>
</context>
<context>
    <name>PollEditor</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/poll_editor.py" line="+491" />
        <source>Choose a poll on the left, or add one.</source>
        <translation>Chọn một phiếu ở bên trái, hoặc thêm phiếu mới.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Opinion poll %1</source>
        <translation>Phiếu lấy ý kiến %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>No particular item</source>
        <translation>Không gắn với mục nào</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Item %1 (not on the agenda)</source>
        <translation>Mục %1 (không có trong chương trình)</translation>
    </message>
    <message>
        <location line="+26" />
        <source>Question %1</source>
        <translation>Câu hỏi %1</translation>
    </message>
    <message>
        <location line="+16" />
        <source>&amp;Title:</source>
        <translation>Tên phiế&amp;u:</translation>
    </message>
    <message>
        <location line="+0" />
        <source>About &amp;item:</source>
        <translation>&amp;Về mục:</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Answer &amp;by:</source>
        <translation>&amp;Hạn trả lời:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Poll &amp;code:</source>
        <translation>&amp;Mã số phiếu:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>e.g. Phiếu lấy ý kiến về dự thảo Nghị quyết</source>
        <translation>ví dụ: Phiếu lấy ý kiến về dự thảo Nghị quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>A short code without accents, e.g. phieu-1: members never see it</source>
        <translation>Mã ngắn không dấu, ví dụ phieu-1: thành viên không nhìn thấy mã này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Questions</source>
        <translation>Các câu hỏi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add question</source>
        <translation>Thêm câu hỏi</translation>
    </message>
</context>
<context>
    <name>PollForm</name>
    <message>
        <location filename="../../src/paperless/gui/consultation/widgets.py" line="-334" />
        <source>Written opinion poll</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Questions</source>
        <translation>Các câu hỏi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Answer by %1</source>
        <translation>Hạn trả lời: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <location line="+3" />
        <source>Your opinion (in writing):</source>
        <translation>Ý kiến của đồng chí (ghi rõ):</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Send the poll</source>
        <translation>Gửi phiếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You have already answered: sending again replaces your earlier answer.</source>
        <translation>Đồng chí đã trả lời phiếu này: gửi lại sẽ thay cho câu trả lời trước.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The deadline has passed: you can still send, and the office will mark the answer as late.</source>
        <translation>Đã quá hạn: đồng chí vẫn gửi được, Văn phòng sẽ ghi là gửi sau hạn.</translation>
    </message>
</context>
<context>
    <name>PollsList</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/poll_editor.py" line="-399" />
        <source>(no title yet)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location line="+1" />
        <source> — item %1</source>
        <translation> — mục %1</translation>
    </message>
    <message>
        <location line="+26" />
        <source>&amp;Opinion polls</source>
        <translation>&amp;Phiếu lấy ý kiến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Add poll</source>
        <translation>Thêm phiếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove poll</source>
        <translation>Xoá phiếu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opinion polls</source>
        <translation>Phiếu lấy ý kiến</translation>
    </message>
</context>
<context>
    <name>PollsView</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_views.py" line="+51" />
        <source>Question and answers</source>
        <translation>Câu hỏi và trả lời</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Count</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <location line="+9" />
        <source>{title} (due {due})</source>
        <translation>{title} (hạn {due})</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{answered} of {total} answered</source>
        <translation>{answered}/{total} đồng chí đã trả lời</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Answered after the deadline: {names}</source>
        <translation>Trả lời sau hạn: {names}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not answered yet: {names}</source>
        <translation>Chưa trả lời: {names}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Everyone has answered.</source>
        <translation>Tất cả các đồng chí đã trả lời.</translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n poll(s) in this session.</source>
        <translation>
            <numerusform>Phiên họp có %n phiếu lấy ý kiến.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1" />
        <source>This session has no written opinion poll.</source>
        <translation>Phiên họp này không có phiếu lấy ý kiến.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../src/paperless/gui/printing.py" line="+144" />
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <location line="+44" />
        <source>Printing page {n} of {total}…</source>
        <translation>Đang in trang {n}/{total}…</translation>
    </message>
    <message numerus="yes">
        <location line="+38" />
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>Đã gửi %n trang tới máy in.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/publish_page.py" line="+236" />
        <source>Build, check and publish</source>
        <translation>Tạo gói, kiểm tra và phát hành</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What changed since the last published version</source>
        <translation>Những thay đổi so với phiên bản đã phát hành gần nhất</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Build and sign</source>
        <translation>Tạo gói và ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Publish</source>
        <translation>Phát hành</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Building encrypts every document for the members allowed to read it and signs the bundle with the office's key. Then the bundle is checked as a member's computer will check it.</source>
        <translation>Khi tạo gói, mỗi tài liệu được mã hóa cho những thành viên được phép đọc, và gói được ký bằng khóa của Văn phòng. Sau đó gói được kiểm tra như máy của thành viên sẽ kiểm tra.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Preview as a member…</source>
        <translation>&amp;Xem trước như thành viên…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>See the agenda and the documents as one member will see them</source>
        <translation>Xem chương trình và tài liệu như một thành viên sẽ thấy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Build and sign</source>
        <translation>Tạo gói và &amp;ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stop (Esc); nothing is left half written</source>
        <translation>Dừng lại (Esc); không để lại tệp ghi dở</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Send the checked bundle to the office server, where members' computers fetch it, or save it as a file to hand out on a USB stick.</source>
        <translation>Gửi gói đã kiểm tra lên máy chủ của Văn phòng để máy của các thành viên tải về, hoặc lưu thành tệp để chép vào USB phát cho thành viên.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Publish to the &amp;office server</source>
        <translation>Phát hành lên &amp;máy chủ Văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save for a USB stick…</source>
        <translation>&amp;Lưu để chép vào USB…</translation>
    </message>
    <message>
        <location line="+45" />
        <location line="+188" />
        <source>The session changed after the last build; build it again before publishing.</source>
        <translation>Phiên họp đã thay đổi sau lần tạo gói vừa rồi; hãy tạo gói lại trước khi phát hành.</translation>
    </message>
    <message>
        <location line="-155" />
        <source>Not published yet: this will be version %1.</source>
        <translation>Chưa phát hành lần nào: đây sẽ là phiên bản %1.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The whole session is new to the members.</source>
        <translation>Toàn bộ phiên họp là mới đối với các thành viên.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Version %1 was published on %2. This will be version %3.</source>
        <translation>Phiên bản %1 đã phát hành lúc %2. Lần này sẽ là phiên bản %3.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Nothing has changed since version %1.</source>
        <translation>Không có gì thay đổi so với phiên bản %1.</translation>
    </message>
    <message>
        <location line="+30" />
        <source>Stopping…</source>
        <translation>Đang dừng…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Checking and converting documents (%1 of %2)</source>
        <translation>Đang kiểm tra và chuyển đổi tài liệu (%1/%2)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reading scanned pages (%1 of %2)</source>
        <translation>Đang đọc các trang scan (%1/%2)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Encrypting and signing</source>
        <translation>Đang mã hóa và ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Checking the written bundle</source>
        <translation>Đang kiểm tra gói vừa ghi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copying to the USB stick</source>
        <translation>Đang chép vào USB</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sending to the office server…</source>
        <translation>Đang gửi lên máy chủ Văn phòng…</translation>
    </message>
    <message>
        <location line="+102" />
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Something went wrong; nothing was published. The details were recorded.</source>
        <translation>Đã có lỗi; chưa phát hành gì. Chi tiết đã được ghi lại.</translation>
    </message>
    <message>
        <location line="+33" />
        <source>Published version %1 to the office server. %2 members can fetch it now.</source>
        <translation>Đã phát hành phiên bản %1 lên máy chủ Văn phòng. %2 thành viên có thể tải về ngay.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Version %1 was already on the office server; nothing changed.</source>
        <translation>Phiên bản %1 đã có trên máy chủ Văn phòng từ trước; không thay đổi gì.</translation>
    </message>
    <message>
        <location line="+24" />
        <source>Save the bundle for a USB stick</source>
        <translation>Lưu gói tài liệu để chép vào USB</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Paperless session (*.paperless)</source>
        <translation>Phiên họp Paperless (*.paperless)</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Saved version %1 as %2. Give the file to the members on the stick.</source>
        <translation>Đã lưu phiên bản %1 thành %2. Hãy chép tệp này vào USB để phát cho các thành viên.</translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/poll_editor.py" line="+47" />
        <source>The question, e.g. Đồng ý thông qua dự thảo?</source>
        <translation>Câu hỏi, ví dụ: Đồng chí có đồng ý thông qua dự thảo?</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The usual choices: %1</source>
        <translation>Lựa chọn thông thường: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Choices of my own</source>
        <translation>Lựa chọn riêng</translation>
    </message>
    <message>
        <location line="+0" />
        <source>A written answer only</source>
        <translation>Chỉ trả lời bằng chữ</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Choices, one a line:</source>
        <translation>Các lựa chọn, mỗi dòng một lựa chọn:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Members may also write an answer</source>
        <translation>Cho phép ghi thêm ý kiến bằng chữ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Remove question</source>
        <translation>Xoá câu hỏi</translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../src/paperless/gui/reader.py" line="+215" />
        <source>This session expired on %1; documents can no longer be opened.</source>
        <translation>Phiên họp này đã hết hạn lúc %1; không thể mở tài liệu nữa.</translation>
    </message>
</context>
<context>
    <name>RecallView</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_views.py" line="+45" />
        <source>After the meeting, documents with secret content must be recovered (Law 29/2018/QH14, art. 17). A recall deletes them from every member's computer the next time it connects to the server; each computer then confirms here.</source>
        <translation>Sau hội nghị, tài liệu có nội dung bí mật phải được thu hồi (Luật 29/2018/QH14, Điều 17). Lệnh thu hồi xoá tài liệu khỏi máy của từng đồng chí ở lần máy đó kết nối tới máy chủ; sau đó mỗi máy xác nhận tại đây.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Recall the whole session…</source>
        <translation>Thu hồi toàn bộ phiên họp…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>or one classified &amp;item:</source>
        <translation>hoặc một &amp;mục mật:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Recall this item…</source>
        <translation>Thu hồi mục này…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Computer</source>
        <translation>Máy tính</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Recalled</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>At</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Confirmed</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <location line="+13" />
        <source>(no classified item in this session)</source>
        <translation>(phiên họp này không có mục mật)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>the whole session</source>
        <translation>toàn bộ phiên họp</translation>
    </message>
    <message>
        <location line="+2" />
        <source>item {n}. {title}</source>
        <translation>mục {n}. {title}</translation>
    </message>
    <message>
        <location line="+10" />
        <source>No computer connected yet</source>
        <translation>Chưa có máy nào kết nối</translation>
    </message>
    <message>
        <location line="+2" />
        <source>✔ Confirmed {when}</source>
        <translation>✔ Đã xác nhận lúc {when}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Computer revoked (everything on it is wiped)</source>
        <translation>Máy đã bị thu hồi quyền (mọi dữ liệu trên máy bị xoá)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not yet confirmed</source>
        <translation>Chưa xác nhận</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Nothing of this session has been recalled.</source>
        <translation>Chưa thu hồi gì của phiên họp này.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{done} of {total} computers have confirmed.</source>
        <translation>{done}/{total} máy đã xác nhận.</translation>
    </message>
</context>
<context>
    <name>ReceiptsView</name>
    <message>
        <location line="-443" />
        <source>Read to the end: every document of the item was read to its last page. Opened: put on screen. Received: on the member's computer. Point at a cell for the times.</source>
        <translation>Đã đọc hết: mọi tài liệu của mục đã được xem đến trang cuối. Đã mở: đã mở ra xem. Đã nhận: tài liệu đã về máy của đồng chí. Đưa chuột vào một ô để xem thời gian.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Not received</source>
        <translation>Chưa nhận</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Opened</source>
        <translation>Đã mở</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Read to the end</source>
        <translation>Đã đọc hết</translation>
    </message>
    <message>
        <location line="+3" />
        <source>received</source>
        <translation>nhận</translation>
    </message>
    <message>
        <location line="+0" />
        <source>opened</source>
        <translation>mở</translation>
    </message>
    <message>
        <location line="+1" />
        <source>read to the end</source>
        <translation>đọc hết</translation>
    </message>
    <message>
        <location line="+4" />
        <source>— not for this member</source>
        <translation>— không gửi đồng chí này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{state} ({done} of {total} documents)</source>
        <translation>{state} ({done}/{total} tài liệu)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>This item is restricted to other members.</source>
        <translation>Mục này chỉ gửi một số đồng chí khác.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>nothing yet</source>
        <translation>chưa có gì</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The meeting has started.</source>
        <translation>Cuộc họp đã bắt đầu.</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>The meeting starts in %n day(s)</source>
        <translation>
            <numerusform>Còn %n ngày</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source> and %n hour(s).</source>
        <translation>
            <numerusform> %n giờ nữa đến cuộc họp.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>The meeting starts in %n hour(s).</source>
        <translation>
            <numerusform>Còn %n giờ nữa đến cuộc họp.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8" />
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message numerus="yes">
        <location line="+10" />
        <source>{name}
⚠ has not received %n item(s)</source>
        <translation>
            <numerusform>{name}
⚠ chưa nhận %n mục</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>{name}
not received: %n item(s)</source>
        <translation>
            <numerusform>{name}
chưa nhận: %n mục</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29" />
        <source>⚠ Not yet received by %n member(s): {names}.</source>
        <translation>
            <numerusform>⚠ %n đồng chí chưa nhận tài liệu: {names}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>Every member has received the documents.</source>
        <translation>Tất cả các đồng chí đã nhận tài liệu.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Receipts from people not in this session were left out: {names}.</source>
        <translation>Đã bỏ qua xác nhận của người không thuộc phiên họp này: {names}.</translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/members_page.py" line="-412" />
        <source>Add from the roster</source>
        <translation>Thêm từ danh sách thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tick the members of this session (Space ticks the highlighted one).</source>
        <translation>Đánh dấu các thành viên của phiên này (phím Cách đánh dấu dòng đang chọn).</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Tick &amp;all</source>
        <translation>Chọn &amp;tất cả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Add the ticked members</source>
        <translation>&amp;Thêm các thành viên đã đánh dấu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../src/paperless/gui/search/search_panel.py" line="+212" />
        <source>page %1</source>
        <translation>trang %1</translation>
    </message>
    <message>
        <location line="+61" />
        <source>Indexing… %1/%2 pages</source>
        <translation>Đang lập chỉ mục… %1/%2 trang</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Indexing… %1/%2 documents (%3 pages)</source>
        <translation>Đang lập chỉ mục… %1/%2 tài liệu (%3 trang)</translation>
    </message>
    <message>
        <location line="+14" />
        <source>No results yet</source>
        <translation>Chưa có kết quả</translation>
    </message>
    <message>
        <location line="+0" />
        <source>No results</source>
        <translation>Không có kết quả</translation>
    </message>
    <message>
        <location line="+2" />
        <source>More than %1 results; showing the first %1</source>
        <translation>Có hơn %1 kết quả; đang hiển thị %1 kết quả đầu tiên</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n kết quả</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <location line="+1" />
        <source>Search all documents</source>
        <translation>Tìm trong tất cả tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Search text</source>
        <translation>Nội dung tìm kiếm</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Words typed without accents match any accents (chuyen doi so finds chuyển đổi số); words typed with accents match exactly</source>
        <translation>Gõ không dấu sẽ tìm mọi cách viết có dấu (chuyen doi so tìm được chuyển đổi số); gõ có dấu sẽ tìm đúng từ đó</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Click or press Enter to open the page</source>
        <translation>Bấm chuột hoặc nhấn Enter để mở trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Indexing progress</source>
        <translation>Tiến độ lập chỉ mục</translation>
    </message>
</context>
<context>
    <name>SessionFetch</name>
    <message>
        <location filename="../../src/paperless/gui/sync/fetching.py" line="+77" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Stop downloading; it goes on from here next time</source>
        <translation>Dừng tải; lần sau sẽ tải tiếp từ chỗ đã dừng</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Downloading new sessions…</source>
        <translation>Đang tải phiên họp mới…</translation>
    </message>
    <message>
        <location line="+89" />
        <source>Downloading a new session: %1%</source>
        <translation>Đang tải phiên họp mới: %1%</translation>
    </message>
    <message>
        <location line="+21" />
        <source>The office server does not answer; new sessions will be downloaded once it does.</source>
        <translation>Máy chủ văn phòng không trả lời; phiên họp mới sẽ được tải về khi kết nối lại được.</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/session_page.py" line="+356" />
        <source>The session</source>
        <translation>Phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>What the meeting is, when and where, and what members' computers allow. A change is kept when you leave the field; Ctrl+Z undoes it.</source>
        <translation>Nội dung, thời gian, địa điểm của phiên họp và những gì máy của thành viên cho phép. Thay đổi được giữ khi bạn rời khỏi ô; Ctrl+Z để hoàn tác.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The meeting</source>
        <translation>Phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Title:</source>
        <translation>Tên &amp;phiên họp:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12</source>
        <translation>ví dụ: Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Meeting &amp;body:</source>
        <translation>&amp;Cơ quan họp:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. Ban Thường vụ Tỉnh ủy</source>
        <translation>ví dụ: Ban Thường vụ Tỉnh ủy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Date and time:</source>
        <translation>&amp;Ngày giờ họp:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not chosen yet</source>
        <translation>chưa chọn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Place:</source>
        <translation>Đị&amp;a điểm:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>e.g. Phòng họp số 1</source>
        <translation>ví dụ: Phòng họp số 1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Documents d&amp;ue:</source>
        <translation>&amp;Hạn gửi tài liệu:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>sent to members by</source>
        <translation>gửi đến thành viên trước ngày</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not set</source>
        <translation>chưa đặt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Documents usually go out at least %1 days before the meeting.</source>
        <translation>Tài liệu thường được gửi trước phiên họp ít nhất %1 ngày.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>E&amp;xpiry:</source>
        <translation>Hết hạn &amp;dùng:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>documents stop opening on</source>
        <translation>tài liệu không mở được từ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>never</source>
        <translation>không hết hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>After this, members' computers refuse to open the documents.</source>
        <translation>Sau thời điểm này, máy của thành viên không mở tài liệu nữa.</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Office &amp;server:</source>
        <translation>&amp;Máy chủ văn phòng:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>none: members read offline only</source>
        <translation>không có: thành viên chỉ đọc ngoại tuyến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>C&amp;hoose office-server.toml…</source>
        <translation>Chọn tệp o&amp;ffice-server.toml…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Re&amp;move</source>
        <translation>&amp;Bỏ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The file made by “paperless server init”: members are offered to connect, to keep their notes on all their computers.</source>
        <translation>Tệp do lệnh “paperless server init” tạo ra: thành viên được mời kết nối, để ghi chú của họ có trên mọi máy tính của họ.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>On members' computers</source>
        <translation>Trên máy của thành viên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Watermark every page with the member's name</source>
        <translation>In dấu chìm tên thành &amp;viên trên mọi trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Allow &amp;copying text</source>
        <translation>Cho phép sa&amp;o chép chữ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Allow p&amp;rinting and exporting</source>
        <translation>Cho phép in và &amp;xuất tệp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Lock when idle:</source>
        <translation>Tự &amp;khóa khi không dùng:</translation>
    </message>
    <message>
        <location line="+2" />
        <source>default (%1 minutes)</source>
        <translation>mặc định (%1 phút)</translation>
    </message>
    <message>
        <location line="+1" />
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete members' &amp;notes:</source>
        <translation>Xóa &amp;ghi chú của thành viên:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>never (kept)</source>
        <translation>không xóa (giữ lại)</translation>
    </message>
    <message>
        <location line="+1" />
        <source> days after the meeting</source>
        <translation> ngày sau phiên họp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Classified items (Mật, Tối mật, Tuyệt mật)</source>
        <translation>Nội dung có độ mật (Mật, Tối mật, Tuyệt mật)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A secrecy level is set per agenda item, and overrides the choices above for its documents:&lt;ul&gt;&lt;li&gt;&lt;b&gt;Mật&lt;/b&gt;: never copied, printed or exported; watermark always on; the reader locks after 5 minutes idle.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tối mật&lt;/b&gt;: as Mật, and the reader locks after 2 minutes; the documents must be recalled after the meeting.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tuyệt mật&lt;/b&gt;: as Tối mật.&lt;/li&gt;&lt;/ul&gt;Recall after the meeting: Law 29/2018/QH14 on protecting state secrets, article 17.</source>
        <translation>Độ mật được đặt cho từng nội dung trong chương trình, và thay cho các lựa chọn bên trên đối với tài liệu của nội dung đó:&lt;ul&gt;&lt;li&gt;&lt;b&gt;Mật&lt;/b&gt;: không bao giờ được sao chép, in hay xuất tệp; luôn có dấu chìm; máy tự khóa sau 5 phút không dùng.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tối mật&lt;/b&gt;: như Mật, và máy tự khóa sau 2 phút; tài liệu phải được thu hồi sau hội nghị.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tuyệt mật&lt;/b&gt;: như Tối mật.&lt;/li&gt;&lt;/ul&gt;Thu hồi sau hội nghị: Luật Bảo vệ bí mật nhà nước số 29/2018/QH14, Điều 17.</translation>
    </message>
    <message>
        <location line="+69" />
        <source>No item of this session is classified yet.</source>
        <translation>Phiên này chưa có nội dung nào có độ mật.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Classified items in this session: %1.</source>
        <translation>Nội dung có độ mật trong phiên này: %1.</translation>
    </message>
    <message>
        <location line="+122" />
        <source>Choose the office-server file</source>
        <translation>Chọn tệp máy chủ văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Office server file (*.toml);;All files (*)</source>
        <translation>Tệp máy chủ văn phòng (*.toml);;Tất cả các tệp (*)</translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../../src/paperless/gui/library_view.py" line="-120" />
        <source>Expired on %1</source>
        <translation>Đã hết hạn lúc %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Available until %1</source>
        <translation>Được đọc đến %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 of %2 documents read</source>
        <translation>Đã đọc %1/%2 tài liệu</translation>
    </message>
</context>
<context>
    <name>SpeakDialog</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/speak.py" line="+18" />
        <location line="+20" />
        <source>Ask to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <location line="-18" />
        <source>What do you wish to speak about? (optional, a few words)</source>
        <translation>Đồng chí muốn phát biểu về vấn đề gì? (không bắt buộc, ghi vài chữ)</translation>
    </message>
    <message>
        <location line="+11" />
        <source>On the item being presented: %1. %2</source>
        <translation>Về nội dung đang trình bày: %1. %2</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>SyncFront</name>
    <message>
        <location filename="../../src/paperless/gui/sync/front.py" line="+267" />
        <source>This computer was revoked</source>
        <translation>Máy này đã bị vô hiệu hoá</translation>
    </message>
    <message>
        <location line="+1" />
        <source>This computer was removed from your devices (by you on another computer, or by the office). Your notes and sessions on it have been deleted.</source>
        <translation>Máy này đã bị gỡ khỏi danh sách thiết bị của đồng chí (do đồng chí làm trên máy khác, hoặc do văn phòng). Ghi chú và các phiên họp trên máy này đã được xoá.</translation>
    </message>
</context>
<context>
    <name>SyncPart</name>
    <message>
        <location filename="../../src/paperless/gui/sync/part.py" line="+144" />
        <source>Your notes are kept in step through the office server. The office sees which documents you opened, and when.</source>
        <translation>Ghi chú của đồng chí được đồng bộ qua máy chủ văn phòng. Văn phòng biết đồng chí đã mở tài liệu nào và khi nào.</translation>
    </message>
</context>
<context>
    <name>TextBoxEditor</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/editors.py" line="+86" />
        <source>Text box text</source>
        <translation>Nội dung hộp văn bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Type here…</source>
        <translation>Gõ nội dung tại đây…</translation>
    </message>
</context>
<context>
    <name>TextSizeButton</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/text_size.py" line="+37" />
        <source>Small</source>
        <translation>Nhỏ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Normal</source>
        <translation>Vừa</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Large</source>
        <translation>Lớn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Larger</source>
        <translation>Lớn hơn</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Largest</source>
        <translation>Rất lớn</translation>
    </message>
    <message>
        <location line="+2" />
        <source>{name} ({points} pt)</source>
        <translation>{name} ({points} pt)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Text size</source>
        <translation>Cỡ chữ</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Text size: {points} pt</source>
        <translation>Cỡ chữ: {points} pt</translation>
    </message>
</context>
<context>
    <name>ThumbnailPanel</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/thumbnails.py" line="+51" />
        <source>Page thumbnails</source>
        <translation>Hình thu nhỏ các trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pages: click one to go there</source>
        <translation>Các trang: bấm vào một trang để chuyển đến</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+28" />
        <source>Page {page}</source>
        <translation>Trang {page}</translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/trust.py" line="+24" />
        <source>Public cards (*.toml);;All files (*)</source>
        <translation>Thẻ công khai (*.toml);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Save my public card</source>
        <translation>Lưu thẻ công khai của tôi</translation>
    </message>
    <message>
        <location line="+45" />
        <source>Trust an office card</source>
        <translation>Tin cậy thẻ của Văn phòng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Only the committee office's card can sign sessions. Session files signed with this card will be accepted for you on this computer.</source>
        <translation>Chỉ thẻ của Văn phòng mới được ký phiên họp. Các tệp phiên họp được ký bằng thẻ này sẽ được chấp nhận cho đồng chí trên máy tính này.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Ask the office to read their fingerprint to you (by phone or in person). Trust this card only if every digit is the same.</source>
        <translation>Hãy đề nghị Văn phòng đọc dấu vân tay của thẻ cho đồng chí (qua điện thoại hoặc trực tiếp). Chỉ tin cậy thẻ này khi tất cả các chữ số đều trùng khớp.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Trust this card</source>
        <translation>&amp;Tin cậy thẻ này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Choose the office's public card</source>
        <translation>Chọn thẻ công khai của Văn phòng</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../src/paperless/gui/notes/kinds.py" line="-48" />
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Undo %1</source>
        <translation>&amp;Hoàn tác: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Undo Delete %1</source>
        <translation>&amp;Hoàn tác xóa: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Undo Change to %1</source>
        <translation>&amp;Hoàn tác sửa: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Redo %1</source>
        <translation>&amp;Làm lại: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Redo Delete %1</source>
        <translation>&amp;Làm lại xóa: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Redo Change to %1</source>
        <translation>&amp;Làm lại sửa: %1</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/unlock.py" line="+127" />
        <source>Unlock Paperless</source>
        <translation>Mở khóa Paperless</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Enter your passphrase</source>
        <translation>Nhập mật khẩu của đồng chí</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Identity: %1
Fingerprint: %2</source>
        <translation>Danh tính: %1
Dấu vân tay: %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Unlock</source>
        <translation>&amp;Mở khóa</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Start a new library</source>
        <translation>&amp;Bắt đầu thư viện mới</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Keep the refused file aside and start an empty library. Open your sessions again from their files; your notes are not affected.</source>
        <translation>Giữ riêng tệp bị từ chối và bắt đầu một thư viện trống. Hãy mở lại các phiên họp từ tệp của chúng; ghi chú của đồng chí không bị ảnh hưởng.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Cancel</source>
        <translation>&amp;Hủy</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Please type your passphrase.</source>
        <translation>Xin hãy nhập mật khẩu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Unlocking…</source>
        <translation>Đang mở khóa…</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Your reading library on this computer has been altered or damaged, so it was not used. Your documents and notes are untouched; you can start a new library.</source>
        <translation>Thư viện đọc trên máy tính này đã bị sửa đổi hoặc bị hỏng nên không được dùng. Tài liệu và ghi chú của đồng chí không bị ảnh hưởng; đồng chí có thể bắt đầu một thư viện mới.</translation>
    </message>
    <message>
        <location line="+38" />
        <source>Wrong passphrase. You can try again in %1 s.</source>
        <translation>Sai mật khẩu. Có thể thử lại sau %1 giây.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Wrong passphrase. Please try again.</source>
        <translation>Sai mật khẩu. Xin hãy thử lại.</translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/toolbar.py" line="+86" />
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Document toolbar</source>
        <translation>Thanh công cụ tài liệu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pages</source>
        <translation>Các trang</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Show or hide the page thumbnails and contents</source>
        <translation>Hiện hoặc ẩn hình thu nhỏ các trang và mục lục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Page number</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Current page: type a number and press Enter to go there</source>
        <translation>Trang hiện tại: gõ số trang rồi nhấn Enter để chuyển đến</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Page count</source>
        <translation>Tổng số trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Zoom out ({key})</source>
        <translation>Thu nhỏ ({key})</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Zoom</source>
        <translation>Thu phóng</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Zoom: choose a size or type a percentage</source>
        <translation>Thu phóng: chọn cỡ hoặc gõ tỉ lệ phần trăm</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+4" />
        <location line="+40" />
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <location line="-43" />
        <location line="+4" />
        <location line="+41" />
        <source>Fit page</source>
        <translation>Vừa trang</translation>
    </message>
    <message>
        <location line="-44" />
        <source>Zoom in ({key})</source>
        <translation>Phóng to ({key})</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Fit the page width to the window</source>
        <translation>Hiển thị trang vừa chiều rộng cửa sổ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Show the whole page</source>
        <translation>Hiển thị trọn trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Actual size ({key})</source>
        <translation>Kích thước thực ({key})</translation>
    </message>
    <message>
        <location line="+1" />
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Night</source>
        <translation>Ban đêm</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Night mode: light text on a dark page</source>
        <translation>Chế độ đọc ban đêm: chữ sáng trên nền tối</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Document status</source>
        <translation>Trạng thái tài liệu</translation>
    </message>
    <message>
        <location line="+30" />
        <source>of {count}</source>
        <translation>/ {count}</translation>
    </message>
</context>
<context>
    <name>VoteDialog</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/vote_dialog.py" line="+133" />
        <source>For</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Against</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Blank</source>
        <translation>Phiếu trắng</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Vote on the motion</source>
        <translation>Biểu quyết nội dung</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Agenda item: {title}</source>
        <translation>Thuộc nội dung: {title}</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not tied to an agenda item</source>
        <translation>Không thuộc nội dung nào của chương trình</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Close</source>
        <translation>Đó&amp;ng</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Press {key}</source>
        <translation>Nhấn phím {key}</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The vote has closed. Your choice that counts: {choice}.</source>
        <translation>Biểu quyết đã kết thúc. Lựa chọn được tính của đồng chí: {choice}.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The vote has closed. You did not vote.</source>
        <translation>Biểu quyết đã kết thúc. Đồng chí không bỏ phiếu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>You chose: {choice} — you can change it until the vote closes.</source>
        <translation>Đồng chí đã chọn: {choice} — có thể đổi đến khi kết thúc biểu quyết.</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Press a button, or the key 1, 2 or 3. You can change your choice until the vote closes.</source>
        <translation>Nhấn một nút, hoặc phím 1, 2, 3. Đồng chí có thể đổi lựa chọn đến khi kết thúc biểu quyết.</translation>
    </message>
</context>
<context>
    <name>annotating</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_make.py" line="+42" />
        <source>Mark the text where it belongs: the note moves there.</source>
        <translation>Hãy đánh dấu đoạn văn tương ứng: chú thích sẽ được chuyển đến đó.</translation>
    </message>
</context>
</TS>