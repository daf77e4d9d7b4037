"""Notes retention (``[policy] notes_retention_days``, docs/receipts-recall.md): the member's notes
on a session are deleted that many days after the meeting starts, on every device and on the
server; the member is warned during the week before.

The rule comes from the signed agenda. :class:`RetentionBook` keeps what this device learnt of
it — per session the meeting's start, the days and the title, and the versions already read —
sealed (:mod:`paperless.core.localstate`, purpose ``notes-retention``) as ``retention.age`` in
the member's library folder, so it outlives the session's bundle (a recall, an expiry). The
deletion is a tombstone of every note on the session (:func:`~.recall.delete_notes`): the sync
takes it to the server (whose copy becomes a sealed tombstone) and the member's other devices.
:func:`enforce_retention` runs in every sync round (before the push) and, offline, where the app
calls it (at start).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.localstate import LocalStateTamperedError, read_sealed, write_sealed
from paperless.core.sync.recall import delete_notes

if TYPE_CHECKING:
    from paperless.core.bundle import Agenda
    from paperless.core.library import Library
    from paperless.core.notes import NotesStore

RETENTION_FILE = "retention.age"
PURPOSE = "notes-retention"
FORMAT = "paperless-retention-v1"
WARN_BEFORE = timedelta(days=7)


@dataclass(frozen=True)
class Deadline:
    session_id: str
    title: str
    starts_at: datetime
    days: int

    @property
    def delete_at(self) -> datetime:
        return self.starts_at + timedelta(days=self.days)

    def warning(self) -> T:
        when = self.delete_at
        return T(f"Your notes on “{self.title}” will be deleted on {when:%Y-%m-%d} (the office keeps notes "
                 f"{self.days} days after the meeting); export them before then if you need them and the office "
                 "allows it.",
                 f"Ghi chú của đồng chí về “{self.title}” sẽ bị xóa vào ngày {when:%d/%m/%Y} (Văn phòng chỉ lưu "
                 f"ghi chú {self.days} ngày sau cuộc họp); nếu cần và được phép, hãy xuất ghi chú trước ngày đó.")

    def deleted(self, count: int) -> T:
        return T(f"{count} notes on “{self.title}” were deleted: the office keeps notes {self.days} days after "
                 "the meeting.",
                 f"Đã xóa {count} ghi chú về “{self.title}”: Văn phòng chỉ lưu ghi chú {self.days} ngày sau "
                 "cuộc họp.")


@dataclass
class RetentionOutcome:
    deleted: list[tuple[Deadline, int]] = field(default_factory=list)
    warnings: list[Deadline] = field(default_factory=list)


class RetentionBook:
    """What this device knows of the sessions' retention rules (any thread)."""

    def __init__(self, folder: Path, identity: UnlockedIdentity) -> None:
        self.path = folder / RETENTION_FILE
        self.identity = identity
        self._lock = threading.Lock()

    def _load(self) -> tuple[dict[str, Deadline], dict[str, int]]:
        rules, read, _warned = self._load_all()
        return rules, read

    def _load_all(self) -> tuple[dict[str, Deadline], dict[str, int], dict[str, str]]:
        body = read_sealed(self.path, self.identity, PURPOSE)
        if body is None:
            return {}, {}, {}
        try:
            obj = json.loads(body)
            if not isinstance(obj, dict) or obj.get("format") != FORMAT:
                raise ValueError("format")
            rules = {}
            for sid, r in obj["rules"].items():
                days = r["days"]
                if not isinstance(days, int) or isinstance(days, bool) or days < 1:
                    raise ValueError("days")
                starts = datetime.fromisoformat(r["starts_at"])
                if starts.tzinfo is None:
                    raise ValueError("starts_at")
                rules[str(sid)] = Deadline(str(sid), str(r["title"]), starts, days)
            read = {str(k): int(v) for k, v in obj["read"].items()}
            warned = {str(k): str(v) for k, v in obj.get("warned", {}).items()}
        except (ValueError, KeyError, TypeError, AttributeError):
            raise LocalStateTamperedError(path=str(self.path), detail=T(
                "not a list of notes retention rules", "không phải danh sách quy định lưu giữ ghi chú")) from None
        return rules, read, warned

    def _save(self, rules: dict[str, Deadline], read: dict[str, int], warned: dict[str, str] | None = None) -> None:
        if warned is None:
            warned = self._load_all()[2] if self.path.exists() else {}
        obj: dict[str, Any] = {"format": FORMAT, "read": dict(sorted(read.items())),
                               "warned": dict(sorted(warned.items())), "rules": {
            sid: {"title": d.title, "starts_at": d.starts_at.isoformat(), "days": d.days}
            for sid, d in sorted(rules.items())}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_sealed(self.path, self.identity, PURPOSE, json.dumps(obj, ensure_ascii=False).encode("utf-8"))

    def note(self, agenda: Agenda) -> None:
        """Learn the rule of ``agenda`` (a newer version's rule replaces an older one's)."""
        self.note_all([agenda])

    def note_all(self, agendas: Sequence[Agenda]) -> None:
        with self._lock:
            rules, read = self._load()
            changed = False
            for agenda in agendas:
                if read.get(agenda.session_id, 0) >= agenda.version:
                    continue
                read[agenda.session_id] = agenda.version
                changed = True
                if agenda.notes_retention_days is None:
                    rules.pop(agenda.session_id, None)
                else:
                    rules[agenda.session_id] = Deadline(agenda.session_id, agenda.title, agenda.starts_at,
                                                        agenda.notes_retention_days)
            if changed:
                self._save(rules, read)

    def warn_today(self, session_id: str, day: str) -> bool:
        """True the first time this is asked for ``session_id`` on ``day`` (a warning once a day)."""
        with self._lock:
            rules, read, warned = self._load_all()
            if warned.get(session_id) == day:
                return False
            warned[session_id] = day
            self._save(rules, read, warned)
            return True

    def read_versions(self) -> dict[str, int]:
        with self._lock:
            return self._load()[1]

    def deadlines(self) -> list[Deadline]:
        with self._lock:
            return sorted(self._load()[0].values(), key=lambda d: (d.delete_at, d.session_id))

    def note_library(self, library: Library, trusted: Sequence[PublicCard]) -> None:
        """Read the rule of every session in the library whose version has not been read yet (the
        signed agenda only: the cost does not depend on the documents' size)."""
        from paperless.core.bundle import open_bundle

        known = self.read_versions()
        agendas = []
        for record in library.sessions():
            if known.get(record.session_id, 0) >= record.version:
                continue
            try:
                opened = open_bundle(library.bundle_path(record), library.identity, trusted,
                                     clock=library.trusted_time)
            except (PaperlessError, OSError):
                continue  # not readable now (a file opened in place and gone): tried again next time
            try:
                agendas.append(opened.agenda)
            finally:
                opened.close()
        if agendas:
            self.note_all(agendas)


def enforce_retention(book: RetentionBook, library: Library, store: NotesStore,
                      trusted: Sequence[PublicCard]) -> RetentionOutcome:
    """Learn the library's rules, delete the notes past their deadline (by the library's trusted
    clock, which never goes back), and say which are due within a week and still hold notes (once a
    day each: the app shows every round's notices)."""
    book.note_library(library, trusted)
    now = library.trusted_time()
    outcome = RetentionOutcome()
    with_notes: set[str] | None = None
    for deadline in book.deadlines():
        if deadline.delete_at <= now:
            count = delete_notes(store, deadline.session_id, None, None)
            if count:
                outcome.deleted.append((deadline, count))
        elif deadline.delete_at - now <= WARN_BEFORE:
            if with_notes is None:
                with_notes = {r.session_id for r in store.all_records()}
            if deadline.session_id in with_notes and book.warn_today(deadline.session_id, now.date().isoformat()):
                outcome.warnings.append(deadline)
    return outcome
