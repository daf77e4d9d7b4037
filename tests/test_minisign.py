"""Unit tests for paperless.core.minisign (no minisign binary needed)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paperless.core.errors import PaperlessError
from paperless.core.minisign import (
    BadSignatureError,
    PublicKey,
    SignatureFormatError,
    SignatureKeyMismatchError,
    SigningKey,
    key_id_hex,
)

ERRORS = (SignatureFormatError, SignatureKeyMismatchError, BadSignatureError)

# Made with Debian's minisign 0.11: `minisign -G -W`, then
# `minisign -S -s sec -m f -t "xin chào đồng chí"` and `minisign -S -l ... -t legacy`
# over the 6-byte file "hello\n".
VECTOR_PUB = (
    "untrusted comment: minisign public key 5C1EE3E9FD7AEA2C\n"
    "RWQs6nr96eMeXA2x7eUYVX6joVdsujOmOJyayMuSK0+eButHGcVaWZn7\n"
)
VECTOR_DATA = b"hello\n"
VECTOR_SIG = (
    "untrusted comment: signature from minisign secret key\n"
    "RUQs6nr96eMeXHvsFvGqqWeqaNP7TNwu1pLGdFvOjjPtboBcpBgvThwNcXoQ3X7OeDmwFRb5BsMo79bDOLy9wEGEaeJ9kXtzsgw=\n"
    "trusted comment: xin chào đồng chí\n"
    "SELsr6SDyNgZCMBWTsDmaBnD+JjuWn/5ZFQ9ehOQEpVRJr8K0XcwQbpg14bEo0sTw3binYmET+/tKqpVZiaVDw==\n"
)
VECTOR_SIG_LEGACY = (
    "untrusted comment: signature from minisign secret key\n"
    "RWQs6nr96eMeXB/fT2EU8kSBwc5qLHM+K6OsrNqyVSNJBH5vz0pkf6MShOOa3pSS4JXtRQk5LyAkGKl5nhWQ/xg0/bJKpSY8CQA=\n"
    "trusted comment: legacy\n"
    "wBl4TFGaaVNp3vO2hj5pVE4hRo87IkdyK5+GqsF2RuBbG6BNqiU4j+6nWlzSbnxP1teneGhaZHEuYcHuu2jQAw==\n"
)

SEED = bytes(range(32))
KEY_ID = bytes.fromhex("0102030405060708")


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.from_seed(SEED, KEY_ID)


def _replace_line(text: str, index: int, new: str) -> str:
    lines = text.split("\n")
    lines[index] = new
    return "\n".join(lines)


def _flip_b64(line: str, byte_index: int) -> str:
    raw = bytearray(base64.b64decode(line))
    raw[byte_index] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


# --- known vectors -------------------------------------------------------------------


def test_minisign_vector_prehashed() -> None:
    pk = PublicKey.from_file_text(VECTOR_PUB)
    assert pk.key_id_hex == "5C1EE3E9FD7AEA2C"
    assert pk.to_file_text() == VECTOR_PUB
    assert pk.verify(VECTOR_DATA, VECTOR_SIG) == "xin chào đồng chí"


def test_minisign_vector_legacy() -> None:
    pk = PublicKey.from_file_text(VECTOR_PUB)
    assert pk.verify(VECTOR_DATA, VECTOR_SIG_LEGACY) == "legacy"


def test_minisign_vector_tampered() -> None:
    pk = PublicKey.from_file_text(VECTOR_PUB)
    with pytest.raises(BadSignatureError):
        pk.verify(b"hello!\n", VECTOR_SIG)
    with pytest.raises(BadSignatureError):
        pk.verify(VECTOR_DATA, VECTOR_SIG.replace("đồng chí", "đồng chi"))


# --- keys ----------------------------------------------------------------------------


def test_from_seed_is_deterministic(key: SigningKey) -> None:
    again = SigningKey.from_seed(SEED, KEY_ID)
    assert again.public_key() == key.public_key()
    assert key.seed == SEED
    assert key.key_id == KEY_ID
    assert key.public_key().key_id == KEY_ID
    assert SEED.hex() not in repr(key)


def test_generate_is_random() -> None:
    a, b = SigningKey.generate(), SigningKey.generate()
    assert a.key_id != b.key_id
    assert a.seed != b.seed
    assert len(a.key_id) == 8 and len(a.seed) == 32


def test_key_id_hex_is_little_endian_uppercase() -> None:
    assert key_id_hex(KEY_ID) == "807060504030201"
    assert key_id_hex(bytes.fromhex("2cea7afde9e31e5c")) == "5C1EE3E9FD7AEA2C"
    assert key_id_hex(bytes(8)) == "0"


def test_public_key_round_trips(key: SigningKey) -> None:
    pk = key.public_key()
    text = pk.to_file_text()
    assert text == (f"untrusted comment: minisign public key {pk.key_id_hex}\n{pk.to_base64()}\n")
    assert PublicKey.from_file_text(text) == pk
    assert PublicKey.from_file_text(text.encode()) == pk
    assert PublicKey.from_file_text(text.replace("\n", "\r\n")) == pk
    assert PublicKey.from_base64(pk.to_base64()) == pk
    assert base64.b64decode(pk.to_base64())[:2] == b"Ed"


def test_bad_seed_and_key_id() -> None:
    with pytest.raises(SignatureFormatError):
        SigningKey.from_seed(b"short", KEY_ID)
    with pytest.raises(SignatureFormatError):
        SigningKey.from_seed(SEED, b"\x00" * 7)


# --- sign / verify ---------------------------------------------------------------------


def test_sign_verify_round_trip(key: SigningKey) -> None:
    data = b"Ban Thuong vu" * 1000
    sig = key.sign(data, trusted_comment="phiên thứ 12\tfile:agenda.pdf")
    lines = sig.split("\n")
    assert lines[0] == "untrusted comment: signature from paperless secret key"
    assert base64.b64decode(lines[1])[:2] == b"ED"
    assert base64.b64decode(lines[1])[2:10] == KEY_ID
    assert lines[2] == "trusted comment: phiên thứ 12\tfile:agenda.pdf"
    assert len(base64.b64decode(lines[3])) == 64
    assert lines[4] == "" and len(lines) == 5
    assert key.public_key().verify(data, sig) == "phiên thứ 12\tfile:agenda.pdf"
    assert key.public_key().verify(data, sig.encode()) == "phiên thứ 12\tfile:agenda.pdf"
    assert key.public_key().verify(data, sig.replace("\n", "\r\n")).endswith("agenda.pdf")


def test_sign_legacy_and_custom_untrusted_comment(key: SigningKey) -> None:
    sig = key.sign(b"x", trusted_comment="t", untrusted_comment="hello", prehashed=False)
    assert sig.startswith("untrusted comment: hello\n")
    assert base64.b64decode(sig.split("\n")[1])[:2] == b"Ed"
    assert key.public_key().verify(b"x", sig) == "t"


def test_empty_data_and_comment(key: SigningKey) -> None:
    sig = key.sign(b"", trusted_comment="")
    assert key.public_key().verify(b"", sig) == ""


@pytest.mark.parametrize("comment", ["a\nb", "a\rb", "a\x00b", "x" * 8001, "\ud800"])
def test_sign_rejects_bad_trusted_comment(key: SigningKey, comment: str) -> None:
    with pytest.raises(SignatureFormatError):
        key.sign(b"x", trusted_comment=comment)


def test_sign_rejects_multiline_untrusted_comment(key: SigningKey) -> None:
    with pytest.raises(SignatureFormatError):
        key.sign(b"x", trusted_comment="t", untrusted_comment="a\nb")


def test_tampered_data(key: SigningKey) -> None:
    sig = key.sign(b"original", trusted_comment="t")
    with pytest.raises(BadSignatureError) as info:
        key.public_key().verify(b"originaL", sig)
    assert info.value.params["part"] == "data"


def test_tampered_trusted_comment(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="phiên 12")
    forged = sig.replace("trusted comment: phiên 12", "trusted comment: phiên 13")
    with pytest.raises(BadSignatureError) as info:
        key.public_key().verify(b"data", forged)
    assert info.value.params["part"] == "trusted comment"


@pytest.mark.parametrize("line,byte", [(1, 20), (1, 73), (3, 0), (3, 63)])
def test_tampered_signature_bytes(key: SigningKey, line: int, byte: int) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    forged = _replace_line(sig, line, _flip_b64(sig.split("\n")[line], byte))
    with pytest.raises(BadSignatureError):
        key.public_key().verify(b"data", forged)


def test_algorithm_downgrade_is_refused(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    raw = bytearray(base64.b64decode(sig.split("\n")[1]))
    raw[:2] = b"Ed"
    forged = _replace_line(sig, 1, base64.b64encode(bytes(raw)).decode())
    with pytest.raises(BadSignatureError):
        key.public_key().verify(b"data", forged)


def test_unknown_algorithm(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    raw = bytearray(base64.b64decode(sig.split("\n")[1]))
    raw[:2] = b"XX"
    forged = _replace_line(sig, 1, base64.b64encode(bytes(raw)).decode())
    with pytest.raises(SignatureFormatError):
        key.public_key().verify(b"data", forged)


def test_other_key_is_a_mismatch(key: SigningKey) -> None:
    other = SigningKey.generate()
    sig = other.sign(b"data", trusted_comment="t")
    with pytest.raises(SignatureKeyMismatchError) as info:
        key.public_key().verify(b"data", sig)
    assert info.value.params["sig_key_id"] == other.key_id_hex
    assert info.value.params["key_id"] == key.key_id_hex


def test_same_key_id_other_key_is_bad_signature(key: SigningKey) -> None:
    impostor = SigningKey.from_seed(bytes(32), KEY_ID)
    sig = impostor.sign(b"data", trusted_comment="t")
    with pytest.raises(BadSignatureError):
        key.public_key().verify(b"data", sig)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda s: "",
        lambda s: "\n".join(s.split("\n")[:3]),
        lambda s: s.replace("untrusted comment: ", "comment: "),
        lambda s: s.replace("trusted comment: t", "trusted: t"),
        lambda s: _replace_line(s, 1, s.split("\n")[1][:-4]),
        lambda s: _replace_line(s, 3, s.split("\n")[3] + "AAAA"),
        lambda s: _replace_line(s, 1, s.split("\n")[1].replace("=", "")),
        lambda s: _replace_line(s, 1, "é" + s.split("\n")[1][1:]),
        lambda s: _replace_line(s, 3, " " + s.split("\n")[3]),
        lambda s: s + "extra line\n",
        lambda s: s.encode("utf-8").replace(b"trusted comment: t", b"trusted comment: \xff"),
    ],
)
def test_malformed_signature(key: SigningKey, mangle: object) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    assert callable(mangle)
    with pytest.raises(SignatureFormatError):
        key.public_key().verify(b"data", mangle(sig))


def test_blank_lines_after_signature_are_fine(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    assert key.public_key().verify(b"data", sig + "\n\n") == "t"
    assert key.public_key().verify(b"data", sig.rstrip("\n")) == "t"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "untrusted comment: x\n",
        "untrusted comment: x\nnot base64!\n",
        "untrusted comment: x\nRWQ=\n",
        "hello\nRWQs6nr96eMeXA2x7eUYVX6joVdsujOmOJyayMuSK0+eButHGcVaWZn7\n",
        VECTOR_PUB.replace("RWQ", "RUQ"),
        VECTOR_PUB + "garbage\n",
    ],
)
def test_malformed_public_key(text: str) -> None:
    with pytest.raises(SignatureFormatError):
        PublicKey.from_file_text(text)


def test_error_messages_are_one_line_in_both_languages() -> None:
    errors: list[PaperlessError] = [
        SignatureFormatError(what="signature", detail="invalid base64"),
        SignatureKeyMismatchError(sig_key_id="AB", key_id="CD"),
        BadSignatureError(part="data"),
    ]
    for err in errors:
        for lang in ("en", "vi"):
            msg = err.message(lang)
            assert "\n" not in msg and "{" not in msg
    assert "khóa" in errors[1].message("vi")


# --- fuzzing -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_fuzz_public_key_parsers(text: str | bytes) -> None:
    for parse in (PublicKey.from_file_text, PublicKey.from_base64):
        try:
            pk = parse(text)
        except ERRORS:
            continue
        assert isinstance(pk, PublicKey)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64), st.one_of(st.text(), st.binary()))
def test_fuzz_verify_random_text(data: bytes, text: str | bytes) -> None:
    pk = PublicKey.from_file_text(VECTOR_PUB)
    try:
        pk.verify(data, text)
    except ERRORS:
        pass


_GOOD = SigningKey.from_seed(SEED, KEY_ID)
_GOOD_SIG = _GOOD.sign(b"data", trusted_comment="phiên thứ 12")


@settings(max_examples=500, deadline=None)
@given(st.integers(0, len(_GOOD_SIG) - 1), st.characters(), st.booleans())
def test_fuzz_verify_mutated_signature(pos: int, char: str, insert: bool) -> None:
    text = _GOOD_SIG[:pos] + char + _GOOD_SIG[pos + (0 if insert else 1) :]
    try:
        comment = _GOOD.public_key().verify(b"data", text)
    except ERRORS:
        return
    assert comment == "phiên thứ 12"  # only harmless edits (untrusted comment, newline) pass


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=256), st.text(max_size=200))
def test_fuzz_round_trip(data: bytes, comment: str) -> None:
    try:
        sig = _GOOD.sign(data, trusted_comment=comment)
    except SignatureFormatError:
        assert any(c in comment for c in "\r\n\x00") or any(
            0xD800 <= ord(c) <= 0xDFFF for c in comment
        )
        return
    assert _GOOD.public_key().verify(data, sig) == comment


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=32, max_size=32))
def test_fuzz_arbitrary_public_key_bytes(raw: bytes) -> None:
    text = base64.b64encode(b"Ed" + KEY_ID + raw).decode()
    try:
        pk = PublicKey.from_base64(text)
    except SignatureFormatError:
        return
    with pytest.raises(ERRORS):
        pk.verify(b"data", _GOOD_SIG)


def test_signature_key_id_without_verifying(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    assert PublicKey.signature_key_id(sig) == KEY_ID
    assert PublicKey.signature_key_id_hex(sig) == key.key_id_hex
    assert PublicKey.signature_key_id_hex(VECTOR_SIG) == "5C1EE3E9FD7AEA2C"
    with pytest.raises(SignatureFormatError):
        PublicKey.signature_key_id_hex("untrusted comment: x\n")


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.binary()))
def test_fuzz_signature_key_id(text: str | bytes) -> None:
    try:
        assert len(PublicKey.signature_key_id(text)) == 8
    except SignatureFormatError:
        pass
