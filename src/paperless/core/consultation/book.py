"""The member's comments and poll answers on this computer (docs/consultation.md).

:class:`ConsultationBook` keeps them sealed (:mod:`paperless.core.localstate`, purpose
``consultation``) as ``consultation.age`` in the member's library folder, failing closed. Each
comment has a state the member sees:

* ``draft``: being written; nothing leaves the computer;
* ``sent``: signed and sealed to the office (:func:`~.envelope.seal`), waiting in the outbox for
  the next sync (offline it just waits);
* ``received``: the office server has it (the time it arrived decides whether it was late).

Amending a sent comment makes a draft of its next revision; sending it seals that revision, which
replaces the earlier one at the office. Withdrawing sends a ``withdrawn`` revision (a draft never
sent is simply deleted). "Agree with the draft, no comments" is one comment of kind ``agree`` per
item. A poll answer works the same way: one per member per poll, a later revision replaces it.

:func:`send_consultation` is the sync round's part: it sends the outbox in batches (each envelope
with its own op id, so a round killed before the answer sends it again and the server stores it
once) and marks what the server answered for as received.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import threading
import uuid as uuidlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from paperless.core.consultation import wire as W
from paperless.core.consultation.envelope import Comment, CommentKind, PollAnswer, new_comment_id, seal
from paperless.core.errors import T
from paperless.core.identity import PublicCard, UnlockedIdentity
from paperless.core.localstate import LocalStateTamperedError, read_sealed, write_sealed

CONSULTATION_FILE = "consultation.age"
PURPOSE = "consultation"
FORMAT = "paperless-consultation-v1"
DRAFT, SENT, RECEIVED = "draft", "sent", "received"
STATES = (DRAFT, SENT, RECEIVED)

Call = Callable[[str, str, dict[str, Any] | None], dict[str, Any]]


@dataclass(frozen=True)
class Kept:
    """One comment or answer as this computer knows it: its latest revision and where it stands."""

    record: Comment | PollAnswer
    state: str  # draft | sent | received
    received: int | None = None  # ms since the epoch, the server's clock (state received)

    @property
    def kind(self) -> str:
        return "comment" if isinstance(self.record, Comment) else "answer"

    @property
    def key(self) -> str:
        return self.record.comment_id if isinstance(self.record, Comment) else self.record.poll_id

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.kind, self.record.session_id, self.key)


Pending = W.Item  # a sealed comment or answer waiting in the outbox


class ConsultationBook:
    """The member's comments, answers and outbox in ``folder`` (any thread; each call reads and
    writes the sealed file, so two windows or the sync never see a half-made change)."""

    def __init__(self, folder: Path, identity: UnlockedIdentity, *,
                 clock: Callable[[], datetime] | None = None) -> None:
        self.path = folder / CONSULTATION_FILE
        self.identity = identity
        self._clock = clock or (lambda: datetime.now(UTC))
        self._lock = threading.RLock()

    # -- reading ------------------------------------------------------------------------------------
    def comments(self, session_id: str) -> list[Kept]:
        """The member's comments on the session (not withdrawn ones), in the order written."""
        return [k for k in self._load()[0] if isinstance(k.record, Comment) and k.record.session_id == session_id
                and k.record.kind is not CommentKind.WITHDRAWN]

    def comment(self, comment_id: str) -> Kept | None:
        return next((k for k in self._load()[0] if k.kind == "comment" and k.key == comment_id), None)

    def answer(self, session_id: str, poll_id: str) -> Kept | None:
        return next((k for k in self._load()[0] if k.ident == ("answer", session_id, poll_id)), None)

    def pending(self) -> list[Pending]:
        return self._load()[1]

    # -- changing -----------------------------------------------------------------------------------
    def new_comment(self, **fields: Any) -> Comment:
        """A new comment (a draft until :meth:`send`) by this member; ``fields`` as :class:`Comment`'s."""
        card = self.identity.card
        comment = Comment(comment_id=new_comment_id(), revision=1, member=card.fingerprint, name=card.name,
                          written_at=self._clock(), **fields)
        self.save_draft(comment)
        return comment

    def save_draft(self, comment: Comment) -> Comment:
        """Keep ``comment`` as a draft: a new one, an edit of a draft, or the next revision of a sent
        one (its revision is set here). Returns what was kept."""
        with self._lock:
            kept, pending = self._load()
            old = self._find(kept, ("comment", comment.session_id, comment.comment_id))
            revision = 1 if old is None else old.record.revision + (0 if old.state == DRAFT else 1)
            comment = dataclasses.replace(comment, revision=revision, written_at=self._clock())
            self._put(kept, Kept(comment, DRAFT))
            self._save(kept, pending)
            return comment

    def send(self, comment_id: str, office: Sequence[PublicCard]) -> Comment:
        """Seal the comment's draft to the office and queue it; the comment is then ``sent``."""
        with self._lock:
            kept, pending = self._load()
            found = next((k for k in kept if k.kind == "comment" and k.key == comment_id), None)
            if found is None or found.state != DRAFT:
                raise ValueError("no draft to send")
            comment = found.record
            assert isinstance(comment, Comment)
            self._queue(kept, pending, comment, office)
            return comment

    def send_all(self, session_id: str, office: Sequence[PublicCard]) -> int:
        """Send every draft of the session; how many."""
        with self._lock:
            drafts = [k.key for k in self.comments(session_id) if k.state == DRAFT]
            for comment_id in drafts:
                self.send(comment_id, office)
            return len(drafts)

    def withdraw(self, comment_id: str, office: Sequence[PublicCard]) -> None:
        """Withdraw a comment: a draft never sent is deleted; a sent one gets a ``withdrawn`` revision."""
        with self._lock:
            kept, pending = self._load()
            found = next((k for k in kept if k.kind == "comment" and k.key == comment_id), None)
            if found is None:
                return
            comment = found.record
            assert isinstance(comment, Comment)
            if found.state == DRAFT and comment.revision == 1:
                kept.remove(found)
                self._save(kept, pending)
                return
            revision = comment.revision + (0 if found.state == DRAFT else 1)
            withdrawn = dataclasses.replace(comment, revision=revision, kind=CommentKind.WITHDRAWN,
                                            written_at=self._clock())
            self._queue(kept, pending, withdrawn, office)

    def agree(self, session_id: str, session_version: int, item: int, office: Sequence[PublicCard]) -> Comment:
        """"Agree with the draft, no comments" for ``item``: sent at once (one per item; again: a
        new revision of the same)."""
        with self._lock:
            kept, pending = self._load()
            old = next((k for k in kept if isinstance(k.record, Comment) and k.record.session_id == session_id
                        and k.record.item == item and k.record.kind is CommentKind.AGREE), None)
            card = self.identity.card
            comment = Comment(
                comment_id=old.key if old else new_comment_id(), revision=old.record.revision + 1 if old else 1,
                session_id=session_id, session_version=session_version, item=item, kind=CommentKind.AGREE,
                member=card.fingerprint, name=card.name, written_at=self._clock())
            self._queue(kept, pending, comment, office)
            return comment

    def answer_poll(self, answer: PollAnswer, office: Sequence[PublicCard]) -> PollAnswer:
        """Seal and queue the member's answer to a poll (its revision follows the last one here)."""
        with self._lock:
            kept, pending = self._load()
            old = self._find(kept, ("answer", answer.session_id, answer.poll_id))
            card = self.identity.card
            answer = dataclasses.replace(answer, revision=old.record.revision + 1 if old else 1,
                                         member=card.fingerprint, name=card.name, written_at=self._clock())
            self._queue(kept, pending, answer, office)
            return answer

    def received(self, answered: dict[str, int]) -> None:
        """The server answered for these op ids (stored or duplicate), with its time of receipt:
        drop them from the outbox and mark their revisions received."""
        if not answered:
            return
        with self._lock:
            kept, pending = self._load()
            for p in [p for p in pending if p.op in answered]:
                pending.remove(p)
                found = self._find(kept, (p.kind, p.session_id, p.key))
                if found is not None and found.record.revision == p.revision and found.state == SENT:
                    self._put(kept, Kept(found.record, RECEIVED, answered[p.op]))
            self._save(kept, pending)

    # -- inside ---------------------------------------------------------------------------------------
    def _queue(self, kept: list[Kept], pending: list[Pending], record: Comment | PollAnswer,
               office: Sequence[PublicCard]) -> None:
        sealed = seal(record, self.identity, office)
        item = Kept(record, SENT)
        pending.append(Pending(str(uuidlib.uuid4()), item.kind, record.session_id, item.key, record.revision, sealed))
        self._put(kept, item)
        self._save(kept, pending)

    @staticmethod
    def _find(kept: list[Kept], ident: tuple[str, str, str]) -> Kept | None:
        return next((k for k in kept if k.ident == ident), None)

    @staticmethod
    def _put(kept: list[Kept], item: Kept) -> None:
        for i, k in enumerate(kept):
            if k.ident == item.ident:
                kept[i] = item
                return
        kept.append(item)

    def _load(self) -> tuple[list[Kept], list[Pending]]:
        with self._lock:
            body = read_sealed(self.path, self.identity, PURPOSE)
            if body is None:
                return [], []
            try:
                obj = json.loads(body)
                if not isinstance(obj, dict) or obj.get("format") != FORMAT:
                    raise ValueError("format")
                kept = [_kept_from(o) for o in obj["kept"]]
                pending = [_pending_from(o) for o in obj["pending"]]
            except (ValueError, KeyError, TypeError):
                raise LocalStateTamperedError(path=str(self.path), detail=T(
                    "not the member's comments to the office", "không phải các góp ý gửi Văn phòng")) from None
            return kept, pending

    def _save(self, kept: list[Kept], pending: list[Pending]) -> None:
        body = {"format": FORMAT,
                "kept": [{"kind": k.kind, "body": k.record.body(), "state": k.state, "received": k.received}
                         for k in kept],
                "pending": [p.wire() for p in pending]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_sealed(self.path, self.identity, PURPOSE, json.dumps(body, ensure_ascii=False).encode("utf-8"))


def _kept_from(obj: Any) -> Kept:
    if not isinstance(obj, dict) or obj.get("state") not in STATES:
        raise ValueError("kept")
    record = Comment.from_body(obj["body"]) if obj.get("kind") == "comment" else PollAnswer.from_body(obj["body"])
    received = obj.get("received")
    if received is not None and (not isinstance(received, int) or isinstance(received, bool)):
        raise ValueError("received")
    return Kept(record, obj["state"], received)


def _pending_from(obj: Any) -> Pending:
    if not isinstance(obj, dict) or obj.get("kind") not in W.KINDS \
            or not W.is_key(str(obj.get("kind")), obj.get("key")):
        raise ValueError("pending")
    revision = obj.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or not 1 <= revision <= W.MAX_REVISION:
        raise ValueError("revision")
    return Pending(str(uuidlib.UUID(str(obj["op"]))), str(obj["kind"]), str(obj["session_id"]), str(obj["key"]),
                   revision, base64.b64decode(str(obj["sealed"]), validate=True))


def send_consultation(book: ConsultationBook, call: Call, crash_hook: Callable[[str], None] | None = None) -> int:
    """Send the outbox (batches of :data:`~.wire.MAX_ITEMS`); how many the server answered for."""
    sent = 0
    queued = book.pending()
    for start in range(0, len(queued), W.MAX_ITEMS):
        batch = queued[start:start + W.MAX_ITEMS]
        answer = call("POST", W.CONSULTATION, {"items": [p.wire() for p in batch]})
        if crash_hook is not None:
            crash_hook("consultation-sent")
        results = answer.get("results")
        wanted = {p.op for p in batch}
        done = {str(x["op"]): int(x["received"]) for x in results if isinstance(x, dict)
                and x.get("status") in (W.STORED, W.DUPLICATE) and x.get("op") in wanted
                and isinstance(x.get("received"), int)} if isinstance(results, list) else {}
        book.received(done)
        sent += len(done)
    return sent


__all__ = ["CONSULTATION_FILE", "DRAFT", "RECEIVED", "SENT", "ConsultationBook", "Kept", "Pending",
           "send_consultation"]
