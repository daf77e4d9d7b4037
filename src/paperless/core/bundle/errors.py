"""Errors about session bundles, each with a one-line English and Vietnamese message."""

from __future__ import annotations

from paperless.core.errors import PaperlessError


class BundleError(PaperlessError):
    en = "The bundle {path} cannot be used: {detail}"
    vi = "Không thể dùng gói tài liệu {path}: {detail}"
    exit_code = 3


class NotABundleError(BundleError):
    en = "{path} is not a session bundle, or it is truncated or damaged ({detail})."
    vi = "{path} không phải gói tài liệu phiên họp, hoặc đã bị cắt cụt hay hư hỏng ({detail})."


class UnsafeEntryError(BundleError):
    en = "The bundle {path} contains an unsafe entry name {name!r}; refused."
    vi = "Gói tài liệu {path} chứa tên mục không an toàn {name!r}; đã từ chối."


class TamperedError(BundleError):
    en = (
        "The bundle {path} has been altered or damaged: {detail}. "
        "Do not use it; ask the office for a new copy."
    )
    vi = "Gói tài liệu {path} đã bị sửa đổi hoặc hư hỏng: {detail}. Đừng dùng; hãy xin Văn phòng bản mới."


class UnknownSignerError(BundleError):
    en = "The bundle {path} is signed by an unknown key (key id {key_id}); it is not from a trusted office."
    vi = "Gói tài liệu {path} được ký bởi khóa lạ (mã khóa {key_id}); không phải từ văn phòng tin cậy."


class NotAnOfficeSignerError(BundleError):
    en = ("The bundle {path} is signed with the card of {name}, which is a member's card: only the committee "
          "office's card may sign sessions.")
    vi = ("Gói tài liệu {path} được ký bằng thẻ của {name}, là thẻ thành viên: chỉ thẻ của Văn phòng mới được "
          "ký phiên họp.")


class ExpiredError(BundleError):
    en = "The bundle {path} expired on {when}; its documents can no longer be opened."
    vi = "Gói tài liệu {path} đã hết hạn từ {when}; không thể mở tài liệu nữa."
    exit_code = 4


class RollbackError(BundleError):
    en = (
        "This is version {version} of the session, but version {seen} was already opened here; "
        "an older copy is refused."
    )
    vi = (
        "Đây là phiên bản {version} của phiên họp, nhưng máy này đã mở phiên bản {seen}; "
        "bản cũ hơn bị từ chối."
    )
    exit_code = 5


class NotARecipientError(BundleError):
    en = "The bundle {path} was not prepared for {name}; this key cannot open it."
    vi = "Gói tài liệu {path} không được chuẩn bị cho {name}; khóa này không mở được."
    exit_code = 6


class NotPermittedError(BundleError):
    en = "The item \u201c{title}\u201d is restricted; {name} may not read it."
    vi = "Nội dung \u201c{title}\u201d bị hạn chế; {name} không được phép đọc."
    exit_code = 6


class DocumentError(PaperlessError):
    en = "The document {path} cannot be used: {detail}"
    vi = "Không thể dùng tài liệu {path}: {detail}"


class ConverterMissingError(PaperlessError):
    en = "Cannot convert {path} to PDF: LibreOffice is not installed (install libreoffice-writer)."
    vi = "Không chuyển được {path} sang PDF: chưa cài LibreOffice (hãy cài libreoffice-writer)."


class OcrMissingError(PaperlessError):
    en = ("Cannot read the scanned pages of {path}: {what} is not installed "
          "(sudo apt-get install -y tesseract-ocr tesseract-ocr-vie), or build with --ocr never.")
    vi = ("Không đọc được các trang scan của {path}: chưa cài {what} "
          "(sudo apt-get install -y tesseract-ocr tesseract-ocr-vie), hoặc tạo gói với --ocr never.")
