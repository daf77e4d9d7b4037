"""The cleartext, signed manifest of a bundle and the encrypted agenda (JSON documents)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, cast

from paperless.core.classification import MAX_IDLE_LOCK_MINUTES, MIN_IDLE_LOCK_MINUTES, Level, parse_level
from paperless.core.consultation.polls import Poll

FORMAT = "paperless-bundle"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
AGENDA_NAME = "agenda.age"
OFFICE_NAME = "office.age"  # the signed office-server.toml, encrypted to every member (optional)
OFFICE_FORMAT_VERSION = 2  # the manifest's format_version when the bundle carries OFFICE_NAME
MAX_OFFICE_BYTES = 256 * 1024  # the stored entry: a 64 KiB file, padded, with its stanzas
DOCUMENT_PATTERN = re.compile(r"documents/[0-9]{4}\.age")
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_SIGNATURE_BYTES = 4096
MAX_AGENDA_BYTES = 16 * 1024 * 1024
MAX_INT_DIGITS = 15  # sizes, versions, counts: far below 10^15; longer numbers are refused unread


class ManifestFormatError(ValueError):
    """Raised for a manifest or agenda that does not follow the format."""


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # "agenda" | "document" | "office"
    size: int
    sha256: str
    level: Level | None = None  # a document's secrecy level, in clear (the mark on the envelope)

    @property
    def recall_required(self) -> bool:
        return self.level is not None and self.level.recall_required

    def to_obj(self) -> dict[str, Any]:
        obj: dict[str, Any] = {"name": self.name, "kind": self.kind, "size": self.size, "sha256": self.sha256}
        if self.level is not None:  # written only when classified: unclassified entries are as before
            obj["level"] = self.level.value
        return obj


@dataclass(frozen=True)
class Signer:
    name: str
    key_id: str
    public_key: str
    fingerprint: str


@dataclass(frozen=True)
class Manifest:
    session_id: str
    version: int
    issued_at: datetime
    expires_at: datetime | None
    signer: Signer
    entries: tuple[Entry, ...]
    # who the office server may hand the bundle to: opaque per-session hashes (.audience), or None (older bundles)
    audience: tuple[str, ...] | None = None
    # who may run the meeting on the office server (docs/meeting.md): per-session hashes of the chair's and the
    # secretariat's member ids (.audience.control_hash), or None (no roles named, or an older bundle)
    control: tuple[str, ...] | None = None

    def to_json(self) -> bytes:
        obj = {
            "format": FORMAT,
            "format_version": OFFICE_FORMAT_VERSION if self.office is not None else FORMAT_VERSION,
            "session_id": self.session_id,
            "version": self.version,
            "issued_at": self.issued_at.isoformat(),
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "signer": asdict(self.signer),
            "entries": [e.to_obj() for e in self.entries],
        }
        if self.audience is not None:
            obj["audience"] = list(self.audience)
        if self.control is not None:
            obj["meeting_control"] = list(self.control)
        return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        obj = _load(data)
        format_version = obj.get("format_version")
        if obj.get("format") != FORMAT or format_version not in (FORMAT_VERSION, OFFICE_FORMAT_VERSION):
            raise ManifestFormatError("unknown manifest format")
        signer = _dict(obj, "signer")
        entries = []
        for raw in _list(obj, "entries"):
            if not isinstance(raw, dict):
                raise ManifestFormatError("entry is not an object")
            entry = Entry(_str(raw, "name"), _str(raw, "kind"), _int(raw, "size"), _str(raw, "sha256"),
                          _level(raw))
            if entry.kind not in ("agenda", "document", "office") or not re.fullmatch(r"[0-9a-f]{64}", entry.sha256):
                raise ManifestFormatError(f"bad entry {entry.name!r}")
            if entry.level is not None and entry.kind != "document":
                raise ManifestFormatError(f"a secrecy level on a non-document entry {entry.name!r}")
            entries.append(entry)
        # format 2 = format 1 + one office entry; each version reads as written, nothing else
        if sum(e.kind == "office" for e in entries) != (1 if format_version == OFFICE_FORMAT_VERSION else 0):
            raise ManifestFormatError(f"format_version {format_version} with the wrong number of office entries")
        version = _int(obj, "version")
        if version < 1:
            raise ManifestFormatError("version must be positive")
        expires = obj.get("expires_at")
        audience = obj.get("audience")
        if audience is not None and not (isinstance(audience, list) and all(
                isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in audience)):
            raise ManifestFormatError("bad audience")
        control = obj.get("meeting_control")
        if control is not None and not (isinstance(control, list) and all(
                isinstance(h, str) and re.fullmatch(r"[0-9a-f]{64}", h) for h in control)):
            raise ManifestFormatError("bad meeting_control")
        return cls(
            session_id=_str(obj, "session_id"),
            version=version,
            issued_at=_when(_str(obj, "issued_at")),
            expires_at=None if expires is None else _when(_str(obj, "expires_at")),
            signer=Signer(*(_str(signer, k) for k in ("name", "key_id", "public_key", "fingerprint"))),
            entries=tuple(entries),
            audience=None if audience is None else tuple(audience),
            control=None if control is None else tuple(control),
        )

    @property
    def office(self) -> Entry | None:
        """The entry carrying the office-server file, if the bundle carries one."""
        return next((e for e in self.entries if e.kind == "office"), None)

    def entry(self, name: str) -> Entry:
        for e in self.entries:
            if e.name == name:
                return e
        raise KeyError(name)

    @property
    def recall_required(self) -> bool:
        """Some document must be recalled after the meeting (art. 17(1) of Law 29/2018)."""
        return any(e.recall_required for e in self.entries)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise ManifestFormatError(f"a number of more than {MAX_INT_DIGITS} digits")
    return int(text)


def _no_float(text: str) -> float:
    raise ManifestFormatError("a number that is not a whole number")


def _no_constant(text: str) -> float:
    raise ManifestFormatError(f"{text} is not allowed")


def _load(data: bytes) -> dict[str, Any]:
    """Strict JSON: whole numbers of at most MAX_INT_DIGITS digits, no NaN or Infinity."""
    try:
        obj = json.loads(data.decode("utf-8"), parse_int=_parse_int, parse_float=_no_float,
                         parse_constant=_no_constant)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError, ValueError) as exc:
        if isinstance(exc, ManifestFormatError):
            raise
        raise ManifestFormatError(f"not valid JSON: {exc.__class__.__name__}") from None
    if not isinstance(obj, dict):
        raise ManifestFormatError("not a JSON object")
    return obj


def _str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ManifestFormatError(f"'{key}' missing or not text")
    return value


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ManifestFormatError(f"'{key}' missing or not a number")
    return value


def _bool(obj: dict[str, Any], key: str) -> bool:
    value = obj.get(key)
    if not isinstance(value, bool):
        raise ManifestFormatError(f"'{key}' missing or not true/false")
    return value


def _level(obj: dict[str, Any]) -> Level | None:
    """The optional ``level`` key (absent or null: not classified); an unknown level is refused."""
    try:
        return parse_level(obj.get("level"))
    except ValueError as exc:
        raise ManifestFormatError(str(exc)) from None


def _dict(obj: dict[str, Any], key: str) -> dict[str, Any]:
    value = obj.get(key)
    if not isinstance(value, dict):
        raise ManifestFormatError(f"'{key}' missing or not an object")
    return value


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key)
    if not isinstance(value, list):
        raise ManifestFormatError(f"'{key}' missing or not a list")
    return value


def _when(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ManifestFormatError(f"bad date-time {text!r}") from None
    if value.tzinfo is None:
        raise ManifestFormatError(f"date-time without UTC offset {text!r}")
    return value


@dataclass(frozen=True)
class AgendaDocument:
    entry: str
    title: str
    filename: str
    pages: int
    size: int
    sha256: str  # of the PDF plaintext
    converted_from: str | None


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    presenter: str
    restricted_to: tuple[str, ...] | None
    documents: tuple[AgendaDocument, ...]
    level: Level | None = None  # secrecy level of the item and so of its documents (None: not classified)
    comments_due: datetime | None = None  # open for comments to the office until then (docs/consultation.md)

    def readable_by(self, member: str) -> bool:
        return self.restricted_to is None or member in self.restricted_to

    @property
    def recall_required(self) -> bool:
        return self.level is not None and self.level.recall_required


@dataclass(frozen=True)
class AgendaMember:
    name: str
    recipient: str  # "age1…", to tell which member an identity is
    # the card's minisign key ("RW…"): with the recipient, the member's fingerprint (their id on the office
    # server), and what checks their ballots and device certificates in the meeting room (docs/meeting.md).
    # None in agendas written before the meeting room.
    signing_key: str | None = None

    def to_obj(self) -> dict[str, str]:
        obj = {"name": self.name, "recipient": self.recipient}
        if self.signing_key is not None:
            obj["signing_key"] = self.signing_key
        return obj


@dataclass(frozen=True)
class Agenda:
    session_id: str
    version: int
    title: str
    starts_at: datetime
    location: str
    expires_at: datetime | None
    members: tuple[AgendaMember, ...]
    watermark: bool
    allow_copy: bool
    allow_print: bool
    items: tuple[AgendaItem, ...]
    idle_lock_minutes: int | None = None  # the clerk's [policy] idle_lock_minutes (None: the default)
    notes_retention_days: int | None = None  # [policy] notes_retention_days (docs/receipts-recall.md)
    polls: tuple[Poll, ...] = ()  # written opinion polls (docs/consultation.md)
    # optional facts of the meeting, written only when the clerk gave them (older readers ignore
    # keys they do not know; an older agenda has neither)
    body: str = ""  # the meeting body, e.g. "Ban Thường vụ Tỉnh ủy"
    documents_due: datetime | None = None  # the documents were to go out to members by then
    # who runs the meeting (docs/meeting.md): the chair (chủ trì) and the secretariat, by member name
    chair: str | None = None
    secretariat: tuple[str, ...] = ()

    def poll(self, poll_id: str) -> Poll | None:
        return next((p for p in self.polls if p.poll_id == poll_id), None)

    def level_of(self, entry: str) -> Level | None:
        """The secrecy level of the document ``entry`` (its item's), None when not classified."""
        for item in self.items:
            if any(d.entry == entry for d in item.documents):
                return item.level
        return None

    def member_for(self, recipient: str) -> str | None:
        for m in self.members:
            if m.recipient == recipient:
                return m.name
        return None

    def to_json(self) -> bytes:
        obj = {
            "format": "paperless-agenda",
            "format_version": FORMAT_VERSION,
            "session_id": self.session_id,
            "version": self.version,
            "title": self.title,
            "starts_at": self.starts_at.isoformat(),
            "location": self.location,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "members": [m.to_obj() for m in self.members],
            "policy": {"watermark": self.watermark, "allow_copy": self.allow_copy,
                       "allow_print": self.allow_print,
                       **({} if self.notes_retention_days is None
                          else {"notes_retention_days": self.notes_retention_days})},
            "items": [
                {
                    "number": it.number, "title": it.title, "presenter": it.presenter,
                    "restricted_to": list(it.restricted_to) if it.restricted_to is not None else None,
                    "documents": [asdict(d) for d in it.documents],
                    **({"level": it.level.value} if it.level is not None else {}),
                    **({"comments_due": it.comments_due.isoformat()} if it.comments_due is not None else {}),
                }
                for it in self.items
            ],
        }
        if self.body:  # written only when set: other agendas are as before
            obj["body"] = self.body
        if self.documents_due is not None:
            obj["documents_due"] = self.documents_due.isoformat()
        if self.polls:  # written only when there are polls: other agendas are as before
            obj["polls"] = [p.to_obj() for p in self.polls]
        if self.chair is not None or self.secretariat:  # written only when named: other agendas are as before
            obj["meeting"] = {"chair": self.chair, "secretariat": list(self.secretariat)}
        if self.idle_lock_minutes is not None:  # written only when the clerk set it
            obj["policy"] = {**cast(dict[str, object], obj["policy"]), "idle_lock_minutes": self.idle_lock_minutes}
        return json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Agenda:
        obj = _load(data)
        if obj.get("format") != "paperless-agenda" or obj.get("format_version") != FORMAT_VERSION:
            raise ManifestFormatError("unknown agenda format")
        policy = _dict(obj, "policy")
        items = []
        for raw in _list(obj, "items"):
            if not isinstance(raw, dict):
                raise ManifestFormatError("item is not an object")
            docs = []
            for d in _list(raw, "documents"):
                if not isinstance(d, dict):
                    raise ManifestFormatError("document is not an object")
                conv = d.get("converted_from")
                docs.append(AgendaDocument(
                    _str(d, "entry"), _str(d, "title"), _str(d, "filename"), _int(d, "pages"),
                    _int(d, "size"), _str(d, "sha256"), conv if isinstance(conv, str) else None,
                ))
            restricted = raw.get("restricted_to")
            if restricted is not None and not (
                isinstance(restricted, list) and all(isinstance(n, str) for n in restricted)
            ):
                raise ManifestFormatError("bad restricted_to")
            due = raw.get("comments_due")
            items.append(AgendaItem(
                _int(raw, "number"), _str(raw, "title"), _str(raw, "presenter"),
                tuple(restricted) if restricted is not None else None, tuple(docs), _level(raw),
                None if due is None else _when(_str(raw, "comments_due")),
            ))
        members = []
        for m in _list(obj, "members"):
            if not isinstance(m, dict):
                raise ManifestFormatError("bad member")
            key = m.get("signing_key")
            if key is not None and not isinstance(key, str):
                raise ManifestFormatError("bad member signing_key")
            members.append(AgendaMember(_str(m, "name"), _str(m, "recipient"), key))
        expires = obj.get("expires_at")
        body = obj.get("body", "")
        if not isinstance(body, str):
            raise ManifestFormatError("bad body")
        due = obj.get("documents_due")
        retention = policy.get("notes_retention_days")
        if retention is not None and (isinstance(retention, bool) or not isinstance(retention, int)
                                      or not 1 <= retention <= 3650):
            raise ManifestFormatError("bad notes_retention_days")
        return cls(
            session_id=_str(obj, "session_id"), version=_int(obj, "version"), title=_str(obj, "title"),
            starts_at=_when(_str(obj, "starts_at")), location=_str(obj, "location"),
            expires_at=None if expires is None else _when(_str(obj, "expires_at")),
            members=tuple(members), watermark=_bool(policy, "watermark"),
            allow_copy=_bool(policy, "allow_copy"), allow_print=_bool(policy, "allow_print"),
            items=tuple(items), idle_lock_minutes=_idle_minutes(policy), notes_retention_days=retention,
            polls=_polls(obj), body=body,
            documents_due=None if due is None else _when(_str(obj, "documents_due")),
            **_meeting(obj, {m.name for m in members}),
        )


def _meeting(obj: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """The agenda's ``meeting`` roles: chair and secretariat, each a member's name (absent: none)."""
    raw = obj.get("meeting")
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) != {"chair", "secretariat"}:
        raise ManifestFormatError("bad meeting roles")
    chair, secretariat = raw["chair"], raw["secretariat"]
    if chair is not None and (not isinstance(chair, str) or chair not in names):
        raise ManifestFormatError("the chair is not a member")
    if not isinstance(secretariat, list) or not all(isinstance(n, str) and n in names for n in secretariat):
        raise ManifestFormatError("the secretariat are not members")
    return {"chair": chair, "secretariat": tuple(secretariat)}


def _polls(obj: dict[str, Any]) -> tuple[Poll, ...]:
    raw = obj.get("polls", [])
    if not isinstance(raw, list):
        raise ManifestFormatError("polls is not a list")
    try:
        polls = tuple(Poll.from_obj(p) for p in raw)
    except ValueError as exc:
        raise ManifestFormatError(str(exc)) from None
    if len({p.poll_id for p in polls}) != len(polls):
        raise ManifestFormatError("the same poll id twice")
    return polls


def _idle_minutes(policy: dict[str, Any]) -> int | None:
    if policy.get("idle_lock_minutes") is None:
        return None
    minutes = _int(policy, "idle_lock_minutes")
    if not MIN_IDLE_LOCK_MINUTES <= minutes <= MAX_IDLE_LOCK_MINUTES:
        raise ManifestFormatError("idle_lock_minutes out of bounds")
    return minutes
