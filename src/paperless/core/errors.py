"""Errors the user can act on, each with an English and a Vietnamese one-line message.

A :class:`PaperlessError` is a *known* error (bad input, wrong passphrase, tampered file):
the CLI prints its message and exits non-zero, the GUI shows it in a dialog. Any other
exception is a bug. Subclasses set ``en`` and ``vi`` templates (``str.format`` fields filled
from the keyword arguments) and may set ``exit_code``.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from paperless.core.i18n import user_language


class T(NamedTuple):
    """A message fragment in both languages, usable as an error parameter."""

    en: str
    vi: str

    def __str__(self) -> str:
        return self.en


class PaperlessError(Exception):
    en: ClassVar[str] = "Something went wrong: {detail}"
    vi: ClassVar[str] = "Đã có lỗi: {detail}"
    exit_code: ClassVar[int] = 1

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        lang = lang or user_language()
        template = self.vi if lang == "vi" else self.en
        params = {
            k: (getattr(v, lang if lang in ("en", "vi") else "en") if isinstance(v, T) else v)
            for k, v in self.params.items()
        }
        try:
            text = template.format(**params)
        except (KeyError, IndexError):  # a missing field must never hide the error itself
            text = template
        return " ".join(text.split())  # always one line

    def __str__(self) -> str:
        return self.message("en")


class UsageError(PaperlessError):
    en = "{detail}"
    vi = "{detail}"
    exit_code = 64


class WrongPassphraseError(PaperlessError):
    en = "Wrong passphrase for {what}."
    vi = "Sai mật khẩu cho {what}."
    exit_code = 2


class InputFileError(PaperlessError):
    en = "Cannot read {path}: {detail}"
    vi = "Không đọc được {path}: {detail}"


class OutputFileError(PaperlessError):
    en = "Cannot write {path}: {detail}"
    vi = "Không ghi được {path}: {detail}"


class DiskFullError(PaperlessError):
    en = "Not enough disk space to write {path}; nothing was written."
    vi = "Không đủ dung lượng đĩa để ghi {path}; chưa ghi gì."
