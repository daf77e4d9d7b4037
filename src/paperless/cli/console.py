"""Terminal helpers: bilingual output, passphrase prompts, a progress bar."""

from __future__ import annotations

import getpass
import os
import sys
import time
from typing import TextIO

from paperless.core.errors import T, UsageError
from paperless.core.i18n import user_language
from paperless.core.identity import PublicCard

MIN_PASSPHRASE = 8


def tr(text: T) -> str:
    return text.vi if user_language() == "vi" else text.en


def say(text: T | str, **fields: object) -> None:
    line = tr(text) if isinstance(text, T) else text
    print(line.format(**fields) if fields else line, flush=True)


def take_env(var: str) -> str:
    """The variable's value, removed from this process's environment at once, so that no child
    process (a converter, a render process …) is ever given it."""
    value = os.environ.pop(var, None)
    if value is None:
        raise UsageError(detail=T(f"the environment variable {var} is not set",
                                  f"chưa đặt biến môi trường {var}"))
    return value


def read_passphrase(env_var: str | None, *, what: str, confirm: bool = False) -> str:
    """From the named environment variable (then removed from the environment), or asked on the
    terminal (twice when confirming)."""
    if env_var:
        passphrase = take_env(env_var)
    else:
        if not sys.stdin.isatty():
            raise UsageError(detail=T("no terminal to ask for the passphrase; use --passphrase-env VAR",
                                      "không có cửa sổ dòng lệnh để hỏi mật khẩu; hãy dùng --passphrase-env VAR"))
        passphrase = getpass.getpass(tr(T(f"Passphrase for {what}: ", f"Mật khẩu cho {what}: ")))
        if confirm:
            again = getpass.getpass(tr(T("Repeat the passphrase: ", "Nhập lại mật khẩu: ")))
            if again != passphrase:
                raise UsageError(detail=T("the two passphrases differ", "hai mật khẩu không giống nhau"))
    if confirm and len(passphrase) < MIN_PASSPHRASE:
        raise UsageError(detail=T(f"the passphrase must have at least {MIN_PASSPHRASE} characters",
                                  f"mật khẩu phải có ít nhất {MIN_PASSPHRASE} ký tự"))
    return passphrase


def warn_if_outdated(card: PublicCard, path: object) -> None:
    """One line on stderr for a card file made by an earlier version (a 20-digit fingerprint)."""
    if card.outdated:
        line = tr(T(f"warning: {path} was made by an older Paperless; check its new 40-digit fingerprint "
                    f"with {card.name} ({card.fingerprint}) — the old 20-digit one is no longer used",
                    f"cảnh báo: {path} do phiên bản Paperless cũ tạo; hãy đối chiếu dấu vân tay mới 40 chữ số "
                    f"với {card.name} ({card.fingerprint}) — dấu 20 chữ số cũ không còn được dùng"))
        print(line, file=sys.stderr, flush=True)


class ProgressBar:
    """A one-line progress bar on stderr, drawn only on a terminal, at most 10 times a second."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int, label: str | None = None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        frac = done / total if total else 1.0
        width = 30
        bar = "#" * int(frac * width)
        text = f"\r{label or self.label} [{bar:<{width}}] {frac * 100:5.1f}%"
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
