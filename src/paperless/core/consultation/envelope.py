"""Comments and poll answers to the office: signed by the member, encrypted to the office and to
the member (docs/consultation.md).

A :class:`Comment` (góp ý on a draft, or "agree, no comments" for an item, or the withdrawal of an
earlier comment) and a :class:`PollAnswer` (phiếu lấy ý kiến) are plain records. :func:`seal`
writes one as canonical JSON, signs that JSON with the member's minisign key (a standard
``.minisig``, trusted comment ``paperless-comment-v1`` or ``paperless-poll-answer-v1``, so the
``minisign`` tool verifies it too), and encrypts body and signature with age to the office's
card and the member's own card. The office server relays and stores the ciphertext only.

:func:`open_sealed` is the office's side: decrypt, check the shape, find the member's card by the
fingerprint the body names, check that the server attributed the envelope to that same member
(a member cannot pass off another member's comment as theirs, nor sign one in another's name),
verify the signature, and parse. Every failure is a :class:`RefusedEnvelopeError` with the reason
in both languages: the office reports it and never includes the envelope.

A later revision of the same comment (same ``comment_id``) or of the same member's answer to the
same poll replaces the earlier one; the highest revision wins, so a replayed older envelope
changes nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
import uuid as uuidlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from paperless.core.age import AgeError, decrypt_bytes, encrypt_bytes
from paperless.core.age.recipients import Identity
from paperless.core.consultation.wire import MAX_SEALED_BYTES
from paperless.core.errors import PaperlessError, T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.minisign import BadSignatureError, SignatureFormatError, SignatureKeyMismatchError

ENVELOPE_FORMAT = "paperless-signed"
COMMENT_FORMAT = "paperless-comment"
ANSWER_FORMAT = "paperless-poll-answer"
TRUSTED = {COMMENT_FORMAT: "paperless-comment-v1", ANSWER_FORMAT: "paperless-poll-answer-v1"}
MAX_TEXT = 20_000  # characters of a comment or a written answer
MAX_QUOTE = 5_000  # characters of the passage commented on
MAX_LABEL = 200  # characters of a place ("Điều 5, khoản 2") or a name
MAX_REVISION = 10**6
MAX_ANSWERS = 50
_ENTRY = re.compile(r"documents/[0-9]{4}\.age")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_FINGERPRINT = re.compile(r"[0-9A-Za-z :-]{8,80}")
_SESSION = re.compile(r"[A-Za-z0-9._-]{1,64}")
_POLL = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


class RefusedEnvelopeError(PaperlessError):
    """A comment or poll answer the office does not accept (reported, never included)."""

    en = "A comment or answer from {member} was refused: {reason}."
    vi = "Một góp ý hoặc phiếu trả lời của {member} bị từ chối: {reason}."


class CommentKind(StrEnum):
    COMMENT = "comment"  # a comment on a passage of a draft, or on the item as a whole
    AGREE = "agree"  # "Agree with the draft, no comments" (Nhất trí với dự thảo, không có ý kiến)
    WITHDRAWN = "withdrawn"  # the member withdrew the comment (a new revision of it)


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


@dataclass(frozen=True)
class Comment:
    comment_id: str  # a UUID the member's app gave the comment; its revisions share it
    revision: int  # 1, 2, …: a later revision replaces the earlier
    session_id: str
    session_version: int  # the bundle version the member commented on
    item: int  # the agenda item's number (from 1)
    kind: CommentKind
    member: str  # the member's card fingerprint
    name: str  # the member's name, as on their card
    written_at: datetime  # the member's clock (the office goes by the server's time of receipt)
    text: str = ""  # Nội dung góp ý
    entry: str | None = None  # the document commented on (None: the item as a whole)
    document_title: str = ""  # its title in the signed agenda (the office's "Đối với dự thảo: …")
    document_sha256: str | None = None  # of the document's plaintext PDF, from the signed agenda
    page: int | None = None  # from 0
    quote: str = ""  # the passage (Nội dung dự thảo)
    place: str = ""  # "Điều 5, khoản 2" (the member may edit it)
    article: str = ""  # the group in the office's table: "Điều 5" ("" : general)
    order: tuple[int, ...] = ()  # document order of the passage

    def body(self) -> dict[str, Any]:
        return {
            "format": COMMENT_FORMAT, "v": 1, "comment_id": self.comment_id, "revision": self.revision,
            "session_id": self.session_id, "session_version": self.session_version, "item": self.item,
            "kind": self.kind.value, "member": self.member, "name": self.name,
            "written_at": self.written_at.astimezone(UTC).isoformat(), "text": self.text, "entry": self.entry,
            "document_title": self.document_title, "document_sha256": self.document_sha256, "page": self.page,
            "quote": self.quote, "place": self.place, "article": self.article, "order": list(self.order),
        }

    @classmethod
    def from_body(cls, obj: dict[str, Any]) -> Comment:
        """ValueError when not in shape."""
        _exact(obj, {"format", "v", "comment_id", "revision", "session_id", "session_version", "item", "kind",
                     "member", "name", "written_at", "text", "entry", "document_title", "document_sha256", "page",
                     "quote", "place", "article", "order"}, COMMENT_FORMAT)
        entry, digest, page = obj["entry"], obj["document_sha256"], obj["page"]
        if entry is not None and not (isinstance(entry, str) and _ENTRY.fullmatch(entry)):
            raise ValueError("entry")
        if digest is not None and not (isinstance(digest, str) and _HEX64.fullmatch(digest)):
            raise ValueError("document_sha256")
        if (entry is None) != (digest is None):
            raise ValueError("entry without its document hash")
        order = obj["order"]
        if not isinstance(order, list) or len(order) > 8 or not all(_is_int(i, 0, 10**9) for i in order):
            raise ValueError("order")
        kind = CommentKind(_text(obj, "kind", 20))
        comment = cls(
            comment_id=_uuid(obj, "comment_id"), revision=_int(obj, "revision", 1, MAX_REVISION),
            session_id=_match(obj, "session_id", _SESSION), session_version=_int(obj, "session_version", 1, 10**9),
            item=_int(obj, "item", 1, 10**6), kind=kind, member=_match(obj, "member", _FINGERPRINT),
            name=_text(obj, "name", MAX_LABEL), written_at=_when(obj, "written_at"),
            text=_text(obj, "text", MAX_TEXT), entry=entry, document_title=_text(obj, "document_title", MAX_LABEL),
            document_sha256=digest,
            page=None if page is None else _int(obj, "page", 0, 10**6), quote=_text(obj, "quote", MAX_QUOTE),
            place=_text(obj, "place", MAX_LABEL), article=_text(obj, "article", MAX_LABEL), order=tuple(order),
        )
        if kind is CommentKind.COMMENT and not comment.text:
            raise ValueError("a comment without text")
        return comment


@dataclass(frozen=True)
class Answer:
    question: int  # from 0
    choice: str | None  # one of the question's choices (None: no choice made)
    text: str = ""  # the written answer, where the question allows one


@dataclass(frozen=True)
class PollAnswer:
    session_id: str
    session_version: int
    poll_id: str
    revision: int  # a later revision replaces the earlier, until the deadline
    member: str
    name: str
    written_at: datetime
    answers: tuple[Answer, ...]

    @property
    def key(self) -> str:
        """One answer per member per poll: this is its identity across revisions."""
        return f"{self.session_id}/{self.poll_id}"

    def body(self) -> dict[str, Any]:
        return {
            "format": ANSWER_FORMAT, "v": 1, "session_id": self.session_id, "session_version": self.session_version,
            "poll_id": self.poll_id, "revision": self.revision, "member": self.member, "name": self.name,
            "written_at": self.written_at.astimezone(UTC).isoformat(),
            "answers": [{"question": a.question, "choice": a.choice, "text": a.text} for a in self.answers],
        }

    @classmethod
    def from_body(cls, obj: dict[str, Any]) -> PollAnswer:
        _exact(obj, {"format", "v", "session_id", "session_version", "poll_id", "revision", "member", "name",
                     "written_at", "answers"}, ANSWER_FORMAT)
        raw = obj["answers"]
        if not isinstance(raw, list) or len(raw) > MAX_ANSWERS:
            raise ValueError("answers")
        answers = []
        for a in raw:
            if not isinstance(a, dict) or set(a) != {"question", "choice", "text"}:
                raise ValueError("an answer is not in shape")
            choice = a["choice"]
            if choice is not None and not (isinstance(choice, str) and 0 < len(choice) <= 2000 and _plain(choice)):
                raise ValueError("choice")
            answers.append(Answer(_int(a, "question", 0, MAX_ANSWERS - 1), choice, _text(a, "text", MAX_TEXT)))
        if len({a.question for a in answers}) != len(answers):
            raise ValueError("a question answered twice")
        return cls(
            session_id=_match(obj, "session_id", _SESSION), session_version=_int(obj, "session_version", 1, 10**9),
            poll_id=_match(obj, "poll_id", _POLL), revision=_int(obj, "revision", 1, MAX_REVISION),
            member=_match(obj, "member", _FINGERPRINT), name=_text(obj, "name", MAX_LABEL),
            written_at=_when(obj, "written_at"), answers=tuple(answers),
        )


Sealable = Comment | PollAnswer


def canonical(obj: dict[str, Any]) -> bytes:
    """The bytes that are signed: sorted keys, no spaces, UTF-8 (NFC text)."""
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def new_comment_id() -> str:
    return str(uuidlib.uuid4())


def seal(record: Sealable, identity: UnlockedIdentity, office: Sequence[PublicCard]) -> bytes:
    """Sign ``record`` with the member's key and encrypt it to ``office`` and the member (age)."""
    if record.member != identity.card.fingerprint:
        raise ValueError("a member seals only their own comments and answers")
    if not office:
        raise ValueError("no office card to encrypt to")
    body = canonical(record.body())
    kind = COMMENT_FORMAT if isinstance(record, Comment) else ANSWER_FORMAT
    signature = identity.signing_key.sign(body, trusted_comment=TRUSTED[kind])
    envelope = canonical({"format": ENVELOPE_FORMAT, "v": 1, "kind": kind, "body": body.decode("utf-8"),
                          "signature": signature})
    recipients = [card.age_recipient for card in office] + [identity.card.age_recipient]
    return encrypt_bytes(recipients, envelope)


@dataclass(frozen=True)
class Opened:
    record: Sealable
    card: PublicCard  # the member's card that verified it


def open_sealed(sealed: bytes, identities: Sequence[Identity], cards: Mapping[str, PublicCard],
                attributed_to: str) -> Opened:
    """The office's side: decrypt, check, verify (see the module's doc). ``cards``: the members'
    cards by fingerprint, as the office enrolled them; ``attributed_to``: the fingerprint of the
    member the server says sent it. Raises :class:`RefusedEnvelopeError`."""
    who = cards[attributed_to].name if attributed_to in cards else attributed_to

    def refuse(en: str, vi: str) -> RefusedEnvelopeError:
        return RefusedEnvelopeError(member=who, reason=T(en, vi))

    if len(sealed) > MAX_SEALED_BYTES:
        raise refuse("too large", "quá lớn")
    try:
        plain = decrypt_bytes(identities, sealed)
    except AgeError:
        raise refuse("it cannot be decrypted with the office's key (damaged or not addressed to the office)",
                     "không giải mã được bằng khóa của Văn phòng (bị hỏng hoặc không gửi cho Văn phòng)") from None
    try:
        envelope = json.loads(plain.decode("utf-8"))
        if not isinstance(envelope, dict) or set(envelope) != {"format", "v", "kind", "body", "signature"} \
                or envelope["format"] != ENVELOPE_FORMAT or envelope["v"] != 1 or envelope["kind"] not in TRUSTED \
                or not isinstance(envelope["body"], str) or not isinstance(envelope["signature"], str):
            raise ValueError("envelope")
        body_bytes = envelope["body"].encode("utf-8")
        body = json.loads(body_bytes)
        if not isinstance(body, dict) or body.get("format") != envelope["kind"]:
            raise ValueError("body")
        if canonical(body) != body_bytes:  # what is signed is exactly what is read (no duplicate keys, no escapes)
            raise ValueError("not canonical")
    except (UnicodeError, ValueError, RecursionError):
        raise refuse("it is not in the expected format", "không đúng định dạng") from None
    member = body.get("member")
    card = cards.get(member) if isinstance(member, str) else None
    if card is None:
        raise refuse("it names a member the office has not enrolled", "ghi tên một thành viên Văn phòng chưa đăng ký")
    if member != attributed_to:
        raise refuse("it was sent by another member than the one who signed it",
                     "được gửi bởi một thành viên khác với người đã ký")
    try:
        trusted = card.public_key.verify(body_bytes, envelope["signature"])
    except (BadSignatureError, SignatureFormatError, SignatureKeyMismatchError):
        raise refuse("its signature does not match the member's key (altered or forged)",
                     "chữ ký không khớp với khóa của thành viên (đã bị sửa hoặc giả mạo)") from None
    if trusted != TRUSTED[envelope["kind"]]:
        raise refuse("its signature is for something else", "chữ ký dùng cho việc khác")
    try:
        record: Sealable = Comment.from_body(body) if envelope["kind"] == COMMENT_FORMAT \
            else PollAnswer.from_body(body)
    except (ValueError, KeyError, TypeError):
        raise refuse("its content is not in the expected shape", "nội dung không đúng khuôn dạng") from None
    return Opened(record, card)


# -- strict field checks ------------------------------------------------------------------------------------
def _exact(obj: dict[str, Any], keys: set[str], fmt: str) -> None:
    if set(obj) != keys or obj.get("format") != fmt or type(obj.get("v")) is not int or obj.get("v") != 1:
        raise ValueError("not in shape")


def _plain(value: str) -> bool:
    """No lone surrogate (it cannot be written out) and no control character but line breaks and tabs."""
    return not any(unicodedata.category(ch) in ("Cs", "Cc") and ch not in "\n\t" for ch in value)


def _is_int(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _int(obj: dict[str, Any], key: str, low: int, high: int) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or not _is_int(value, low, high):
        raise ValueError(key)
    return value


def _text(obj: dict[str, Any], key: str, limit: int) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or len(value) > limit or not _plain(value) or _clean(value) != value:
        raise ValueError(key)
    return value


def _match(obj: dict[str, Any], key: str, pattern: re.Pattern[str]) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(key)
    return value


def _uuid(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    try:
        if not isinstance(value, str) or str(uuidlib.UUID(value)) != value:
            raise ValueError(key)
    except ValueError:
        raise ValueError(key) from None
    return value


def _when(obj: dict[str, Any], key: str) -> datetime:
    value = datetime.fromisoformat(_text(obj, key, 40))
    if value.tzinfo is None:
        raise ValueError(key)
    return value


def clean(text: str) -> str:
    """How a text from the member is kept: NFC, trimmed (what :func:`open_sealed` insists on)."""
    return _clean(text)


__all__ = ["ANSWER_FORMAT", "COMMENT_FORMAT", "Answer", "Comment", "CommentKind", "Opened", "PollAnswer",
           "RefusedEnvelopeError", "Sealable", "canonical", "clean", "new_comment_id", "open_sealed", "seal"]
