"""Errors about the member's encrypted library and reading state."""

from __future__ import annotations

from paperless.core.errors import PaperlessError


class LibraryError(PaperlessError):
    en = "The reading library {path} cannot be used: {detail}"
    vi = "Không dùng được thư viện đọc {path}: {detail}"


class LibraryTamperedError(LibraryError):
    """The sealed state failed its check: altered, planted, or written by an older version."""

    en = ("Your reading library {path} has been altered or damaged, so it was not used ({detail}). "
          "Your documents and notes are untouched; you can start a new library.")
    vi = ("Thư viện đọc {path} đã bị sửa đổi hoặc bị hỏng nên không được dùng ({detail}). "
          "Tài liệu và ghi chú của đồng chí không bị ảnh hưởng; đồng chí có thể bắt đầu một thư viện mới.")


class NotAnOfficeCardError(LibraryError):
    en = "The card of {name} is a member's card, not the committee office's: only the office's card can sign sessions."
    vi = "Thẻ của {name} là thẻ thành viên, không phải thẻ của Văn phòng: chỉ thẻ của Văn phòng mới được ký phiên họp."


class LibraryFromNewerAppError(LibraryError):
    en = "The reading library {path} was written by a newer version of Paperless (format {found}); please update."
    vi = "Thư viện đọc {path} do phiên bản Paperless mới hơn ghi (định dạng {found}); hãy cập nhật phần mềm."


class RecalledSessionError(LibraryError):
    """The office recalled this version of the session from this computer (docs/receipts-recall.md)."""

    en = ("The committee office recalled this session after the meeting; this copy ({path}) can no "
          "longer be opened on this computer.")
    vi = ("Văn phòng đã thu hồi tài liệu phiên họp này sau hội nghị; bản này ({path}) không còn mở "
          "được trên máy tính này.")


class UnknownSessionError(LibraryError):
    en = "This session is not in the library on this computer."
    vi = "Phiên họp này không có trong thư viện trên máy tính này."


class LibraryCopyError(PaperlessError):
    """The library's copy of a bundle could not be made; the session reads from the user's file."""

    en = ("{path} could not be kept in your library ({detail}). The session is read from that file for now, "
          "so keep it available; Paperless will try again the next time you open it.")
    vi = ("Không lưu được {path} vào thư viện ({detail}). Phiên họp đang được đọc trực tiếp từ tệp đó, "
          "hãy giữ tệp này; Paperless sẽ thử lại lần mở sau.")
