"""Errors about the member's encrypted notes (annotations, item notes, bookmarks).

Every failure of the notes database or its key reaches the user as one of these: a
one-line message in English and Vietnamese, never a traceback. A failed change is rolled
back whole (one transaction per change), so the messages can promise nothing half-saved.
"""

from __future__ import annotations

from paperless.core.errors import PaperlessError


class NotesError(PaperlessError):
    en = "Your notes in {path} cannot be used: {detail}"
    vi = "Không dùng được ghi chú của đồng chí trong {path}: {detail}"


class NotesFromNewerAppError(NotesError):
    en = ("Your notes in {path} were saved by a newer version of Paperless (format {found}, this version "
          "knows up to {known}); please update.")
    vi = ("Ghi chú của đồng chí trong {path} do phiên bản Paperless mới hơn lưu (định dạng {found}, phiên bản này "
          "chỉ biết đến {known}); hãy cập nhật phần mềm.")


class NotesCorruptError(NotesError):
    en = "Your notes database {path} is damaged or is not a Paperless notes file: {detail}"
    vi = "Cơ sở dữ liệu ghi chú {path} bị hỏng hoặc không phải tệp ghi chú của Paperless: {detail}"


class NotesKeyError(NotesError):
    en = "The key to your notes, {path}, cannot be used: {detail}"
    vi = "Không dùng được khóa ghi chú {path}: {detail}"


class NotesKeyMissingError(NotesKeyError):
    en = "The key to your notes, {path}, is missing; the notes beside it cannot be read without it."
    vi = "Thiếu khóa ghi chú {path}; không thể đọc các ghi chú bên cạnh nếu không có khóa này."


class NotesTamperedError(NotesError):
    en = "A saved note in {path} has been altered or damaged and cannot be read ({what} {uuid})."
    vi = "Một ghi chú đã lưu trong {path} đã bị sửa đổi hoặc hỏng và không đọc được ({what} {uuid})."


class NotesUnreadableContentError(NotesTamperedError):
    """A record that opens (its seal is good) but whose content does not validate
    (:func:`~.content.parse_content`): hidden and reported like a damaged one, never half shown."""

    en = ("A saved note in {path} cannot be shown: its content is damaged or from a newer version of Paperless "
          "({what} {uuid}: {detail}).")
    vi = ("Không hiển thị được một ghi chú đã lưu trong {path}: nội dung của nó bị hỏng hoặc do phiên bản "
          "Paperless mới hơn tạo ra ({what} {uuid}: {detail}).")


class NotesRolledBackError(NotesTamperedError):
    """The rows on disk are not the set this device last wrote: a record or outbox operation
    replaced by an older genuine copy, removed, added, or its clear columns changed."""

    en = ("Some of your notes in {path} were replaced by older copies, removed or altered, so they were "
          "not opened; nothing was changed.")
    vi = ("Một số ghi chú của đồng chí trong {path} đã bị thay bằng bản cũ hơn, bị xóa hoặc bị sửa đổi nên "
          "không được mở; chưa có gì bị thay đổi.")


class NotesKeyRejectedNotice(NotesKeyError):
    """Not raised: told (``NotesStore.notices``) when a key file that this identity did not seal
    was found where no notes depended on it, set aside unused, and a new key made."""

    en = ("The key file {path} was not made by your identity ({detail}), so it was never used: it was moved "
          "to {aside} and a new key was made.")
    vi = ("Tệp khóa {path} không do danh tính của đồng chí tạo ra ({detail}) nên chưa từng được dùng: tệp đã được "
          "chuyển sang {aside} và một khóa mới đã được tạo.")


class NotesDiskFullError(NotesError):
    en = "Not enough disk space to save your notes in {path}; the last change was not saved."
    vi = "Không đủ dung lượng đĩa để lưu ghi chú trong {path}; thay đổi vừa rồi chưa được lưu."


class NotesBusyError(NotesError):
    en = "Your notes in {path} are in use by another Paperless window; close it and try again."
    vi = "Ghi chú trong {path} đang được một cửa sổ Paperless khác sử dụng; hãy đóng cửa sổ đó rồi thử lại."


class NoteNotFoundError(NotesError):
    en = "This note no longer exists ({what} {uuid})."
    vi = "Ghi chú này không còn nữa ({what} {uuid})."
