"""What the app does with the library each time it is unlocked, off the GUI thread, with or without
the office server (docs/receipts-recall.md): sessions past their ``expires_at`` are deleted from
this computer (``core.sync.recall.purge_expired``: a device that stays offline still loses them),
and the notes retention rules are applied (``core.sync.retention.enforce_retention``: notes past
their deadline are deleted; a warning the week before, once a day).

It runs on the ONE database lane (it tombstones notes in the member's store and saves the library),
and tells the window what to show: the sessions removed, the retention warnings and deletions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from paperless.core.errors import PaperlessError
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.library import Library
from paperless.gui.tasks import Scope, Tasks

if TYPE_CHECKING:
    from paperless.core.notes import NotesStore
    from paperless.core.sync.retention import Deadline


@dataclass(frozen=True)
class Tidied:
    """What the start's housekeeping did."""

    expired: list[str] = field(default_factory=list)  # ids of the sessions deleted (past their expiry)
    warnings: list[Deadline] = field(default_factory=list)  # notes deleted within a week
    deleted: list[tuple[Deadline, int]] = field(default_factory=list)  # notes deleted now, how many


class Housekeeping(QObject):
    done = Signal(object)  # Tidied
    problem = Signal(str)  # one sentence (a damaged retention file …): the rest of the app goes on

    def __init__(self, tasks: Tasks, store: Callable[[Path, UnlockedIdentity], NotesStore],
                 trusted: Callable[[], Sequence[PublicCard]], language: Callable[[], str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._store, self._trusted, self._language = tasks, store, trusted, language
        self._scope: Scope = tasks.scope()

    def run(self, identity: UnlockedIdentity, library: Library) -> None:
        """Tidy ``library`` now, on the database lane (its result comes back on the GUI thread)."""
        self._scope.renew()
        store, trusted = self._store, self._trusted
        unlocked = library.now()  # a session opened from now on (on the pool lane, meanwhile) is left alone

        def job() -> Tidied:
            from paperless.core.sync.recall import purge_expired
            from paperless.core.sync.retention import RetentionBook, enforce_retention

            expired = purge_expired(library, opened_before=unlocked)
            outcome = enforce_retention(RetentionBook(library.folder, identity), library,
                                        store(library.folder, identity), list(trusted()))
            return Tidied(expired, list(outcome.warnings), list(outcome.deleted))

        self._scope.run(self._tasks.db, job, self.done.emit, self._failed)

    def stop(self) -> None:
        self._scope.renew()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PaperlessError):
            self.problem.emit(exc.message(self._language()))
        else:
            self._tasks.report(exc)
