"""The meeting room's wire formats (docs/meeting.md): signed events and ballots, their checks.

Nothing here does I/O. An **event** is one action in the meeting — a member checks in (điểm danh),
raises or lowers a hand (đăng ký phát biểu), or the chair / secretariat moves the presentation,
opens or closes a vote (biểu quyết), gives or closes the floor, marks a member absent. Its body is
canonical JSON (sorted keys, no spaces, UTF-8, NFC text), signed with raw Ed25519 by the sender's
*device key* (the one registered with the office server, vouched for by the member's card in its
device certificate) over ``"paperless-meeting-event-v1" NUL body``.

A **ballot** (Đồng ý / Không đồng ý / Phiếu trắng) is signed by the *member's* own minisign key (a
standard ``.minisig`` over the canonical body, trusted comment ``paperless-meeting-ballot-v1``), so
anyone holding the member's card can check it, with the ``minisign`` tool too. A member may send a
new ballot (a higher ``revision``) until the vote closes; the highest revision counts.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid as uuidlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from paperless.core.errors import PaperlessError
from paperless.core.minisign import PublicKey
from paperless.core.sync import protocol as P

# -- paths (the server's routes, docs/meeting.md) -----------------------------------------------------------
MEETING = "/v1/meeting"


def stream_path(session_id: str) -> str:
    return f"{MEETING}/{session_id}/stream"


def events_path(session_id: str) -> str:
    return f"{MEETING}/{session_id}/events"


def ballots_path(session_id: str) -> str:
    return f"{MEETING}/{session_id}/ballots"


def votes_file_path(session_id: str) -> str:
    """The votes file (``paperless server export-votes``'s format), for the chair and the secretariat."""
    return f"{MEETING}/{session_id}/votes-file"


# -- formats ----------------------------------------------------------------------------------------------
EVENT_FORMAT = "paperless-meeting-event"
BALLOT_FORMAT = "paperless-meeting-ballot"
EVENT_DOMAIN = b"paperless-meeting-event-v1\0"
BALLOT_TRUSTED = "paperless-meeting-ballot-v1"
VERSION = 1

# member actions
CHECK_IN, RAISE_HAND, LOWER_HAND = "check_in", "raise_hand", "lower_hand"
# control actions: the chair and the secretariat named in the signed bundle (go_to also the presenter)
GO_TO, SET_PRESENTER, OPEN_VOTE, CLOSE_VOTE = "go_to", "set_presenter", "open_vote", "close_vote"
GIVE_FLOOR, CLOSE_FLOOR, MARK_ABSENT = "give_floor", "close_floor", "mark_absent"
MEMBER_TYPES = (CHECK_IN, RAISE_HAND, LOWER_HAND)
CONTROL_TYPES = (GO_TO, SET_PRESENTER, OPEN_VOTE, CLOSE_VOTE, GIVE_FLOOR, CLOSE_FLOOR, MARK_ABSENT)
TYPES = MEMBER_TYPES + CONTROL_TYPES

PRESENT, ONLINE, ABSENT = "present", "online", "absent"  # attendance (có mặt / trực tuyến / vắng)
CHECK_IN_MODES = (PRESENT, ONLINE)
FOR, AGAINST, BLANK = "for", "against", "blank"  # Đồng ý / Không đồng ý / Phiếu trắng
CHOICES = (FOR, AGAINST, BLANK)
CHOICE_LABELS = {FOR: ("For", "Đồng ý"), AGAINST: ("Against", "Không đồng ý"), BLANK: ("Blank", "Phiếu trắng")}

MAX_TOPIC = 200  # characters of a speaking request's topic, an absence reason
MAX_MOTION = 2000  # characters of a motion
MAX_ITEM = 10_000
MAX_PAGE = 100_000
MAX_REVISION = 10_000
MAX_EVENT_BYTES = 8 * 1024  # a whole event or ballot request
SESSION = re.compile(r"[A-Za-z0-9._-]{1,64}")
ENTRY = re.compile(r"documents/[0-9]{4}\.age")


class WireError(ValueError):
    """An event or ballot that does not have the format (the reason in English, for logs and 400s)."""


def canonical(obj: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    return str(uuidlib.uuid4())


def clean_text(text: str) -> str:
    """NFC, one line, trimmed (what a topic, a reason or a motion is stored as)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _plain(value: str) -> bool:
    return value == unicodedata.normalize("NFC", value) and not any(
        unicodedata.category(ch) in ("Cc", "Cs") for ch in value)


def _text(obj: dict[str, Any], key: str, limit: int, *, empty: bool = True) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or len(value) > limit or not _plain(value) or (not empty and not value.strip()):
        raise WireError(f"{key} must be plain text of at most {limit} characters")
    return value


def _int(obj: dict[str, Any], key: str, low: int, high: int, *, optional: bool = False) -> int | None:
    value = obj.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise WireError(f"{key} must be a whole number from {low} to {high}")
    return value


def _member(obj: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = obj.get(key)
    if value is None and optional:
        return None
    if not P.is_member_id(value):
        raise WireError(f"{key} must be a member id (40 digits)")
    return str(value)


def _uuid(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not P.is_uuid(value):
        raise WireError(f"{key} must be a lower-case uuid")
    return str(value)


def _exact(obj: dict[str, Any], keys: set[str]) -> None:
    if set(obj) != keys:
        extra = sorted(set(obj) ^ keys)
        raise WireError(f"unexpected or missing fields: {', '.join(extra)}")


_COMMON = {"format", "v", "session_id", "member", "device", "id", "at", "type"}
_FIELDS: dict[str, set[str]] = {
    CHECK_IN: {"mode"}, RAISE_HAND: {"item", "topic"}, LOWER_HAND: set(),
    GO_TO: {"item", "entry", "page"}, SET_PRESENTER: {"presenter"},
    OPEN_VOTE: {"vote", "motion", "item"}, CLOSE_VOTE: {"vote"},
    GIVE_FLOOR: {"to"}, CLOSE_FLOOR: set(), MARK_ABSENT: {"target", "reason"},
}


@dataclass(frozen=True)
class Event:
    """One signed meeting action, checked for its shape (not yet for who may send it)."""

    session_id: str
    member: str  # who sent it (40 digits)
    device: str  # the sender's device (uuid)
    event_id: str  # the sender's id for it: the server stores an event once
    at: str  # the sender's clock, ISO 8601 (informational)
    type: str
    fields: dict[str, Any]  # the type's own fields (see _FIELDS)
    signature: bytes  # Ed25519 by the device key over EVENT_DOMAIN + canonical(body)

    @property
    def control(self) -> bool:
        return self.type in CONTROL_TYPES

    def body(self) -> dict[str, Any]:
        return {"format": EVENT_FORMAT, "v": VERSION, "session_id": self.session_id, "member": self.member,
                "device": self.device, "id": self.event_id, "at": self.at, "type": self.type, **self.fields}

    def message(self) -> bytes:
        return EVENT_DOMAIN + canonical(self.body())

    def verify(self, device_key_b64: str) -> bool:
        """The signature is the device key's (base64 of the raw 32-byte Ed25519 key)."""
        try:
            key = Ed25519PublicKey.from_public_bytes(P.unb64(device_key_b64, limit=32))
            key.verify(self.signature, self.message())
        except (ValueError, InvalidSignature):
            return False
        return True

    def to_wire(self) -> dict[str, Any]:
        return {"body": self.body(), "signature": P.b64(self.signature)}

    def get_str(self, key: str) -> str | None:
        value = self.fields.get(key)
        return value if isinstance(value, str) else None

    def get_int(self, key: str) -> int | None:
        value = self.fields.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_fields(kind: str, obj: dict[str, Any]) -> dict[str, Any]:
    """The checked fields of an event of type ``kind`` (WireError if not in shape)."""
    if kind == CHECK_IN:
        if obj.get("mode") not in CHECK_IN_MODES:
            raise WireError("mode must be present or online")
        return {"mode": obj["mode"]}
    if kind == RAISE_HAND:
        return {"item": _int(obj, "item", 1, MAX_ITEM, optional=True), "topic": _text(obj, "topic", MAX_TOPIC)}
    if kind == GO_TO:
        entry = obj.get("entry")
        if entry is not None and (not isinstance(entry, str) or not ENTRY.fullmatch(entry)):
            raise WireError("entry must be documents/NNNN.age or null")
        return {"item": _int(obj, "item", 1, MAX_ITEM), "entry": entry, "page": _int(obj, "page", 1, MAX_PAGE)}
    if kind == SET_PRESENTER:
        return {"presenter": _member(obj, "presenter", optional=True)}
    if kind == OPEN_VOTE:
        return {"vote": _uuid(obj, "vote"), "motion": _text(obj, "motion", MAX_MOTION, empty=False),
                "item": _int(obj, "item", 1, MAX_ITEM, optional=True)}
    if kind == CLOSE_VOTE:
        return {"vote": _uuid(obj, "vote")}
    if kind == GIVE_FLOOR:
        return {"to": _member(obj, "to")}
    if kind == MARK_ABSENT:
        return {"target": _member(obj, "target"), "reason": _text(obj, "reason", MAX_TOPIC, empty=False)}
    if kind in (LOWER_HAND, CLOSE_FLOOR):
        return {}
    raise WireError(f"type must be one of {', '.join(TYPES)}")


def parse_event(wire: Any) -> Event:
    """An event from its wire form ``{"body": {...}, "signature": base64}`` (WireError if not in shape)."""
    if not isinstance(wire, dict) or not isinstance(wire.get("body"), dict):
        raise WireError("an event is {body, signature}")
    body: dict[str, Any] = wire["body"]
    kind = body.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:
        raise WireError(f"type must be one of {', '.join(TYPES)}")
    _exact(body, _COMMON | _FIELDS[kind])
    if body.get("format") != EVENT_FORMAT or body.get("v") != VERSION:
        raise WireError("not a meeting event of this version")
    session_id = body.get("session_id")
    if not isinstance(session_id, str) or not SESSION.fullmatch(session_id):
        raise WireError("session_id must be a session id")
    try:
        signature = P.unb64(wire.get("signature"), limit=64)
    except ValueError:
        raise WireError("signature must be base64 of 64 bytes") from None
    if len(signature) != 64:
        raise WireError("signature must be base64 of 64 bytes")
    fields = parse_fields(kind, body)
    event = Event(session_id, str(_member(body, "member")), _uuid(body, "device"), _uuid(body, "id"),
                  _text(body, "at", 40), kind, fields, signature)
    if event.body() != body:  # e.g. a null where the type allows none: the signed bytes must be these
        raise WireError("the body is not in its canonical shape")
    return event


def make_event(session_id: str, member: str, device: str, kind: str, fields: dict[str, Any],
               sign: Any, *, event_id: str | None = None, at: str | None = None) -> Event:
    """A new event, signed by ``sign`` (the device key's ``sign(message) -> bytes``)."""
    checked = parse_fields(kind, fields)
    unsigned = Event(session_id, member, device, event_id or new_id(), at or now_iso(), kind, checked, b"")
    signature: bytes = sign(unsigned.message())
    return Event(unsigned.session_id, member, device, unsigned.event_id, unsigned.at, kind, checked, signature)


# -- ballots -------------------------------------------------------------------------------------------------
_BALLOT_KEYS = {"format", "v", "session_id", "vote", "member", "choice", "revision", "at"}


@dataclass(frozen=True)
class Ballot:
    session_id: str
    vote: str
    member: str
    choice: str  # for | against | blank
    revision: int  # 1, 2, …: the highest counts
    at: str
    signature: str  # the member's .minisig text over canonical(body)

    def body(self) -> dict[str, Any]:
        return {"format": BALLOT_FORMAT, "v": VERSION, "session_id": self.session_id, "vote": self.vote,
                "member": self.member, "choice": self.choice, "revision": self.revision, "at": self.at}

    def verify(self, signing_key: str) -> bool:
        """Signed by the member whose minisign public key (``RW…``) this is."""
        try:
            trusted = PublicKey.from_base64(signing_key).verify(canonical(self.body()), self.signature)
        except (PaperlessError, ValueError):
            return False
        return trusted == BALLOT_TRUSTED

    def to_wire(self) -> dict[str, Any]:
        return {"body": self.body(), "signature": self.signature}


def parse_ballot(wire: Any) -> Ballot:
    if not isinstance(wire, dict) or not isinstance(wire.get("body"), dict):
        raise WireError("a ballot is {body, signature}")
    body: dict[str, Any] = wire["body"]
    _exact(body, _BALLOT_KEYS)
    if body.get("format") != BALLOT_FORMAT or body.get("v") != VERSION:
        raise WireError("not a ballot of this version")
    session_id = body.get("session_id")
    if not isinstance(session_id, str) or not SESSION.fullmatch(session_id):
        raise WireError("session_id must be a session id")
    if body.get("choice") not in CHOICES:
        raise WireError(f"choice must be one of {', '.join(CHOICES)}")
    signature = wire.get("signature")
    if not isinstance(signature, str) or len(signature) > 1024:
        raise WireError("signature must be a minisign signature")
    revision = _int(body, "revision", 1, MAX_REVISION)
    assert revision is not None
    return Ballot(session_id, _uuid(body, "vote"), str(_member(body, "member")), str(body["choice"]),
                  revision, _text(body, "at", 40), signature)


def make_ballot(session_id: str, vote: str, member: str, choice: str, revision: int, signing_key: Any,
                *, at: str | None = None) -> Ballot:
    """A ballot signed by the member's :class:`~paperless.core.minisign.SigningKey`."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {', '.join(CHOICES)}")
    unsigned = Ballot(session_id, vote, member, choice, revision, at or now_iso(), "")
    signature: str = signing_key.sign(canonical(unsigned.body()), trusted_comment=BALLOT_TRUSTED,
                                      untrusted_comment="paperless meeting ballot")
    return Ballot(session_id, vote, member, choice, revision, unsigned.at, signature)


# -- device certificates (who a device key speaks for) ---------------------------------------------------------
@dataclass(frozen=True)
class Sender:
    """A device as the server registered it: the member's signed certificate for its key."""

    member: str
    device: str
    key: str  # base64 raw Ed25519
    name: str
    created: str
    certificate: str  # the member's .minisig over protocol.device_certificate(...)

    def to_wire(self) -> dict[str, str]:
        return {"member": self.member, "device": self.device, "key": self.key, "name": self.name,
                "created": self.created, "certificate": self.certificate}

    def vouched_by(self, signing_key: str) -> bool:
        """The certificate is signed by the member whose minisign key this is."""
        try:
            data = P.device_certificate(self.member, self.device, self.key, self.name, self.created)
            PublicKey.from_base64(signing_key).verify(data, self.certificate)
        except (PaperlessError, ValueError):
            return False
        return True


def parse_sender(raw: Any) -> Sender:
    if not isinstance(raw, dict):
        raise WireError("sender must be an object")
    values = {k: raw.get(k) for k in ("member", "device", "key", "name", "created", "certificate")}
    if not all(isinstance(v, str) and len(v) <= 4000 for v in values.values()):
        raise WireError("sender's fields are strings")
    return Sender(**{k: str(v) for k, v in values.items()})
