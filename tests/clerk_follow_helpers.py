"""A real office server's folder and database for the clerk's Follow page, without HTTP: the
server's own stores (:class:`~paperless.server.receipts.ReceiptStore`,
:class:`~paperless.server.consultation.ConsultationStore`) behind the workspace's
:class:`~paperless.core.clerk.office.OfficeService`, members' devices registered as the server
registers them, receipts and acknowledgements signed by those devices, comments and poll answers
sealed by the members (the real core code)."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bundle_helpers import PASSPHRASE, People, unlock, write_session
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from server_helpers import cli

from paperless.core.clerk.office import HeldEnvelope, PublishedVersion, RecallEntry, ReceiptEntry
from paperless.core.consultation import wire as W
from paperless.core.consultation.envelope import Answer, Comment, CommentKind, PollAnswer, new_comment_id, seal
from paperless.core.identity import UnlockedIdentity, load_card
from paperless.core.session import SessionSpec, load_session
from paperless.core.sync import notices as N
from paperless.core.sync import protocol as P
from paperless.server import db
from paperless.server.config import load_config
from paperless.server.consultation import ConsultationStore
from paperless.server.receipts import Receipt, ReceiptStore
from paperless.server.store import Store

PLAN = "Dự thảo Kế hoạch chuyển đổi số"
STAFF = "Công tác cán bộ"
STARTS = datetime(2099, 1, 15, 8, 0, tzinfo=UTC)
POLL = '''
[[polls]]
id = "phieu-1"
title = "Phiếu lấy ý kiến về thời điểm tổ chức Hội nghị"
due = 2099-01-10

[[polls.questions]]
text = "Đồng chí có đồng ý tổ chức Hội nghị vào tháng 3?"

[[polls.questions]]
text = "Đề xuất khác"
choices = []
'''


def follow_session(root: Path, people: People) -> SessionSpec:
    """The three-item session of the bundle tests, meeting on 15/01/2099; the plan (item 2) open for
    comments, the staffing item (3, An only) Tối mật; one poll."""
    root.mkdir(parents=True, exist_ok=True)
    toml = write_session(root, people, extra=POLL)
    text = toml.read_text(encoding="utf-8")
    text = text.replace("starts_at = 2024-01-15T08:00:00+07:00", "starts_at = 2099-01-15T08:00:00Z")
    text = text.replace(f'title = "{PLAN}"', f'title = "{PLAN}"\ncomments_due = 2099-01-10')
    text = text.replace(f'title = "{STAFF}"', f'title = "{STAFF}"\nlevel = "toi_mat"')
    toml.write_text(text, encoding="utf-8")
    return load_session(toml)


@dataclass
class Device:
    member: str  # the server's member id
    device: str
    key: Ed25519PrivateKey
    identity: UnlockedIdentity


@dataclass
class StoreOffice:
    """An :class:`~paperless.core.clerk.office.OfficeService` over a real server folder's database
    (SQLite), in process. ``offline = True``: every call fails as a refused connection does."""

    folder: Path
    store: Store
    url: str
    offline: bool = False
    calls: list[str] = field(default_factory=list)
    on_gui_thread: list[str] = field(default_factory=list)  # calls made on the main thread (should be none)

    @classmethod
    def make(cls, folder: Path, people: People) -> StoreOffice:
        assert cli("server", "init", folder, "--office", people.clerk, "--passphrase-env", "PL_F_PASS",
                   "--url", "https://127.0.0.1:8443", env={"PL_F_PASS": PASSPHRASE}) == 0
        assert cli("server", "enroll", folder, *(people.member(k) / "card.toml" for k in ("an", "binh", "cuong"))) == 0
        config = load_config(folder)
        db.migrate(config.database_url)
        return cls(folder, Store(db.make_engine(config.database_url, pool_size=1)), "https://127.0.0.1:8443")

    def close(self) -> None:
        self.store.engine.dispose()

    def _online(self, what: str) -> None:
        self.calls.append(what)
        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread.append(what)
        if self.offline:
            raise ConnectionRefusedError(111, "Connection refused")

    # -- the OfficeService ---------------------------------------------------------------------------
    def publish(self, bundle: Path, due: datetime | None = None) -> PublishedVersion:
        raise NotImplementedError

    def receipts(self, session_id: str) -> list[ReceiptEntry]:
        self._online("receipts")
        return [ReceiptEntry(r.member, r.member_name, r.device, r.version,
                             r.target.removeprefix("entry:"), r.event, r.at)
                for r in ReceiptStore(self.store).receipts(session_id)]

    def recall(self, session_id: str, item: int | None = None) -> None:
        self._online("recall")
        ReceiptStore(self.store).recall(session_id, item, "keep")

    def recall_status(self, session_id: str) -> list[RecallEntry]:
        self._online("recall_status")
        return [RecallEntry(s.recall.id, s.recall.session_id, s.recall.item, s.recall.recalled_at, s.member_name,
                            s.device, s.device_name, s.acked_at, s.revoked)
                for s in ReceiptStore(self.store).recall_status(session_id)]

    def envelopes(self, session_id: str) -> list[HeldEnvelope]:
        self._online("envelopes")
        return [HeldEnvelope(h.member, h.kind, h.session_id, h.key, h.revision, h.received, h.sealed)
                for h in ConsultationStore(self.store).for_session(session_id)]

    # -- members' devices, as the server registers them -----------------------------------------------
    def device(self, people: People, who: str, name: str = "Máy tính văn phòng") -> Device:
        identity = unlock(people.member(who))
        member, device, key = P.member_id(identity.card.fingerprint), str(uuid.uuid4()), Ed25519PrivateKey.generate()
        device_key = P.b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
        created = "2026-12-07T08:00:00Z"
        certificate = identity.signing_key.sign(P.device_certificate(member, device, device_key, name, created),
                                                trusted_comment=f"paperless device {device}")
        challenge = self.store.challenge(member, device, "register")
        signature = key.sign(P.auth_message("register", self.url, member, device, challenge))
        self.store.register(self.url, member, device, device_key, name, created, certificate, challenge, signature)
        return Device(member, device, key, identity)

    def receipt(self, dev: Device, session_id: str, entry: str, event: str, at: str) -> None:
        op, target = str(uuid.uuid4()), N.target_of(entry, None)
        signature = dev.key.sign(N.receipt_message(dev.member, dev.device, op, session_id, 1, target, event, at))
        ReceiptStore(self.store).add_receipts(dev.member, dev.device,
                                              [Receipt(op, session_id, 1, target, event, at, signature)])

    def ack_all(self, dev: Device) -> int:
        """The device carries out and acknowledges every recall addressed to its member."""
        receipts, count = ReceiptStore(self.store), 0
        for recall, acked in receipts.recalls_for(dev.member, dev.device):
            if not acked:
                message = N.recall_ack_message(dev.member, dev.device, recall.id, recall.session_id, recall.item,
                                               recall.notes)
                count += receipts.ack(dev.member, dev.device, recall.id, dev.key.sign(message))
        return count

    def send(self, dev: Device, record: Comment | PollAnswer, people: People) -> None:
        sealed = seal(record, dev.identity, [load_card(people.clerk)])
        kind, key = ("comment", record.comment_id) if isinstance(record, Comment) else ("answer", record.poll_id)
        ConsultationStore(self.store).submit(dev.member, dev.device, [
            W.Item(str(uuid.uuid4()), kind, record.session_id, key, record.revision, sealed)])


WRITTEN = datetime(2099, 1, 5, 9, 0, tzinfo=UTC)


def comment(spec: SessionSpec, dev: Device, text: str, *, entry: str | None = "documents/0002.age",
            article: str = "", place: str = "", quote: str = "", order: tuple[int, ...] = (),
            comment_id: str | None = None, revision: int = 1) -> Comment:
    card = dev.identity.card
    return Comment(comment_id=comment_id or new_comment_id(), revision=revision, session_id=spec.session_id,
                   session_version=1, item=2, kind=CommentKind.COMMENT, member=card.fingerprint, name=card.name,
                   written_at=WRITTEN, text=text, entry=entry, document_title=PLAN if entry else "",
                   document_sha256="cd" * 32 if entry else None, page=0 if entry else None, quote=quote,
                   place=place, article=article, order=order)


def poll_answer(spec: SessionSpec, dev: Device, choice: str, text: str = "") -> PollAnswer:
    card = dev.identity.card
    answers = (Answer(0, choice),) + ((Answer(1, None, text),) if text else ())
    return PollAnswer(spec.session_id, 1, "phieu-1", 1, card.fingerprint, card.name, WRITTEN, answers)
