"""The zero-plaintext scan (server_helpers.scan_for_plaintext) on SQLite and PostgreSQL: sealed
payloads leave no trace of their text; the scan itself finds a planted one in each of its forms
(NFC/NFD, UTF-8/UTF-16), so a clean result means something. The realistic end-to-end scan (real
notes synced by the real client) builds on this helper."""

from __future__ import annotations

import json
import os
import unicodedata

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from server_helpers import RunningServer, new_uuid, ok, push_op, scan_for_plaintext, sha256_hex

TITLE = "Báo cáo tình hình kinh tế – xã hội quý IV"
NOTE = "Cần làm rõ số liệu thu ngân sách ở trang 14"
DOC_HASH = sha256_hex(b"the bytes of a meeting document")


def _sealed(key: bytes, plaintext: str) -> bytes:
    nonce = os.urandom(12)
    return b"PSY1" + (1).to_bytes(4, "big") + nonce + AESGCM(key).encrypt(nonce, plaintext.encode(), b"aad")


def test_sealed_notes_leave_no_plaintext_and_the_scan_finds_planted_text(server: RunningServer) -> None:
    key = os.urandom(32)
    an = server.device("an")
    an.register()
    ok(an.put_key(1, _sealed(key, "the age file of the sync key")))
    envelopes = [json.dumps({"table": "annotations", "env": {"meta": {"session": TITLE, "document": DOC_HASH,
                                                                       "page": 14, "colour": "#ffd400"},
                                                              "data": NOTE}}, ensure_ascii=False)
                 for _ in range(20)]
    ok(an.push([push_op(new_uuid(), 0, _sealed(key, env)) for env in envelopes]))
    assert len(an.pull_all()[0]) == 20
    needles: list[str | bytes] = [TITLE, NOTE, DOC_HASH, bytes.fromhex(DOC_HASH), "#ffd400"]
    assert scan_for_plaintext(server.setup, needles) == []
    # planted in clear: found, whatever its form
    for i, (form, encoding) in enumerate([("NFC", "utf-8"), ("NFD", "utf-8"), ("NFD", "utf-16-le"),
                                          ("NFC", "utf-16-be")]):
        planted = f"{NOTE} ({i})"
        assert scan_for_plaintext(server.setup, [planted]) == []
        ok(an.push([push_op(new_uuid(), 0, b"clear:" + unicodedata.normalize(form, planted).encode(encoding))]))
        hits = scan_for_plaintext(server.setup, [planted])
        assert hits, (form, encoding)
    assert scan_for_plaintext(server.setup, [TITLE, DOC_HASH]) == []
