"""What the office's policy lets this member do with an open session, now.

One place answers can_read / can_print / can_export / can_copy / is_expired, from the signed
agenda's policy and expiry and a clock asked at every question: a session that crosses its
expiry while the app runs stops being readable, printable and exportable at that moment. The
clock is the opened bundle's (:meth:`~paperless.core.bundle.OpenedBundle.now`): the library's
clock, which never goes back past the latest time it has seen, and never before the office
issued the bundle.

The answer is per document: :meth:`Policy.of` with an ``entry`` gives the policy of that document,
which for a document of a classified item (:mod:`paperless.core.classification`) refuses copying,
printing and exporting whatever the session's policy says, keeps the watermark on and shortens the
idle lock. Without an entry it is the session's policy (an unclassified document's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from paperless.core.bundle import OpenedBundle
from paperless.core.classification import Level, idle_lock_minutes


class Refusal(Enum):
    """Why an action is not allowed (the GUI words it in the member's language)."""

    EXPIRED = "expired"
    NO_PRINT = "no_print"  # the office does not allow printing (nor exporting: an export can be printed)
    NO_COPY = "no_copy"
    CLASSIFIED = "classified"  # a document of a classified item: never copied, printed nor exported


@dataclass(frozen=True)
class Policy:
    allow_copy: bool
    allow_print: bool
    watermark: bool
    expires_at: datetime | None
    clock: Callable[[], datetime]
    level: Level | None = None  # the document's secrecy level (None: not classified, or the session's policy)
    session_idle_minutes: int | None = None  # the clerk's idle_lock_minutes (None: the default)

    @classmethod
    def of(cls, opened: OpenedBundle, entry: str | None = None) -> Policy:
        """The policy of the document ``entry`` of ``opened`` (None: of the session)."""
        agenda = opened.agenda
        level = agenda.level_of(entry) if entry is not None else None
        return cls(agenda.allow_copy, agenda.allow_print, agenda.watermark, opened.manifest.expires_at, opened.now,
                   level, agenda.idle_lock_minutes)

    @property
    def shows_watermark(self) -> bool:
        """The watermark is on when the office asks for it, and always on a classified document."""
        return self.watermark or self.level is not None

    def idle_lock_minutes(self) -> int:
        """Minutes without input before the reader locks while this document is open."""
        return idle_lock_minutes(self.session_idle_minutes, self.level)

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.expires_at is not None and (now or self.clock()) >= self.expires_at

    def why_not_read(self) -> Refusal | None:
        return Refusal.EXPIRED if self.is_expired() else None

    def why_not_print(self) -> Refusal | None:
        if self.level is not None:
            return Refusal.CLASSIFIED
        if not self.allow_print:
            return Refusal.NO_PRINT
        return Refusal.EXPIRED if self.is_expired() else None

    def why_not_export(self) -> Refusal | None:
        """The annotated PDF: a copy of the document that can be printed, so printing's rule."""
        return self.why_not_print()

    def why_not_copy(self) -> Refusal | None:
        if self.level is not None:
            return Refusal.CLASSIFIED
        if not self.allow_copy:
            return Refusal.NO_COPY
        return Refusal.EXPIRED if self.is_expired() else None

    def can_read(self) -> bool:
        return self.why_not_read() is None

    def can_print(self) -> bool:
        return self.why_not_print() is None

    def can_export(self) -> bool:
        return self.why_not_export() is None

    def can_copy(self) -> bool:
        return self.why_not_copy() is None
