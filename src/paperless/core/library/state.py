"""The plaintext shape of a member's library: sessions, reading positions, read marks, the
highest version seen of each session (rollback protection), the trusted office cards, the
latest time seen on this computer (so that setting the clock back does not revive an expired
session), and the sessions the office recalled (so that a copy kept elsewhere does not reopen).

This JSON only ever exists in memory; on disk it is sealed (see :mod:`.store`).
``SCHEMA_VERSION`` is written into the JSON; older files are brought up to date by the
functions in ``MIGRATIONS`` (one step per version, like Vorta's store), newer ones refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from typing import Any

from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard
from paperless.core.library.errors import LibraryError, LibraryFromNewerAppError

SCHEMA_VERSION = 3
FORMAT = "paperless-library"
# The library's own copies of bundles: plain names in its bundles folder (see keeping.final_name).
KEPT_NAME = re.compile(r"[A-Za-z0-9-]{1,64}-v[0-9]{1,9}\.paperless")
MAX_VERSION = 10**9  # session versions are whole numbers below this (the manifest is bounded too)


def _migrate_1(obj: dict[str, Any]) -> dict[str, Any]:
    """Schema 2: the seen versions, trusted cards and latest time move into the sealed state."""
    sessions = obj.get("sessions", [])
    seen = {s["session_id"]: s["version"] for s in sessions
            if isinstance(s, dict) and isinstance(s.get("session_id"), str) and isinstance(s.get("version"), int)}
    return {**obj, "seen": seen, "trusted": [], "latest_time": None}


def _migrate_2(obj: dict[str, Any]) -> dict[str, Any]:
    """Schema 3: the sessions the office recalled."""
    return {**obj, "recalled": {}}


Migration = Callable[[dict[str, Any]], dict[str, Any]]
# MIGRATIONS[n] turns a schema-n document into a schema-(n+1) one.
MIGRATIONS: dict[int, Migration] = {1: _migrate_1, 2: _migrate_2}


def is_kept_name(name: str) -> bool:
    """True for a name the library gives its own copies (no folders, no way out of ``bundles/``)."""
    return KEPT_NAME.fullmatch(name) is not None


def is_external(name: str) -> bool:
    """True for the absolute path of a bundle read where the member opened it."""
    return PurePath(name).is_absolute()


@dataclass
class DocumentState:
    last_page: int = 0
    read: bool = False
    sha256: str = ""  # of the PDF, to notice a changed document in a newer version


@dataclass
class SessionRecord:
    """What the library remembers about one session (confidential: encrypted on disk)."""

    session_id: str
    bundle: str  # file name inside the library's bundles folder, or an absolute path
    title: str
    starts_at: str  # ISO 8601 with offset
    location: str
    expires_at: str | None
    version: int  # the highest version opened here
    last_opened: str  # ISO 8601
    readable: list[str] = field(default_factory=list)  # entries this member may read
    documents: dict[str, DocumentState] = field(default_factory=dict)
    last_document: str | None = None

    @property
    def fraction_read(self) -> float:
        if not self.readable:
            return 0.0
        done = sum(1 for e in self.readable if (d := self.documents.get(e)) is not None and d.read)
        return done / len(self.readable)

    def starts(self) -> datetime:
        return datetime.fromisoformat(self.starts_at)

    def expires(self) -> datetime | None:
        return datetime.fromisoformat(self.expires_at) if self.expires_at else None

    def is_expired(self, now: datetime) -> bool:
        when = self.expires()
        return when is not None and now >= when

    def document(self, entry: str) -> DocumentState:
        return self.documents.setdefault(entry, DocumentState())


@dataclass
class LibraryState:
    sessions: dict[str, SessionRecord] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)  # session id -> highest version opened here
    trusted: list[PublicCard] = field(default_factory=list)  # the office cards this member trusts
    latest_time: datetime | None = None  # the latest time this library has seen (a high-water mark)
    # session id -> the highest version this library had seen when the office recalled the session:
    # that version and every older one are refused from then on, wherever the copy comes from (a
    # version the office publishes later, without the recalled item say, opens as usual)
    recalled: dict[str, int] = field(default_factory=dict)

    def newest_first(self) -> list[SessionRecord]:
        return sorted(self.sessions.values(), key=lambda s: (s.starts(), s.last_opened), reverse=True)

    def to_json(self) -> bytes:
        obj = {
            "format": FORMAT,
            "schema": SCHEMA_VERSION,
            "sessions": [_session_obj(s) for s in self.sessions.values()],
            "seen": dict(sorted(self.seen.items())),
            "trusted": [card.to_toml() for card in self.trusted],
            "latest_time": self.latest_time.isoformat() if self.latest_time is not None else None,
            "recalled": dict(sorted(self.recalled.items())),
        }
        return json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes, path: str = "state") -> LibraryState:
        try:
            obj = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise LibraryError(path=path, detail=T("not valid JSON", "không phải JSON hợp lệ")) from None
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            raise LibraryError(path=path, detail=T("unknown format", "định dạng lạ"))
        obj = migrate(obj, path)
        state = cls()
        try:
            for raw in obj["sessions"]:
                record = _session_from(raw)
                state.sessions[record.session_id] = record
            for sid, version in _typed(obj, "seen", dict).items():
                if not isinstance(version, int) or isinstance(version, bool) or not 0 < version < MAX_VERSION:
                    raise ValueError("seen")
                state.seen[str(sid)] = version
            state.trusted = [_card_from(text, path) for text in _typed(obj, "trusted", list)]
            if obj["latest_time"] is not None:
                state.latest_time = _aware(datetime.fromisoformat(_typed(obj, "latest_time", str)))
            for sid, version in _typed(obj, "recalled", dict).items():
                if not isinstance(version, int) or isinstance(version, bool) or not 0 < version < MAX_VERSION:
                    raise ValueError("recalled")
                state.recalled[str(sid)] = version
        except (KeyError, TypeError, ValueError) as exc:
            raise LibraryError(path=path, detail=T(f"damaged entry ({exc.__class__.__name__})",
                                                   f"mục bị hỏng ({exc.__class__.__name__})")) from None
        return state


def migrate(obj: dict[str, Any], path: str = "state") -> dict[str, Any]:
    """Bring a decoded library document up to ``SCHEMA_VERSION``."""
    found = obj.get("schema")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise LibraryError(path=path, detail=T("no schema version", "thiếu số phiên bản định dạng"))
    if found > SCHEMA_VERSION:
        raise LibraryFromNewerAppError(path=path, found=found)
    while found < SCHEMA_VERSION:
        step = MIGRATIONS.get(found)
        if step is None:
            raise LibraryError(path=path, detail=T(f"no migration from schema {found}",
                                                   f"không chuyển đổi được từ định dạng {found}"))
        obj = step(obj)
        found += 1
        obj["schema"] = found
    return obj


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("a time without its UTC offset")
    return when


def _card_from(text: Any, path: str) -> PublicCard:
    if not isinstance(text, str):
        raise TypeError("card")
    try:
        return PublicCard.from_toml(text, path)
    except PaperlessError:
        raise ValueError("card") from None


def _session_obj(s: SessionRecord) -> dict[str, Any]:
    return {
        "session_id": s.session_id, "bundle": s.bundle, "title": s.title, "starts_at": s.starts_at,
        "location": s.location, "expires_at": s.expires_at, "version": s.version,
        "last_opened": s.last_opened, "readable": list(s.readable), "last_document": s.last_document,
        "documents": {e: {"last_page": d.last_page, "read": d.read, "sha256": d.sha256}
                      for e, d in s.documents.items()},
    }


def _typed(raw: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = raw[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise TypeError(key)
    return value


def _session_from(raw: Any) -> SessionRecord:
    if not isinstance(raw, dict):
        raise TypeError("session")
    docs: dict[str, DocumentState] = {}
    for entry, d in _typed(raw, "documents", dict).items():
        if not isinstance(d, dict):
            raise TypeError("document")
        page = _typed(d, "last_page", int)
        sha = d.get("sha256", "")
        docs[str(entry)] = DocumentState(last_page=max(0, page), read=bool(_typed(d, "read", bool)),
                                         sha256=sha if isinstance(sha, str) else "")
    readable = _typed(raw, "readable", list)
    bundle = _typed(raw, "bundle", str)
    if not (is_kept_name(bundle) or is_external(bundle)):
        raise ValueError("bundle")  # a name that could reach outside the library's bundles folder
    record = SessionRecord(
        session_id=_typed(raw, "session_id", str),
        bundle=bundle,
        title=_typed(raw, "title", str),
        starts_at=_typed(raw, "starts_at", str),
        location=_typed(raw, "location", str),
        expires_at=_typed(raw, "expires_at", (str, type(None))),
        version=_typed(raw, "version", int),
        last_opened=_typed(raw, "last_opened", str),
        readable=[str(e) for e in readable],
        documents=docs,
        last_document=raw.get("last_document") if isinstance(raw.get("last_document"), str) else None,
    )
    record.starts()  # validates the dates (ValueError)
    record.expires()
    return record
