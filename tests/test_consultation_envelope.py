"""Issue 12: comments and poll answers to the office — signed by the member (a standard minisign
signature), encrypted to the office and the member (age); the office refuses a forged, altered,
re-attributed or unaddressed one with a reason, never includes it."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bundle_helpers import People, unlock
from system_tools import require_tool

from paperless.core.age import decrypt_bytes, encrypt_bytes
from paperless.core.consultation.envelope import (
    Answer,
    Comment,
    CommentKind,
    PollAnswer,
    RefusedEnvelopeError,
    canonical,
    new_comment_id,
    open_sealed,
    seal,
)
from paperless.core.identity import PublicCard, load_card

WHEN = datetime(2024, 1, 12, 20, 15, tzinfo=UTC)


def _comment(card: PublicCard, **changes: object) -> Comment:
    base = Comment(
        comment_id=new_comment_id(), revision=1, session_id="phien-12", session_version=1, item=2,
        kind=CommentKind.COMMENT, member=card.fingerprint, name=card.name, written_at=WHEN,
        text="Đề nghị bổ sung chỉ tiêu về chuyển đổi số cấp xã.", entry="documents/0002.age",
        document_sha256="ab" * 32, page=3, quote="Điều 5. Mục tiêu cụ thể", place="Điều 5, khoản 2",
        article="Điều 5", order=(3, 12))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _cards(people: People) -> dict[str, PublicCard]:
    cards = [load_card(people.member(k)) for k in ("an", "binh")]
    return {c.fingerprint: c for c in cards}


def test_a_comment_and_an_answer_reach_the_office_signed_and_sealed(people: People) -> None:
    an, clerk = unlock(people.member("an")), unlock(people.clerk)
    comment = _comment(an.card)
    sealed = seal(comment, an, [clerk.card])
    assert "chuyển đổi số".encode() not in sealed and b"phien-12" not in sealed  # ciphertext only
    opened = open_sealed(sealed, [clerk.age_identity], _cards(people), an.card.fingerprint)
    assert opened.record == comment and opened.card.fingerprint == an.card.fingerprint
    # the member can read their own (another laptop of theirs, the "sent" list)
    assert open_sealed(sealed, [an.age_identity], _cards(people), an.card.fingerprint).record == comment

    answer = PollAnswer("phien-12", 1, "phieu-1", 2, an.card.fingerprint, an.card.name, WHEN,
                        (Answer(0, "Đồng ý"), Answer(1, "Ý kiến khác", "Cần thêm thời gian thảo luận.")))
    assert open_sealed(seal(answer, an, [clerk.card]), [clerk.age_identity], _cards(people),
                       an.card.fingerprint).record == answer


def test_the_signature_is_a_standard_minisign_signature(tmp_path: Path, people: People) -> None:
    minisign = require_tool("minisign")
    an, clerk = unlock(people.member("an")), unlock(people.clerk)
    envelope = json.loads(decrypt_bytes([clerk.age_identity], seal(_comment(an.card), an, [clerk.card])))
    (tmp_path / "body.json").write_bytes(envelope["body"].encode())
    (tmp_path / "body.json.minisig").write_text(envelope["signature"])
    r = subprocess.run([minisign, "-V", "-P", an.card.signing_key, "-m", str(tmp_path / "body.json")],
                       capture_output=True, text=True, timeout=30, check=False)
    assert r.returncode == 0, r.stderr
    assert "paperless-comment-v1" in r.stdout  # the trusted comment names what was signed
    (tmp_path / "body.json").write_bytes(envelope["body"].replace("xã", "tỉnh").encode())
    r = subprocess.run([minisign, "-V", "-P", an.card.signing_key, "-m", str(tmp_path / "body.json")],
                       capture_output=True, text=True, timeout=30, check=False)
    assert r.returncode != 0


def _envelope(body: bytes, signature: str, kind: str = "paperless-comment") -> bytes:
    return canonical({"format": "paperless-signed", "v": 1, "kind": kind, "body": body.decode(),
                      "signature": signature})


def _refused(sealed: bytes, people: People, attributed_to: str, reason: str) -> None:
    clerk = unlock(people.clerk)
    with pytest.raises(RefusedEnvelopeError) as refused:
        open_sealed(sealed, [clerk.age_identity], _cards(people), attributed_to)
    for lang in ("en", "vi"):
        assert "\n" not in refused.value.message(lang)
    assert reason in refused.value.message("en"), refused.value.message("en")


def test_forged_altered_reattributed_and_unaddressed_comments_are_refused(people: People) -> None:
    an, binh, clerk = unlock(people.member("an")), unlock(people.member("binh")), unlock(people.clerk)
    comment = _comment(an.card)
    sealed = seal(comment, an, [clerk.card])
    # altered in transit: one byte of the ciphertext
    damaged = bytearray(sealed)
    damaged[-20] ^= 1
    _refused(bytes(damaged), people, an.card.fingerprint, "cannot be decrypted")
    # altered by someone who can encrypt to the office (its key is public) but cannot sign as An
    body = canonical(comment.body())
    signature = an.signing_key.sign(body, trusted_comment="paperless-comment-v1")
    altered = body.replace("cấp xã".encode(), "cấp tỉnh".encode())
    _refused(encrypt_bytes([clerk.card.age_recipient], _envelope(altered, signature)), people,
             an.card.fingerprint, "signature does not match")
    # re-signed by another member in An's name
    forged = binh.signing_key.sign(body, trusted_comment="paperless-comment-v1")
    _refused(encrypt_bytes([clerk.card.age_recipient], _envelope(body, forged)), people,
             an.card.fingerprint, "signature does not match")
    # Bình uploads An's sealed comment as his own
    _refused(sealed, people, binh.card.fingerprint, "sent by another member")
    # a signature made for something else (a poll answer's trusted comment)
    other = an.signing_key.sign(body, trusted_comment="paperless-poll-answer-v1")
    _refused(encrypt_bytes([clerk.card.age_recipient], _envelope(body, other)), people,
             an.card.fingerprint, "for something else")
    # not addressed to the office
    _refused(encrypt_bytes([an.card.age_recipient], _envelope(body, signature)), people, an.card.fingerprint,
             "cannot be decrypted")
    # a member the office never enrolled
    cuong = unlock(people.member("cuong"))
    _refused(seal(_comment(cuong.card), cuong, [clerk.card]), people, cuong.card.fingerprint, "not enrolled")
    # well signed but not in shape: a comment without text, text not NFC
    for bad in (dataclasses.replace(comment, text=""),
                dataclasses.replace(comment, text="Vie\u0302\u0323t Nam")):
        _refused(seal(bad, an, [clerk.card]), people, an.card.fingerprint, "not in the expected shape")
    # not JSON at all
    _refused(encrypt_bytes([clerk.card.age_recipient], b"\x00not json"), people, an.card.fingerprint,
             "not in the expected format")


def test_a_member_seals_only_their_own(people: People) -> None:
    an, binh, clerk = unlock(people.member("an")), unlock(people.member("binh")), unlock(people.clerk)
    with pytest.raises(ValueError):
        seal(_comment(an.card), binh, [clerk.card])
    with pytest.raises(ValueError):
        seal(_comment(an.card), an, [])


def test_an_agreement_needs_no_text_and_names_no_passage(people: People) -> None:
    an, clerk = unlock(people.member("an")), unlock(people.clerk)
    agree = _comment(an.card, kind=CommentKind.AGREE, text="", entry=None, document_sha256=None, page=None,
                     quote="", place="", article="", order=())
    assert open_sealed(seal(agree, an, [clerk.card]), [clerk.age_identity], _cards(people),
                       an.card.fingerprint).record == agree
    half = _comment(an.card, document_sha256=None)  # a document named without its hash
    _refused(seal(half, an, [clerk.card]), people, an.card.fingerprint, "not in the expected shape")
