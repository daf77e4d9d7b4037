"""Errors raised by the age implementation.

Every malformed input, wrong key or tampered file raises a subclass of :class:`AgeError`;
any other exception escaping :mod:`paperless.core.age` is a bug. The classes map one to one
onto the outcomes of the age test vectors (``header failure`` is :class:`AgeHeaderError`,
``HMAC failure`` is :class:`AgeHmacError`, and so on).
"""

from __future__ import annotations

from paperless.core.errors import PaperlessError, WrongPassphraseError


class AgeError(PaperlessError):
    """Base class of every age error."""

    en = "Cannot process the encrypted file: {detail}"
    vi = "Không xử lý được tệp mã hoá: {detail}"


class AgeHeaderError(AgeError):
    """The header does not parse, or a recipient stanza is malformed (``header failure``)."""

    en = "The encrypted file is damaged or not an age file (invalid header: {detail})."
    vi = "Tệp mã hoá bị hỏng hoặc không phải tệp age (phần đầu không hợp lệ: {detail})."


class AgeScryptWorkFactorError(AgeHeaderError):
    """An scrypt stanza asks for a work factor above the allowed maximum (refused unrun)."""

    en = (
        "The passphrase-protected file asks for an scrypt work factor of 2^{log_n}, "
        "above the allowed maximum of 2^{max_log_n}; refusing to spend that much time and memory."
    )
    vi = (
        "Tệp được bảo vệ bằng mật khẩu yêu cầu hệ số công việc scrypt 2^{log_n}, "
        "vượt quá mức tối đa cho phép 2^{max_log_n}; từ chối tiêu tốn nhiều thời gian "
        "và bộ nhớ như vậy."
    )


class AgeLimitError(AgeHeaderError):
    """The header exceeds an abuse limit (number of stanzas, size)."""

    en = "The encrypted file's header is too large ({detail}); refusing to process it."
    vi = "Phần đầu của tệp mã hoá quá lớn ({detail}); từ chối xử lý."


class AgeHmacError(AgeError):
    """The file key was unwrapped but the header MAC does not match (``HMAC failure``)."""

    en = "The encrypted file's header has been tampered with (header MAC mismatch)."
    vi = "Phần đầu của tệp mã hoá đã bị sửa đổi (mã xác thực phần đầu không khớp)."


class AgeNoMatchError(AgeError):
    """No identity could unwrap the file key (``no match``)."""

    en = "None of the given keys can decrypt this file (it was not encrypted to them)."
    vi = "Không khoá nào trong số các khoá đã cung cấp giải mã được tệp này (tệp không được mã hoá cho các khoá đó)."


class AgeWrongPassphraseError(AgeNoMatchError, WrongPassphraseError):
    """The file is passphrase-protected and the passphrase is wrong (a ``no match``)."""

    en = "Wrong passphrase for {what}."
    vi = "Sai mật khẩu cho {what_vi}."
    exit_code = 2

    def __init__(self, what: str = "the encrypted file", what_vi: str = "tệp mã hoá", **params: object) -> None:
        super().__init__(what=what, what_vi=what_vi, **params)


class AgePayloadError(AgeError):
    """The encrypted payload is truncated, corrupted or tampered with (``payload failure``)."""

    en = "The encrypted data is damaged, truncated or has been tampered with ({detail})."
    vi = "Dữ liệu mã hoá bị hỏng, bị cắt cụt hoặc đã bị sửa đổi ({detail})."


class AgeArmorError(AgeError):
    """The ASCII armor (PEM-like text form) does not parse (``armor failure``)."""

    en = "The text-encoded (ASCII-armored) age file is invalid: {detail}."
    vi = "Tệp age dạng văn bản (ASCII armor) không hợp lệ: {detail}."


class AgeUnsupportedError(AgeError):
    """A feature of the file or key is valid age but not supported here."""

    en = "Unsupported age feature: {detail}."
    vi = "Tính năng age không được hỗ trợ: {detail}."


class AgeKeyError(AgeError):
    """A key, recipient or identity file is malformed."""

    en = "Invalid age key: {detail}."
    vi = "Khoá age không hợp lệ: {detail}."


class AgeUsageError(AgeError):
    """The API was called with an invalid combination of arguments."""

    en = "Cannot encrypt or decrypt: {detail}."
    vi = "Không thể mã hoá hoặc giải mã: {detail}."
    exit_code = 64
